import { pad2 } from '../time/calendarDate';
import type { Weekday } from '../time/weekday';
import type { CandidateTime } from './candidateTime';
import { type DateRange, meetingInstants, weekdayAndMinute } from './localMeetings';
import { type Outside, WORKING_HOURS, hoursFit, outsideSpan } from './workingHours';

/** How a candidate sits in a group's working hours over a range. */
export interface HoursSummary {
  /**
   * Members inside 09:00-18:00 on a working day of their own for more than half the meetings in the
   * range: a time that daylight saving pushes out for a few weeks still counts, one that is out
   * for most of them does not.
   */
  inside: number;
  members: number;
  /** The worst local time any member gets, over every meeting in the range; null with no members or meetings. */
  worst: { timeZone: string; weekday: Weekday; localTime: string; outside: Outside } | null;
}

/** One entry per member: zones repeat. */
export function hoursSummary(candidate: CandidateTime, memberZones: readonly string[], range: DateRange): HoursSummary {
  const { inside, members, worst } = summarize(candidate, countByZone(memberZones), range);
  return { inside, members, worst };
}

export function countByZone(memberZones: readonly string[]): Map<string, number> {
  const zones = new Map<string, number>();
  for (const zone of memberZones) zones.set(zone, (zones.get(zone) ?? 0) + 1);
  return zones;
}

/**
 * The summary, and the least room any member has inside working hours (negative: how far outside),
 * which proposals use to prefer the middle of everyone's day. Numbers only, since proposals score
 * every half hour of a working week.
 */
export function summarize(
  candidate: CandidateTime,
  zones: ReadonlyMap<string, number>,
  range: DateRange,
): HoursSummary & { margin: number } {
  const length = candidate.durationMinutes;
  const instants = meetingInstants(candidate, range);
  let members = 0;
  let inside = 0;
  let worst: HoursSummary['worst'] = null;
  let margin = Number.POSITIVE_INFINITY;
  for (const [zone, count] of zones) {
    members += count;
    let insideMeetings = 0;
    for (const instant of instants) {
      const { weekday, minute } = weekdayAndMinute(instant, zone);
      const fits = hoursFit(weekday, minute, length) === 'inside';
      if (fits) insideMeetings += 1;
      const outside = outsideSpan(minute, length);
      if (worst === null || outside.minutes > worst.outside.minutes) {
        worst = { timeZone: zone, weekday, localTime: `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`, outside };
      }
      const room = fits ? Math.min(minute - WORKING_HOURS.start, WORKING_HOURS.end - minute - length) : -outside.minutes;
      margin = Math.min(margin, room);
    }
    if (insideMeetings * 2 > instants.length) inside += count;
  }
  return { inside, members, worst, margin };
}
