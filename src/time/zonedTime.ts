import { formatDate, pad2, parseDate, utcMs, weekdayOfEpochDays } from './calendarDate';
import type { Weekday } from './weekday';

export { addDays, addMonthsToDate } from './calendarDate';

export interface ZonedParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  weekday: Weekday;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight for a 24h 'HH:MM'. */
export function parseLocalTime(time: string): number {
  const m = LOCAL_TIME_PATTERN.exec(time);
  if (m === null) throw new RangeError(`Expected a 24h time as HH:MM, got ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isValidLocalTime(time: string): boolean {
  return LOCAL_TIME_PATTERN.test(time);
}

/**
 * Converts a wall-clock time in a zone to an instant.
 * - A time skipped by a spring-forward gap is pushed forward by the gap's length
 *   (02:30 on a 1h-gap day becomes 03:30), so a session is late rather than dropped.
 * - A time that happens twice at fall-back takes the first occurrence, so anyone
 *   going by the earlier reading is on time rather than an hour late.
 * These match Temporal's 'compatible' disambiguation.
 */
export function zonedWallTimeToInstant(date: string, time: string, timeZone: string): Date {
  const { year, month, day } = parseDate(date);
  return new Date(wallMsToInstantMs(utcMs(year, month, day) + parseLocalTime(time) * MS_PER_MINUTE, timeZone));
}

/**
 * zonedWallTimeToInstant on a wall time already encoded as "UTC ms" (the wall clock
 * read as if it were UTC), so hot loops can skip formatting and re-parsing strings.
 */
export function wallMsToInstantMs(wall: number, timeZone: string): number {
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMs(wall - MS_PER_DAY, timeZone);
  const after = offsetMs(wall + MS_PER_DAY, timeZone);
  if (before === after) return wall - before;

  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  for (const instant of candidates) {
    if (offsetMs(instant, timeZone) === wall - instant) return instant;
  }
  // Neither offset reproduces the wall time: it's in a gap. Reading it with the
  // pre-transition offset lands the same distance past the gap's end.
  return wall - before;
}

export function instantToZonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const wall = new Date(ms + offsetMs(ms, timeZone));
  return {
    date: formatDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()),
    time: `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`,
    weekday: weekdayOfEpochDays(Math.floor(wall.getTime() / MS_PER_DAY)),
  };
}

export function todayIn(now: Date, timeZone: string): string {
  return instantToZonedParts(now, timeZone).date;
}

/** The zone's UTC offset at an instant, in ms (positive east of Greenwich). */
export function offsetMs(instantMs: number, timeZone: string): number {
  const zone = dayOffsetsFor(timeZone);
  const day = Math.floor(instantMs / MS_PER_DAY);
  let cached = zone.get(day);
  if (cached === undefined) {
    const atStart = exactOffsetMs(day * MS_PER_DAY, timeZone);
    const atEnd = exactOffsetMs((day + 1) * MS_PER_DAY, timeZone);
    // Assumes no zone makes two transitions that cancel out within one UTC day; tzdata
    // has no such day in the era this app schedules for.
    cached = atStart === atEnd ? atStart : Number.NaN;
    if (zone.size >= MAX_CACHED_DAYS_PER_ZONE) zone.clear();
    zone.set(day, cached);
  }
  return Number.isNaN(cached) ? exactOffsetMs(instantMs, timeZone) : cached;
}

/*
 * Intl formatting is the only offset source and costs microseconds per call, while a
 * year of schedules for thousands of circles needs hundreds of thousands of offsets.
 * Caching one offset per zone per UTC day (NaN for days holding a transition) turns
 * almost every lookup into a Map hit.
 */
const MAX_CACHED_DAYS_PER_ZONE = 50_000;
const dayOffsets = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function dayOffsetsFor(timeZone: string): Map<number, number> {
  let zone = dayOffsets.get(timeZone);
  if (zone === undefined) {
    formatterFor(timeZone); // fail fast on an invalid zone before caching anything for it
    zone = new Map();
    dayOffsets.set(timeZone, zone);
  }
  return zone;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// format() is several times faster than formatToParts(); the parts path is only a
// fallback in case an ICU update changes the en-US pattern.
const EN_US_PATTERN = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

function exactOffsetMs(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const formatter = formatterFor(timeZone);
  const m = EN_US_PATTERN.exec(formatter.format(wholeSecond));
  const wall =
    m !== null
      ? utcMs(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]))
      : wallFromParts(formatter.formatToParts(wholeSecond));
  return wall - wholeSecond;
}

function wallFromParts(parts: Intl.DateTimeFormatPart[]): number {
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (part === undefined) throw new Error(`Intl.DateTimeFormat gave no ${type} part`);
    return Number(part.value);
  };
  return utcMs(get('year'), get('month'), get('day'), get('hour') % 24, get('minute'), get('second'));
}
