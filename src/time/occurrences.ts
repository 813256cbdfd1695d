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
  const cycleStart = toEpochDays(cycle.startDate);
  const cycleEnd = toEpochDays(cycle.endDate);
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new RangeError('Window bounds must be valid dates');
  const mainTimeMs = parseLocalTime(cadence.localTime) * MS_PER_MINUTE;
  const alternateTimeMs = cadence.alternate ? parseLocalTime(cadence.alternate.localTime) * MS_PER_MINUTE : mainTimeMs;
  if (cycleEnd < cycleStart || toMs <= fromMs) return [];

  // Local dates of instants in the window, padded a day each side because wall clocks
  // can step back across midnight at a transition; the instant check below is exact.
  const lo = Math.max(cycleStart, toEpochDays(todayIn(window.from, cadence.timeZone)) - 1);
  const hi = Math.min(cycleEnd, toEpochDays(todayIn(window.to, cadence.timeZone)) + 1);
  if (hi < lo) return [];

  const slots = cadence.kind === 'weekly' ? weeklySlots(cadence, cycleStart, lo, hi) : monthlySlots(cadence, cycleStart, lo, hi);

  const durationMs = cadence.durationMinutes * MS_PER_MINUTE;
  const result: Occurrence[] = [];
  for (const { day, alternate } of slots) {
    const ms = wallMsToInstantMs(day * MS_PER_DAY + (alternate ? alternateTimeMs : mainTimeMs), cadence.timeZone);
    if (ms >= fromMs && ms < toMs) {
      // Duration is elapsed time: a 60-minute session across a transition still lasts an hour.
      result.push({ startsAt: new Date(ms), endsAt: new Date(ms + durationMs), localDate: fromEpochDays(day) });
    }
  }
  return result;
}

/** A session's local date (epoch days), and whether it is held at the cadence's alternate time. */
interface Slot {
  day: number;
  alternate: boolean;
}

/**
 * Slots in [lo, hi] of a weekly cadence anchored on the first matching weekday on/after cycleStart.
 * A rotating cadence holds every other session (the 2nd, 4th... of the cycle) at its alternate
 * time, on the alternate weekday nearest the main one (at most 3 days before or after), so the gaps
 * between sessions stay as even as two weekdays allow.
 */
function weeklySlots(cadence: WeeklyCadence, cycleStart: number, lo: number, hi: number): Slot[] {
  const main = weekdayIndex(cadence.weekday);
  const first = cycleStart + ((main - weekdayIndex(weekdayOfEpochDays(cycleStart)) + 7) % 7);
  const step = 7 * cadence.everyWeeks;
  const shift = cadence.alternate ? ((weekdayIndex(cadence.alternate.weekday) - main + 10) % 7) - 3 : 0;
  const reach = Math.abs(shift);
  const slots: Slot[] = [];
  for (let k = Math.max(0, Math.ceil((lo - reach - first) / step)); first + k * step - reach <= hi; k++) {
    const alternate = cadence.alternate !== undefined && k % 2 === 1;
    const day = first + k * step + (alternate ? shift : 0);
    if (day >= lo && day <= hi) slots.push({ day, alternate });
  }
  return slots;
}

/**
 * Slots in [lo, hi] of a monthly cadence anchored on the first matching month on/after cycleStart;
 * a rotating cadence meets on its alternate weekday and time every other meeting month.
 */
function monthlySlots(cadence: MonthlyCadence, cycleStart: number, lo: number, hi: number): Slot[] {
  const { year, month } = parseDate(fromEpochDays(cycleStart));
  let firstMonth = monthIndexOf(year, month);
  if (nthWeekdayOfMonth(firstMonth, cadence.weekday, cadence.nth) < cycleStart) firstMonth += 1;

  const step = cadence.everyMonths;
  const { year: loYear, month: loMonth } = parseDate(fromEpochDays(lo));
  // Floor, not ceil: the matching day in lo's month may still be on/after lo.
  const skip = Math.max(0, Math.floor((monthIndexOf(loYear, loMonth) - firstMonth) / step));

  const slots: Slot[] = [];
  for (let k = skip; ; k++) {
    const alternate = cadence.alternate !== undefined && k % 2 === 1;
    const weekday = alternate && cadence.alternate ? cadence.alternate.weekday : cadence.weekday;
    const day = nthWeekdayOfMonth(firstMonth + k * step, weekday, cadence.nth);
    // Each meeting month lies wholly after the one before, whichever weekday it uses.
    if (day > hi) break;
    if (day >= lo && day <= hi) slots.push({ day, alternate });
  }
  return slots;
}
