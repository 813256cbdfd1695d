import { addDays, toEpochDays } from '../time/calendarDate';
import type { Weekday } from '../time/weekday';
import { parseLocalTime } from '../time/zonedTime';
import type { CandidateTime } from './candidateTime';
import { type DateRange, anchorWallMs, localMeetings, meetingFromWall, viewerWallMs } from './localMeetings';

/** A candidate's weekday and start as someone in another zone has it. */
export interface LocalSlot {
  weekday: Weekday;
  localTime: string; // HH:MM in the person's zone
  /** Days the person's date is after the anchor's (1: Tue 20:00 New York is Wed 10:00 or 11:00 in Sydney). */
  dayShift: number;
}

/**
 * A stretch in which the candidate is at another local time for the person, because their zone and
 * the anchor's change clocks on different dates (or one does and the other does not).
 */
export interface ViewerException extends LocalSlot {
  /**
   * The first and last of the person's dates on which a meeting held that day would be at this
   * time (Tue 09:00 New York for Paris in 2025: 14:00 from 26 Oct to 1 Nov). Weekly candidates
   * read best with these; the range of the question clips them.
   */
  from: string;
  to: string;
  /** The candidate's own meetings in the stretch, on the person's dates: what monthly candidates read best with. */
  meetings: string[];
}

export interface ViewerTime {
  timeZone: string;
  /** The local weekday and time of most meetings in the range. */
  usual: LocalSlot;
  /** The stretches with at least one meeting at another time, in date order. */
  exceptions: ViewerException[];
}

/**
 * A candidate as someone in `timeZone` has it over a range of the anchor's dates: the usual local
 * weekday and time, and the stretches in which daylight saving moves it. Every day of the range is
 * looked at as if the meeting were held that day, so a stretch's dates are exact even where no
 * meeting falls on its first or last day; a stretch without a meeting of the candidate is left out.
 */
export function viewerTime(c: CandidateTime, timeZone: string, range: DateRange): ViewerTime {
  const first = toEpochDays(range.from);
  const last = toEpochDays(range.to);
  if (last < first) throw new RangeError('The range ends before it starts');
  const minute = parseLocalTime(c.localTime);
  const shifts: number[] = [];
  for (let day = first; day <= last; day++) {
    shifts.push(viewerWallMs(day, minute, c.timeZone, timeZone) - anchorWallMs(day, minute));
  }
  const shiftOn = (day: number): number => shifts[day - first] ?? 0;
  const slotOn = (day: number): LocalSlot => {
    const { weekday, localTime, dayShift } = meetingFromWall(day, anchorWallMs(day, minute) + shiftOn(day));
    return { weekday, localTime, dayShift };
  };

  const meetingDays = localMeetings(c, c.timeZone, range).map((m) => toEpochDays(m.anchorDate));
  const usualDay = mostCommonShiftDay(meetingDays, shiftOn) ?? first;
  const usualShift = shiftOn(usualDay);

  const exceptions: ViewerException[] = [];
  let runStart = first;
  for (let day = first; day <= last + 1; day++) {
    if (day <= last && shiftOn(day) === shiftOn(runStart)) continue;
    const runEnd = day - 1;
    const met = meetingDays.filter((d) => d >= runStart && d <= runEnd);
    if (shiftOn(runStart) !== usualShift && met.length > 0) {
      exceptions.push({
        ...slotOn(met[0] ?? runStart),
        from: dateOn(runStart),
        to: dateOn(runEnd),
        meetings: met.map(dateOn),
      });
    }
    runStart = day;
  }
  separate(exceptions);
  return { timeZone, usual: slotOn(usualDay), exceptions };

  function dateOn(day: number): string {
    return meetingFromWall(day, anchorWallMs(day, minute) + shiftOn(day)).date;
  }
}

/**
 * Where the person's day changes with the stretch (23:00 Sunday, then 00:00 Monday), two
 * neighbouring stretches can name the same date of theirs: it goes to the stretch with a meeting on
 * it (meetings are days apart, so at most one has), else to the earlier stretch.
 */
function separate(exceptions: ViewerException[]): void {
  for (let i = 1; i < exceptions.length; i++) {
    const prev = exceptions[i - 1]!;
    const cur = exceptions[i]!;
    if (cur.from > prev.to) continue;
    const firstMeeting = cur.meetings[0]!;
    if (firstMeeting <= prev.to) prev.to = addDays(firstMeeting, -1);
    cur.from = addDays(prev.to, 1);
  }
}

/** A meeting day whose shift most meetings share; of equally common shifts, the one met first. */
function mostCommonShiftDay(days: number[], shiftOn: (day: number) => number): number | undefined {
  const counts = new Map<number, { count: number; day: number }>();
  for (const day of days) {
    const entry = counts.get(shiftOn(day));
    if (entry) entry.count += 1;
    else counts.set(shiftOn(day), { count: 1, day });
  }
  let best: { count: number; day: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.day;
}
