import { type Weekday, weekdayAt, weekdayIndex } from './weekday';

/**
 * Plain calendar dates ('YYYY-MM-DD') with no time zone attached. Arithmetic runs on
 * "epoch days" (days since 1970-01-01) so stepping through a schedule is integer maths
 * rather than Date juggling.
 */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearMonthDay {
  year: number;
  month: number; // 1-12
  day: number;
}

/** Date.UTC maps years 0-99 onto 1900-1999; this keeps every four-digit year literal. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 100) return ms;
  const d = new Date(ms);
  d.setUTCFullYear(year);
  return d.getTime();
}

export function parseDate(date: string): YearMonthDay {
  const m = DATE_PATTERN.exec(date);
  if (m === null) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such calendar date: ${date}`);
  }
  return { year, month, day };
}

export function isValidDate(date: string): boolean {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the following month is the last day of this one.
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

export function toEpochDays(date: string): number {
  const { year, month, day } = parseDate(date);
  return epochDaysOf(year, month, day);
}

export function epochDaysOf(year: number, month: number, day: number): number {
  return Math.round(utcMs(year, month, day) / MS_PER_DAY);
}

export function fromEpochDays(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** 1970-01-01 was a Thursday, index 3 in the Monday-first week. */
export function weekdayOfEpochDays(days: number): Weekday {
  return weekdayAt(days + 3);
}

export function weekdayOf(date: string): Weekday {
  return weekdayOfEpochDays(toEpochDays(date));
}

export function addDays(date: string, n: number): string {
  return fromEpochDays(toEpochDays(date) + n);
}

/** Clamps to the month's last day (Jan 31 + 1 month => Feb 28/29) rather than spilling over. */
export function addMonthsToDate(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  const { year: y, month: m } = monthFromIndex(monthIndexOf(year, month) + n);
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Months counted from year 0, so month spans become subtraction. */
export function monthIndexOf(year: number, month: number): number {
  return year * 12 + (month - 1);
}

export function monthFromIndex(index: number): { year: number; month: number } {
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/**
 * The epoch day of the nth weekday of a month; nth -1 means the last one.
 * nth is limited to 1-4 because every month has at least four of each weekday.
 */
export function nthWeekdayOfMonth(monthIndex: number, weekday: Weekday, nth: 1 | 2 | 3 | 4 | -1): number {
  const { year, month } = monthFromIndex(monthIndex);
  const target = weekdayIndex(weekday);
  if (nth === -1) {
    const last = epochDaysOf(year, month, daysInMonth(year, month));
    const back = (weekdayIndex(weekdayOfEpochDays(last)) - target + 7) % 7;
    return last - back;
  }
  const first = epochDaysOf(year, month, 1);
  const forward = (target - weekdayIndex(weekdayOfEpochDays(first)) + 7) % 7;
  return first + forward + 7 * (nth - 1);
}
