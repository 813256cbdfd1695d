import { pad2 } from '../time/calendarDate';
import { offsetMs } from '../time/zonedTime';

/** One session as a person's calendar feed shows it. */
export interface CalendarSession {
  id: number;
  startsAt: Date;
  endsAt: Date;
  /** Last change to the session; it is the event's DTSTAMP, so an unchanged feed is byte-identical. */
  updatedAt: Date;
  status: 'scheduled' | 'cancelled' | 'held';
  sequence: number;
  circleName: string;
  focus: string;
  /** The circle's IANA zone; null when its cadence is unreadable, and the times are then written in UTC. */
  timeZone: string | null;
  videoLink: string | null;
  /** Who leads the warm-up, as the reader should see it ("you" for the reader themself). */
  warmupLeader: string | null;
  /** A coaching pair's own meeting rather than the whole circle's. */
  isPair: boolean;
}

export const CALENDAR_NAME = 'Peer Circles';
const PRODID = '-//Peer Circles//Calendar feed//EN';
const MAX_LINE_OCTETS = 75;
const MS_PER_DAY = 86_400_000;

/** A person's whole feed: RFC 5545, CRLF line endings, lines folded at 75 octets. */
export function renderCalendar(sessions: CalendarSession[]): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(CALENDAR_NAME)}`,
    `NAME:${escapeText(CALENDAR_NAME)}`,
    // Subscribing clients poll at their own pace unless told; sessions move rarely, so an hour is plenty.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const [zone, span] of zoneSpans(sessions)) lines.push(...vtimezone(zone, span.from, span.to));
  for (const session of sessions) lines.push(...vevent(session));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function vevent(s: CalendarSession): string[] {
  const cancelled = s.status === 'cancelled';
  const link = s.videoLink?.trim() || null;
  const url = link ? safeUri(link) : null;
  return [
    'BEGIN:VEVENT',
    `UID:session-${s.id}@peer-circles`,
    `DTSTAMP:${utcStamp(s.updatedAt)}`,
    `LAST-MODIFIED:${utcStamp(s.updatedAt)}`,
    dateTimeProperty('DTSTART', s.startsAt, s.timeZone),
    dateTimeProperty('DTEND', s.endsAt, s.timeZone),
    `SEQUENCE:${s.sequence}`,
    `SUMMARY:${escapeText(s.circleName)}`,
    `DESCRIPTION:${escapeText(description(s, link))}`,
    ...(link ? [`LOCATION:${escapeText(link)}`] : []),
    ...(url ? [`URL:${url}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    // Cancelled sessions stay in the feed so calendars drop them, but they no longer block time.
    `TRANSP:${cancelled ? 'TRANSPARENT' : 'OPAQUE'}`,
    'END:VEVENT',
  ];
}

function description(s: CalendarSession, link: string | null): string {
  const parts: string[] = [];
  if (s.status === 'cancelled') parts.push('This session is cancelled.');
  if (s.isPair) parts.push(`Your coaching pair meeting in ${s.circleName}.`);
  if (s.focus.trim()) parts.push(s.focus.trim());
  if (s.warmupLeader) parts.push(`Warm-up: ${s.warmupLeader}`);
  if (link) parts.push(`Join the call: ${link}`);
  return parts.join('\n');
}

function dateTimeProperty(name: string, at: Date, timeZone: string | null): string {
  if (timeZone === null) return `${name}:${utcStamp(at)}`;
  return `${name};TZID=${paramValue(timeZone)}:${localStamp(at.getTime(), timeZone)}`;
}

/** TEXT value escaping (RFC 5545 3.3.11); control characters other than tab are not allowed at all. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[^\P{Cc}\t]/gu, '');
}

/** Parameter values may not hold DQUOTE at all, and must be quoted when they hold `: ; ,`. */
function paramValue(value: string): string {
  const clean = value.replace(/["\p{Cc}]/gu, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** A URI value is not escaped, so anything that is not a well-formed web link is left out instead. */
function safeUri(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Folds one content line (RFC 5545 3.1): at most 75 octets a line, continuation lines start with
 * a space. Splits only between whole code points, so no client ever sees half a UTF-8 character,
 * and keeps escape pairs like `\n` together for parsers that unescape before unfolding.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

function utcStamp(at: Date): string {
  return `${stamp(at.getTime())}Z`;
}

function localStamp(instantMs: number, timeZone: string): string {
  return stamp(instantMs + offsetMs(instantMs, timeZone));
}

/** A "UTC-encoded" ms value (a wall clock read as UTC) as YYYYMMDDTHHMMSS. */
function stamp(wallMs: number): string {
  const d = new Date(wallMs);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${year}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}

function zoneSpans(sessions: CalendarSession[]): Map<string, { from: number; to: number }> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const s of sessions) {
    if (s.timeZone === null) continue;
    const span = spans.get(s.timeZone);
    const from = s.startsAt.getTime();
    const to = s.endsAt.getTime();
    if (span) {
      span.from = Math.min(span.from, from);
      span.to = Math.max(span.to, to);
    } else spans.set(s.timeZone, { from, to });
  }
  return spans;
}

interface Transition {
  at: number;
  from: number;
  to: number;
}

/**
 * The zone's real offset changes over the span the events cover, as explicit observances (no
 * RRULE, which Intl cannot tell us): exact for every event in the feed, whatever the zone's rules.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const inForce = lastTransitionBefore(timeZone, fromMs);
  const changes = transitionsBetween(timeZone, fromMs, toMs);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const first = inForce ?? { at: null, from: offsetMs(fromMs, timeZone), to: offsetMs(fromMs, timeZone) };
  lines.push(...observance(timeZone, first.at, first.from, first.to, fromMs));
  for (const t of changes) lines.push(...observance(timeZone, t.at, t.from, t.to, t.at));
  lines.push('END:VTIMEZONE');
  return lines;
}

function observance(timeZone: string, at: number | null, from: number, to: number, sample: number): string[] {
  const kind = isDaylight(timeZone, sample, to) ? 'DAYLIGHT' : 'STANDARD';
  // An observance's DTSTART is the local time of its onset, read with the offset in force before it.
  const start = at === null ? '19700101T000000' : stamp(at + from);
  const name = zoneAbbreviation(timeZone, sample);
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    ...(name ? [`TZNAME:${escapeText(name)}`] : []),
    `END:${kind}`,
  ];
}

/** Daylight time is whichever offset is above the year's lower one (January's or July's). */
function isDaylight(timeZone: string, instantMs: number, offset: number): boolean {
  const year = new Date(instantMs).getUTCFullYear();
  const standard = Math.min(offsetMs(Date.UTC(year, 0, 1), timeZone), offsetMs(Date.UTC(year, 6, 1), timeZone));
  return offset > standard;
}

/** A real abbreviation (EST, GMT) or none: "GMT+11" is what Intl makes up where it has no name, and says nothing TZOFFSETTO doesn't. */
function zoneAbbreviation(timeZone: string, instantMs: number): string | null {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(instantMs);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? null;
  return name && /^[A-Z]{2,6}$/.test(name) ? name : null;
}

export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${sign}${pad2(hours)}${pad2(minutes)}${seconds ? pad2(seconds) : ''}`;
}

function transitionsBetween(timeZone: string, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  // Day steps: no zone changes its offset twice within one day in the era this app schedules for.
  let day = Math.floor(fromMs / MS_PER_DAY) * MS_PER_DAY;
  let offset = offsetMs(day, timeZone);
  for (; day <= toMs; day += MS_PER_DAY) {
    const next = offsetMs(day + MS_PER_DAY, timeZone);
    if (next !== offset) {
      const at = transitionInstant(timeZone, day, day + MS_PER_DAY);
      if (at > fromMs && at <= toMs) found.push({ at, from: offset, to: next });
      offset = next;
    }
  }
  return found;
}

function lastTransitionBefore(timeZone: string, beforeMs: number): Transition | null {
  const target = offsetMs(beforeMs, timeZone);
  // Zones with daylight time change at least once a year; a zone with no change in that long is fixed.
  let day = Math.floor(beforeMs / MS_PER_DAY) * MS_PER_DAY;
  for (let steps = 0; steps < 400; steps++, day -= MS_PER_DAY) {
    const earlier = offsetMs(day, timeZone);
    if (earlier !== target) {
      const at = transitionInstant(timeZone, day, Math.min(day + MS_PER_DAY, beforeMs));
      return at <= beforeMs ? { at, from: earlier, to: offsetMs(at, timeZone) } : null;
    }
  }
  return null;
}

/** The first second at which the offset differs from its value at `lowMs`, within (lowMs, highMs]. */
function transitionInstant(timeZone: string, lowMs: number, highMs: number): number {
  const before = offsetMs(lowMs, timeZone);
  let low = lowMs;
  let high = highMs;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (mid <= low) break;
    if (offsetMs(mid, timeZone) === before) low = mid;
    else high = mid;
  }
  return high;
}
