/**
 * Slack's `<!date^SECONDS^FORMAT|fallback>` tokens, rendered the way the Slack client renders them:
 * in the reader's own time zone, with "today"/"tomorrow" relative to the reader's now. Pure (Intl
 * only), so the page and its unit tests agree.
 */
export interface DateContext {
  /** The reader's IANA zone (the acting person's `tz` in the workspace). */
  timeZone: string;
  /** The reader's now in ms (the demo clock), for the *_pretty formats and {ago}. */
  now: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS: Record<string, string> = {
  Sun: 'Sunday',
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
};

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: string;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: WEEKDAYS[get('weekday')] ?? get('weekday'),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
  };
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Days between two local calendar dates (their zone's midnight-to-midnight, DST-proof). */
function dayDiff(a: LocalParts, b: LocalParts): number {
  return Math.round((Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000);
}

function relativeDay(at: LocalParts, today: LocalParts): string | undefined {
  return { 0: 'today', 1: 'tomorrow', [-1]: 'yesterday' }[dayDiff(at, today)];
}

function time(p: LocalParts, seconds: boolean): string {
  const h = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${h}:${pad(p.minute)}${seconds ? `:${pad(p.second)}` : ''} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

function ago(ms: number, now: number): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  const units: Array<[number, string]> = [
    [365 * 86_400_000, 'year'],
    [30 * 86_400_000, 'month'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  const [size, name] = units.find(([size]) => abs >= size) ?? [0, ''];
  if (size === 0) return 'just now';
  const n = Math.floor(abs / size);
  const phrase = `${n} ${name}${n === 1 ? '' : 's'}`;
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** Expands one FORMAT string (`{date_long_pretty} at {time}`) for the instant `seconds`. */
export function formatSlackDate(seconds: number, format: string, ctx: DateContext): string {
  const ms = seconds * 1000;
  const at = localParts(ms, ctx.timeZone);
  const today = localParts(ctx.now, ctx.timeZone);
  const month = MONTHS[at.month - 1] ?? '';
  const date = `${month} ${ordinal(at.day)}, ${at.year}`;
  const dateShort = `${month.slice(0, 3)} ${at.day}, ${at.year}`;
  const dateLong = `${at.weekday}, ${date}`;
  const relative = relativeDay(at, today);
  const tokens: Record<string, string> = {
    date_num: `${at.year}-${pad(at.month)}-${pad(at.day)}`,
    date,
    date_short: dateShort,
    date_long: dateLong,
    date_pretty: relative ?? date,
    date_short_pretty: relative ?? dateShort,
    date_long_pretty: relative ?? dateLong,
    time: time(at, false),
    time_secs: time(at, true),
    ago: ago(ms, ctx.now),
  };
  return format.replace(/\{([a-z_]+)\}/g, (whole, name: string) => tokens[name] ?? whole);
}

export interface DateToken {
  seconds: number;
  format: string;
  link?: string;
  fallback: string;
}

/** Reads the inside of `<!date^…>` (without the angle brackets); undefined when it is not one. */
export function parseDateToken(inner: string): DateToken | undefined {
  const match = /^!date\^(-?\d+)\^([^^|]*)(?:\^([^|]*))?(?:\|(.*))?$/s.exec(inner);
  if (!match) return undefined;
  return {
    seconds: Number(match[1]),
    format: match[2] ?? '',
    ...(match[3] ? { link: match[3] } : {}),
    fallback: match[4] ?? '',
  };
}
