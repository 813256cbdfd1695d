import type { Weekday } from '../time/weekday';

/** A span of the local day, in minutes after midnight. */
export interface DaySpan {
  start: number;
  end: number;
}

/** 09:00-18:00: the working hours every rule here measures against. */
export const WORKING_HOURS: DaySpan = { start: 9 * 60, end: 18 * 60 };

/** 07:00-21:00: early or late, but a meeting someone could still make if need be. */
export const STRETCH_HOURS: DaySpan = { start: 7 * 60, end: 21 * 60 };

const MINUTES_PER_DAY = 24 * 60;
const WORKING_DAYS: ReadonlySet<Weekday> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);

export function isWorkingDay(weekday: Weekday): boolean {
  return WORKING_DAYS.has(weekday);
}

/** How a meeting sits against a span of the day: minutes before its start, or after its end. */
export interface Outside {
  /** 0 when the meeting lies wholly inside the span. */
  minutes: number;
  side: 'early' | 'late' | 'inside';
}

/**
 * How far a meeting starting at a local minute of the day lies outside a span: the minutes it starts
 * before the span opens plus the minutes it ends after it closes, against that day's span or the
 * one before or after, whichever is nearest. So 06:00 is 3 hours early, a 22:00 hour-long meeting
 * 5 hours late (it ends at 23:00), and 02:00 is 7 hours early rather than 8 late.
 */
export function outsideSpan(startMinute: number, durationMinutes: number, span: DaySpan = WORKING_HOURS): Outside {
  let best: Outside | undefined;
  for (const day of [-1, 0, 1]) {
    const open = span.start + day * MINUTES_PER_DAY;
    const close = span.end + day * MINUTES_PER_DAY;
    const early = Math.max(0, open - startMinute);
    const late = Math.max(0, startMinute + durationMinutes - close);
    const minutes = early + late;
    if (best === undefined || minutes < best.minutes) {
      best = { minutes, side: minutes === 0 ? 'inside' : early >= late ? 'early' : 'late' };
    }
  }
  // The loop always runs; the fallback only satisfies the type checker.
  return best ?? { minutes: 0, side: 'inside' };
}

/** Where a meeting falls for someone: in working hours on a working day, at a stretch, or neither. */
export type HoursFit = 'inside' | 'stretch' | 'outside';

export function hoursFit(weekday: Weekday, startMinute: number, durationMinutes: number): HoursFit {
  if (!isWorkingDay(weekday)) return 'outside';
  if (outsideSpan(startMinute, durationMinutes, WORKING_HOURS).minutes === 0) return 'inside';
  if (outsideSpan(startMinute, durationMinutes, STRETCH_HOURS).minutes === 0) return 'stretch';
  return 'outside';
}
