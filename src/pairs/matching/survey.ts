import { randomInt, rng, type Rng, shuffleInPlace } from '../../core/random';
import type { MatchInput, Participant, PastGroup, TimeSlot } from './types';

/** Leadership topics, most chosen first: a few are on most lists, most on a few. */
export const LEADERSHIP_TOPICS = [
  'delegation',
  'difficult conversations',
  'strategy',
  'hiring',
  'managing managers',
  'burnout',
  'fundraising',
  'board relations',
  'change management',
  'performance reviews',
  'budgeting',
  'culture',
  'stakeholder management',
  'remote teams',
  'negotiation',
  'public speaking',
  'coaching skills',
  'decision making',
  'career growth',
  'time management',
] as const;

/** UTC offsets (minutes) of eight zones and their share of a cohort. */
const ZONES: Array<[number, number]> = [
  [-480, 0.12],
  [-300, 0.28],
  [-180, 0.05],
  [0, 0.2],
  [60, 0.17],
  [330, 0.08],
  [480, 0.06],
  [600, 0.04],
];
const STAGES = [0.2, 0.3, 0.25, 0.17, 0.08];

export interface SurveyOptions {
  size: number;
  seed: string | number;
  /** Past cycles to invent a history for (each pairs up most of the cohort). Default 3. */
  pastCycles?: number;
  /** The circle's cool-off, in cycles. Default 2. */
  coolOff?: number | null;
}

function pickWeighted(r: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

const TOPIC_WEIGHTS = LEADERSHIP_TOPICS.map((_, k) => 1 / Math.pow(k + 1, 0.8));

/**
 * Survey answers as a cohort gives them, seeded: 2-5 topics from 20 with a skew, stages mostly in
 * the middle (5% unanswered), meeting times (10% no preference), eight zones, wishes for 30% of
 * people (a third of them returned), avoid-lists for 5%, and a history of earlier cycles.
 */
export function realisticSurvey(options: SurveyOptions): MatchInput {
  const r = rng(options.seed);
  const n = options.size;
  const ids = Array.from({ length: n }, (_, i) => `U${String(i + 1).padStart(6, '0')}`);
  const people: Participant[] = ids.map((id) => {
    const topics = new Set<string>();
    const count = 2 + randomInt(r, 4);
    while (topics.size < count) topics.add(LEADERSHIP_TOPICS[pickWeighted(r, TOPIC_WEIGHTS)]!);
    const times: TimeSlot[] = [];
    if (r() >= 0.1) {
      for (const t of ['mornings', 'afternoons', 'evenings'] as const) if (r() < 0.5) times.push(t);
      if (times.length === 0) times.push('mornings');
    }
    return {
      id,
      topics: [...topics],
      stage: r() < 0.05 ? null : pickWeighted(r, STAGES),
      times,
      utcOffsetMinutes:
        ZONES[
          pickWeighted(
            r,
            ZONES.map((z) => z[1]),
          )
        ]![0],
      wishes: [],
      avoid: [],
    };
  });
  if (n >= 2) {
    const other = (i: number): number => (i + 1 + randomInt(r, n - 1)) % n;
    for (let i = 0; i < n; i++) {
      const p = people[i]!;
      if (r() < 0.3) {
        const count = 1 + randomInt(r, 3);
        while (p.wishes.length < Math.min(count, n - 1)) {
          const j = other(i);
          if (p.wishes.includes(ids[j]!)) continue;
          p.wishes.push(ids[j]!);
          const q = people[j]!;
          if (r() < 1 / 3 && q.wishes.length < 3 && !q.wishes.includes(p.id)) q.wishes.push(p.id);
        }
      }
      if (r() < 0.05) {
        const count = 1 + randomInt(r, 2);
        for (let k = 0; k < count; k++) {
          const j = other(i);
          if (!p.avoid.includes(ids[j]!) && !p.wishes.includes(ids[j]!)) p.avoid.push(ids[j]!);
        }
      }
    }
  }
  const pastCycles = options.pastCycles ?? 3;
  const groups: PastGroup[] = [];
  for (let cycle = 1; cycle <= pastCycles; cycle++) {
    const order = shuffleInPlace(
      r,
      ids.filter(() => r() < 0.8),
    );
    for (let k = 0; k + 1 < order.length; k += 2) groups.push({ cycle, members: [order[k]!, order[k + 1]!] });
  }
  return {
    participants: people,
    history: { currentCycle: pastCycles + 1, coolOff: options.coolOff === undefined ? 2 : options.coolOff, groups },
  };
}
