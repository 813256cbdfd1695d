import { z } from 'zod';
import { type Cadence, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, isValidTimeZone } from '../time/cadence';
import { weekdayShort, zoneCity } from '../time/format';
import { WEEKDAYS, type Weekday } from '../time/weekday';
import { isValidLocalTime } from '../time/zonedTime';

/** Week of the month a monthly time falls in; -1 is the last (there is no 5th: not every month has one). */
export type Nth = 1 | 2 | 3 | 4 | -1;

/**
 * A time a group could meet at, before it is a circle's cadence: a weekday (for circles meeting
 * every week or two) or the nth weekday of the month (monthly circles), at a wall time in one
 * anchor zone, for a length. Its kind matches the cadence it would become.
 */
export type CandidateTime =
  | { kind: 'weekly'; weekday: Weekday; localTime: string; timeZone: string; durationMinutes: number }
  | { kind: 'monthly'; nth: Nth; weekday: Weekday; localTime: string; timeZone: string; durationMinutes: number };

export type CandidateKind = CandidateTime['kind'];

/** A poll offers at most this many times; a program's intake the same. */
export const MAX_CANDIDATES = 12;

const common = {
  weekday: z.enum(WEEKDAYS),
  localTime: z.string().refine(isValidLocalTime, { message: 'Expected a 24h time as HH:MM' }),
  timeZone: z.string().refine(isValidTimeZone, { message: 'Expected an IANA time zone such as Europe/London' }),
  durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
};

/** The stored (jsonb) form of one candidate time; strict, as the cadence's is. */
export const candidateTimeSchema: z.ZodType<CandidateTime> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weekly'), ...common }),
  z.strictObject({ kind: z.literal('monthly'), nth: z.literal([1, 2, 3, 4, -1]), ...common }),
]);

/**
 * The stored form of a poll's or a program's list of times: 1 to 12, no two alike, all of one kind
 * and in one anchor zone (the circle's or the one the organizer picked), so people compare like with like.
 */
export const candidateListSchema = z
  .array(candidateTimeSchema)
  .min(1)
  .max(MAX_CANDIDATES)
  .superRefine((list, ctx) => {
    const [first] = list;
    if (!first) return;
    if (list.some((c) => c.kind !== first.kind)) ctx.addIssue({ code: 'custom', message: 'All times must be of one kind' });
    if (list.some((c) => c.timeZone !== first.timeZone))
      ctx.addIssue({ code: 'custom', message: 'All times must be in one zone' });
    if (new Set(list.map(candidateKey)).size !== list.length) ctx.addIssue({ code: 'custom', message: 'A time is listed twice' });
  });

/**
 * A stable id for a candidate, for answers to refer to ("monthly:2:tuesday:09:00:America/New_York").
 * The length is left out so an organizer who changes it keeps the answers; the zone is in, since
 * the same wall time in another zone is another time.
 */
export function candidateKey(c: CandidateTime): string {
  const nth = c.kind === 'monthly' ? `${c.nth}:` : '';
  return `${c.kind}:${nth}${c.weekday}:${c.localTime}:${c.timeZone}`;
}

const ORDINALS: Record<Nth, string> = { 1: '1st', 2: '2nd', 3: '3rd', 4: '4th', [-1]: 'last' };

export function ordinalLabel(nth: Nth): string {
  return ORDINALS[nth];
}

/** "Tue 09:00", "2nd Tue 09:00", "last Fri 16:30": the form people type, and the parser reads back. */
export function candidateLabel(c: CandidateTime): string {
  const day = weekdayShort(c.weekday);
  return c.kind === 'monthly' ? `${ORDINALS[c.nth]} ${day} ${c.localTime}` : `${day} ${c.localTime}`;
}

/** "Tue 09:00 New York, 60 min": a candidate as it reads in its anchor zone. */
export function describeCandidate(c: CandidateTime): string {
  return `${candidateLabel(c)} ${zoneCity(c.timeZone)}, ${c.durationMinutes} min`;
}

/**
 * The cadence that meets at a candidate every week (or month), starting from a cycle's dates: what
 * its occurrences are computed from. `every` is the circle's own rhythm (every week or two, month or two).
 */
export function candidateCadence(c: CandidateTime, every: 1 | 2 = 1): Cadence {
  const { weekday, localTime, timeZone, durationMinutes } = c;
  return c.kind === 'weekly'
    ? { kind: 'weekly', everyWeeks: every, weekday, localTime, timeZone, durationMinutes }
    : { kind: 'monthly', everyMonths: every, nth: c.nth, weekday, localTime, timeZone, durationMinutes };
}

/**
 * A circle's cadence moved to a chosen candidate: its rhythm kept, its day, time, zone and length
 * taken from the candidate, any rotation ended. Null when the kinds differ (a weekday offered to a
 * monthly circle): the caller's input was not checked against the circle.
 */
export function cadenceAt(cadence: Cadence, c: CandidateTime): Cadence | null {
  const { weekday, localTime, timeZone, durationMinutes } = c;
  if (cadence.kind === 'weekly' && c.kind === 'weekly') {
    return { kind: 'weekly', everyWeeks: cadence.everyWeeks, weekday, localTime, timeZone, durationMinutes };
  }
  if (cadence.kind === 'monthly' && c.kind === 'monthly') {
    return { kind: 'monthly', everyMonths: cadence.everyMonths, nth: c.nth, weekday, localTime, timeZone, durationMinutes };
  }
  return null;
}

/**
 * A circle's cadence rotating between two candidates (the first held first in each cycle). Null
 * unless both are of the cadence's kind and share a zone and, for monthly ones, the week of the
 * month, since a cadence has one of each; or if they are the same time.
 */
export function rotatingCadenceAt(cadence: Cadence, first: CandidateTime, second: CandidateTime): Cadence | null {
  const base = cadenceAt(cadence, first);
  if (base === null || second.kind !== first.kind || second.timeZone !== first.timeZone) return null;
  if (first.kind === 'monthly' && second.kind === 'monthly' && first.nth !== second.nth) return null;
  if (candidateKey(first) === candidateKey(second)) return null;
  return { ...base, alternate: { weekday: second.weekday, localTime: second.localTime } };
}
