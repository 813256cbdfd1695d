import type { Cadence, MonthlyCadence, WeeklyCadence } from './cadence';
import { fromEpochDays, monthIndexOf, nthWeekdayOfMonth, parseDate, toEpochDays, weekdayOfEpochDays } from './calendarDate';
import { weekdayIndex } from './weekday';
import { parseLocalTime, todayIn, wallMsToInstantMs } from './zonedTime';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
  localDate: string; // YYYY-MM-DD in the cadence's zone
}

export interface CycleDates {
  startDate: string; // first local date of the cycle
  endDate: string; // last local date, inclusive
}

export interface InstantWindow {
  from: Date; // inclusive
  to: Date; // exclusive
}

/**
 * Sessions of a cycle whose start falls in [from, to). Jumps straight to the first
 * candidate near the window instead of walking from the cycle start, so asking about
 * next week of a multi-year cycle costs the same as asking about its first week.
 */
export function occurrences(cadence: Cadence, cycle: CycleDates, window: InstantWindow): Occurrence[] {
  const timeOfDayMs = parseLocalTime(cadence.localTime) * MS_PER_MINUTE;
  const cycleStart = toEpochDays(cycle.startDate);
  const cycleEnd = toEpochDays(cycle.endDate);
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new RangeError('Window bounds must be valid dates');
  if (cycleEnd < cycleStart || toMs <= fromMs) return [];

  // Local dates of instants in the window, padded a day each side because wall clocks
  // can step back across midnight at a transition; the instant check below is exact.
  const lo = Math.max(cycleStart, toEpochDays(todayIn(window.from, cadence.timeZone)) - 1);
  const hi = Math.min(cycleEnd, toEpochDays(todayIn(window.to, cadence.timeZone)) + 1);
  if (hi < lo) return [];

  const days = cadence.kind === 'weekly' ? weeklyDays(cadence, cycleStart, lo, hi) : monthlyDays(cadence, cycleStart, lo, hi);

  const durationMs = cadence.durationMinutes * MS_PER_MINUTE;
  const result: Occurrence[] = [];
  for (const day of days) {
    const ms = wallMsToInstantMs(day * MS_PER_DAY + timeOfDayMs, cadence.timeZone);
    if (ms >= fromMs && ms < toMs) {
      // Duration is elapsed time: a 60-minute session across a transition still lasts an hour.
      result.push({ startsAt: new Date(ms), endsAt: new Date(ms + durationMs), localDate: fromEpochDays(day) });
    }
  }
  return result;
}

/** Epoch days in [lo, hi] of a weekly cadence anchored on the first matching weekday on/after cycleStart. */
function weeklyDays(cadence: WeeklyCadence, cycleStart: number, lo: number, hi: number): number[] {
  const first = cycleStart + ((weekdayIndex(cadence.weekday) - weekdayIndex(weekdayOfEpochDays(cycleStart)) + 7) % 7);
  const step = 7 * cadence.everyWeeks;
  const skip = Math.max(0, Math.ceil((lo - first) / step));
  const days: number[] = [];
  for (let day = first + skip * step; day <= hi; day += step) days.push(day);
  return days;
}

/** Epoch days in [lo, hi] of a monthly cadence anchored on the first matching month on/after cycleStart. */
function monthlyDays(cadence: MonthlyCadence, cycleStart: number, lo: number, hi: number): number[] {
  const { year, month } = parseDate(fromEpochDays(cycleStart));
  let firstMonth = monthIndexOf(year, month);
  if (nthWeekdayOfMonth(firstMonth, cadence.weekday, cadence.nth) < cycleStart) firstMonth += 1;

  const step = cadence.everyMonths;
  const { year: loYear, month: loMonth } = parseDate(fromEpochDays(lo));
  // Floor, not ceil: the matching day in lo's month may still be on/after lo.
  const skip = Math.max(0, Math.floor((monthIndexOf(loYear, loMonth) - firstMonth) / step));

  const days: number[] = [];
  for (let m = firstMonth + skip * step; ; m += step) {
    const day = nthWeekdayOfMonth(m, cadence.weekday, cadence.nth);
    if (day > hi) break;
    if (day >= lo) days.push(day);
  }
  return days;
}
