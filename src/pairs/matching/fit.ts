import { byCodeUnit } from '../../core/random';
import { type FitPoints, type FitReasons, type PairFit, type Participant, TIME_SLOTS, type TimeSlot } from './types';

/**
 * Fit weights, in integer points (highest possible: 104).
 *
 * - Shared topics, 10 each, up to 3 (30): what the pair will work on together is the main reason a
 *   coaching pair works; capped so two people with long topic lists do not outweigh everything else.
 * - Stage: same 10, one apart 6, two apart 2, further 0; 3 when either did not answer (unknown is
 *   neither a match nor a mismatch). Peer coaching is between peers, and a small gap still works.
 * - Meeting times: 10 when they share a slot, plus 2 per further shared slot (14); 0 otherwise.
 *   Sharing a slot is what makes meeting easy; no preference counts as every slot.
 * - Time zone: 10 minus 1 per half hour apart (the short way round the clock), 0 from 5 h. Close
 *   zones give common working hours; beyond about 5 h the times above matter more than the zone.
 * - Wishes: 15 when one asked for the other, 40 when both did. A wish is the strongest single
 *   signal, and a mutual one is worth more than two one-sided ones (30) because both chose.
 */
export const FIT = {
  topicEach: 10,
  topicCap: 3,
  stageByGap: [10, 6, 2] as const,
  stageUnknown: 3,
  timesFirst: 10,
  timesEachMore: 2,
  zoneMax: 10,
  zoneStepMinutes: 30,
  wishOneSided: 15,
  wishMutual: 40,
} as const;

/** The most any pair can score; the objective's weights are sized from it. */
export const MAX_FIT =
  FIT.topicEach * FIT.topicCap + FIT.stageByGap[0] + FIT.timesFirst + 2 * FIT.timesEachMore + FIT.zoneMax + FIT.wishMutual;

const ALL_TIMES_MASK = (1 << TIME_SLOTS.length) - 1;

/** The points for each component; the one place the weights are applied (the solver's fast path uses it too). */
export function fitPoints(
  sharedTopics: number,
  stageGap: number | null,
  sharedTimes: number,
  minutesApart: number,
  wishes: number,
): FitPoints {
  return {
    topics: Math.min(sharedTopics, FIT.topicCap) * FIT.topicEach,
    stage: stageGap === null ? FIT.stageUnknown : (FIT.stageByGap[stageGap] ?? 0),
    times: sharedTimes === 0 ? 0 : FIT.timesFirst + (sharedTimes - 1) * FIT.timesEachMore,
    zone: Math.max(0, FIT.zoneMax - Math.floor(minutesApart / FIT.zoneStepMinutes)),
    wish: wishes === 2 ? FIT.wishMutual : wishes === 1 ? FIT.wishOneSided : 0,
  };
}

export const pointsTotal = (p: FitPoints): number => p.topics + p.stage + p.times + p.zone + p.wish;

/** Wall-clock difference the short way round: offsets of -10 h and +12 h are 2 h apart. */
export function minutesApart(offsetA: number, offsetB: number): number {
  const d = (((offsetA - offsetB) % 1440) + 1440) % 1440;
  return Math.min(d, 1440 - d);
}

export function timesMask(times: readonly TimeSlot[]): number {
  let mask = 0;
  for (const t of times) mask |= 1 << TIME_SLOTS.indexOf(t);
  return mask === 0 ? ALL_TIMES_MASK : mask;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How well two people fit, with the reasons a person can read. Symmetric in everything but the order of a and b. */
export function pairFit(a: Participant, b: Participant): PairFit {
  const topicsB = new Set(b.topics);
  const sharedTopics = [...new Set(a.topics.filter((t) => topicsB.has(t)))].sort(byCodeUnit);
  const stageGap = a.stage === null || b.stage === null ? null : Math.abs(a.stage - b.stage);
  const shared = timesMask(a.times) & timesMask(b.times);
  const sharedTimes = TIME_SLOTS.filter((_, i) => shared & (1 << i));
  const apart = minutesApart(a.utcOffsetMinutes, b.utcOffsetMinutes);
  const wishedBy = [a.wishes.includes(b.id) ? a.id : null, b.wishes.includes(a.id) ? b.id : null]
    .filter((x): x is string => x !== null)
    .sort(byCodeUnit);
  const points = fitPoints(sharedTopics.length, stageGap, sharedTimes.length, apart, wishedBy.length);
  return {
    a: a.id,
    b: b.id,
    score: pointsTotal(points),
    reasons: { sharedTopics, stageGap, sharedTimes, minutesApart: apart, wishedBy, points },
  };
}

function hoursText(minutes: number): string {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h apart`;
}

/**
 * The reasons as short phrases, in a fixed order, e.g. ['both: board relations, fundraising',
 * 'same stage', 'both free mornings', '1 h apart', '<@U1> asked for <@U2>'], with people named by
 * `nameOf` (a Slack mention reads as a name to everyone); the UI joins them with '; '. Never
 * mentions avoid-lists.
 */
export function describeFit(
  fit: { a: string; b: string; reasons: Omit<FitReasons, 'points'> },
  nameOf: (id: string) => string = (id) => id,
): string[] {
  const r = fit.reasons;
  const out: string[] = [];
  if (r.sharedTopics.length > 0) out.push(`both: ${r.sharedTopics.join(', ')}`);
  if (r.stageGap === 0) out.push('same stage');
  else if (r.stageGap === 1) out.push('one stage apart');
  if (r.sharedTimes.length === TIME_SLOTS.length) out.push('free at any time');
  else if (r.sharedTimes.length > 0) out.push(`both free ${r.sharedTimes.join(' and ')}`);
  out.push(r.minutesApart === 0 ? 'same time zone' : hoursText(r.minutesApart));
  if (r.wishedBy.length === 2) out.push(`${nameOf(fit.a)} and ${nameOf(fit.b)} asked for each other`);
  else if (r.wishedBy.length === 1) {
    const asker = r.wishedBy[0]!;
    out.push(`${nameOf(asker)} asked for ${nameOf(asker === fit.a ? fit.b : fit.a)}`);
  }
  return out;
}
