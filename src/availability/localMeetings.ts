import { addDays, addMonthsToDate, fromEpochDays, pad2, toEpochDays, weekdayOfEpochDays } from '../time/calendarDate';
import { occurrences } from '../time/occurrences';
import type { Weekday } from '../time/weekday';
import { offsetMs, wallMsToInstantMs } from '../time/zonedTime';
import { type CandidateTime, candidateCadence } from './candidateTime';

/** Dates in a candidate's anchor zone, both inclusive: the stretch its meetings are looked at over. */
export interface DateRange {
  from: string;
  to: string;
}

/** The coming months from a date (the last day is the day before the same date `months` later). */
export function rangeFrom(today: string, months: number): DateRange {
  return { from: today, to: addDays(addMonthsToDate(today, months), -1) };
}

/** One meeting of a candidate as someone in another zone has it. */
export interface LocalMeeting {
  /** The meeting's date in the anchor zone. */
  anchorDate: string;
  /** Its date, weekday and start in the person's zone. */
  date: string;
  weekday: Weekday;
  localTime: string;
  /** Start in minutes after the person's midnight. */
  minute: number;
  /** Days the person's date is after the anchor's: 1 when Tue 20:00 New York is Wed in Sydney. */
  dayShift: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ALL_TIME = { from: new Date(Date.UTC(1900, 0, 1)), to: new Date(Date.UTC(2200, 0, 1)) };

/** Every meeting of a candidate (every week, or every month) in the range, as someone in `timeZone` has it. */
export function localMeetings(c: CandidateTime, timeZone: string, range: DateRange): LocalMeeting[] {
  return occurrences(candidateCadence(c), { startDate: range.from, endDate: range.to }, ALL_TIME).map((o) =>
    localMeeting(toEpochDays(o.localDate), o.startsAt.getTime(), timeZone),
  );
}

/** The start instants (ms) of a candidate's meetings in the range, to be read in many zones. */
export function meetingInstants(c: CandidateTime, range: DateRange): number[] {
  return occurrences(candidateCadence(c), { startDate: range.from, endDate: range.to }, ALL_TIME).map((o) =>
    o.startsAt.getTime(),
  );
}

/**
 * The local weekday and minute of the day of an instant: numbers only, for scoring every half hour
 * of a week against many zones, where building date strings would be most of the cost.
 */
export function weekdayAndMinute(instantMs: number, timeZone: string): { weekday: Weekday; minute: number } {
  const wall = instantMs + offsetMs(instantMs, timeZone);
  const day = Math.floor(wall / MS_PER_DAY);
  return { weekday: weekdayOfEpochDays(day), minute: Math.round((wall - day * MS_PER_DAY) / MS_PER_MINUTE) };
}

/**
 * The person's wall clock (as "UTC ms") for a meeting held on an anchor day at the candidate's
 * wall time: numbers only, since the daylight-saving scan runs it for every day of a year.
 */
export function viewerWallMs(anchorDay: number, anchorMinute: number, anchorZone: string, timeZone: string): number {
  const instant = wallMsToInstantMs(anchorDay * MS_PER_DAY + anchorMinute * MS_PER_MINUTE, anchorZone);
  return instant + offsetMs(instant, timeZone);
}

/** The anchor's wall clock (as "UTC ms") for a meeting on an anchor day, to measure shifts from. */
export function anchorWallMs(anchorDay: number, anchorMinute: number): number {
  return anchorDay * MS_PER_DAY + anchorMinute * MS_PER_MINUTE;
}

/** A meeting's facts from its anchor day and the person's wall clock. */
export function meetingFromWall(anchorDay: number, wall: number): LocalMeeting {
  const day = Math.floor(wall / MS_PER_DAY);
  const minute = Math.round((wall - day * MS_PER_DAY) / MS_PER_MINUTE);
  return {
    anchorDate: fromEpochDays(anchorDay),
    date: fromEpochDays(day),
    weekday: weekdayOfEpochDays(day),
    localTime: `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`,
    minute,
    dayShift: day - anchorDay,
  };
}

function localMeeting(anchorDay: number, instantMs: number, timeZone: string): LocalMeeting {
  return meetingFromWall(anchorDay, instantMs + offsetMs(instantMs, timeZone));
}
