import { pad2 } from '../time/calendarDate';
import { WEEKDAYS, type Weekday, weekdayIndex } from '../time/weekday';
import { type CandidateTime, MAX_CANDIDATES, type Nth } from './candidateTime';
import { type HoursSummary, countByZone, summarize } from './hoursSummary';
import type { DateRange } from './localMeetings';
import { isWorkingDay } from './workingHours';

/** What proposals are made for: the circle's kind (and week of the month), zone, length, and its members' zones. */
export interface ProposalRequest {
  shape: { kind: 'weekly' } | { kind: 'monthly'; nth: Nth };
  timeZone: string;
  durationMinutes: number;
  /** One entry per member (zones repeat). */
  memberZones: readonly string[];
  /** The anchor dates to judge over, such as the next six months: daylight saving differs along it. */
  range: DateRange;
  /** At most MAX_CANDIDATES, the default. */
  limit?: number;
}

export interface Proposal extends HoursSummary {
  candidate: CandidateTime;
}

const STEP_MINUTES = 30;
const MINUTES_PER_DAY = 24 * 60;
/** Proposals on one weekday closer than this look like one option offered twice. */
const NEAR_MINUTES = 120;

interface Scored extends Proposal {
  margin: number;
  minute: number;
}

/**
 * Times a circle could meet at, from working hours alone: every whole and half hour of every
 * weekday (Monday to Friday) in the anchor zone, ranked by most members inside working hours (see
 * HoursSummary.inside), then the least-bad worst local time. Among equally good times the picks are
 * spread out: a weekday with fewer picks first, then a time at least two hours from the picks on
 * that day, then the one furthest inside everyone's day, then the earlier. Times few can make in
 * working hours are still proposed when nothing better is left; their counts say so.
 */
export function proposeCandidates(request: ProposalRequest): Proposal[] {
  const limit = Math.min(request.limit ?? MAX_CANDIDATES, MAX_CANDIDATES);
  const zones = countByZone(request.memberZones);
  const pool: Scored[] = [];
  for (const weekday of WEEKDAYS.filter(isWorkingDay)) {
    for (let minute = 0; minute < MINUTES_PER_DAY; minute += STEP_MINUTES) {
      const candidate = candidateAt(request, weekday, minute);
      pool.push({ candidate, minute, ...summarize(candidate, zones, request.range) });
    }
  }

  const picked: Scored[] = [];
  while (picked.length < limit && pool.length > 0) {
    let bestIndex = 0;
    for (let i = 1; i < pool.length; i++) {
      const a = pool[i];
      const b = pool[bestIndex];
      if (a && b && compare(a, b, picked) < 0) bestIndex = i;
    }
    const [best] = pool.splice(bestIndex, 1);
    if (best) picked.push(best);
  }
  return picked.map(({ candidate, inside, members, worst }) => ({ candidate, inside, members, worst }));
}

function candidateAt(request: ProposalRequest, weekday: Weekday, minute: number): CandidateTime {
  const base = {
    weekday,
    localTime: `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`,
    timeZone: request.timeZone,
    durationMinutes: request.durationMinutes,
  };
  return request.shape.kind === 'weekly' ? { kind: 'weekly', ...base } : { kind: 'monthly', nth: request.shape.nth, ...base };
}

function compare(a: Scored, b: Scored, picked: readonly Scored[]): number {
  return (
    b.inside - a.inside ||
    (a.worst?.outside.minutes ?? 0) - (b.worst?.outside.minutes ?? 0) ||
    sameDay(a, picked) - sameDay(b, picked) ||
    Number(isNear(a, picked)) - Number(isNear(b, picked)) ||
    b.margin - a.margin ||
    weekdayIndex(a.candidate.weekday) - weekdayIndex(b.candidate.weekday) ||
    a.minute - b.minute
  );
}

function sameDay(x: Scored, picked: readonly Scored[]): number {
  return picked.filter((p) => p.candidate.weekday === x.candidate.weekday).length;
}

function isNear(x: Scored, picked: readonly Scored[]): boolean {
  return picked.some((p) => p.candidate.weekday === x.candidate.weekday && Math.abs(p.minute - x.minute) < NEAR_MINUTES);
}
