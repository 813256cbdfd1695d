/**
 * Seeded, realistic intakes for the benchmark and tests: career stage (alike), sector and function
 * (mixed), topics (alike, a set), organizations some people share (each of one sector), six
 * candidate times in the anchor zone (New York) answered from each person's working hours in one
 * of four zones, a few wishes and avoid-lists. Fixed UTC offsets: daylight saving is not modelled.
 */
import { randomInt, type Rng, rng as seeded, shuffleInPlace } from '../../core/random';
import type { Answer, Field, Instance, Person, Rules } from './types';

export const SECTORS = ['government', 'business', 'nonprofit', 'academia', 'other'] as const;
const SECTOR_SHARE = [0.25, 0.3, 0.25, 0.12, 0.08];
export const FUNCTIONS = [
  'operations',
  'policy',
  'finance',
  'programs',
  'research',
  'technology',
  'communications',
  'people',
] as const;
const TOPICS = [
  'strategy',
  'leading teams',
  'fundraising',
  'partnerships',
  'change',
  'data',
  'advocacy',
  'career',
  'wellbeing',
  'negotiation',
];
const STAGE_SHARE = [0.15, 0.3, 0.3, 0.17, 0.08];

/** Four zones (UTC offset in minutes) and their share of a cohort. */
export const ZONES: Array<{ name: string; offset: number; share: number }> = [
  { name: 'America/Los_Angeles', offset: -480, share: 0.15 },
  { name: 'America/New_York', offset: -300, share: 0.4 },
  { name: 'Europe/Paris', offset: 60, share: 0.3 },
  { name: 'Asia/Kolkata', offset: 330, share: 0.15 },
];
/** Six candidate times, local to New York: [id, hour]. */
export const CANDIDATE_TIMES: Array<[string, number]> = [
  ['mon-08:00', 8],
  ['tue-09:00', 9],
  ['wed-11:00', 11],
  ['wed-13:00', 13],
  ['thu-16:00', 16],
  ['fri-10:00', 10],
];
const ANCHOR_OFFSET = -300;

export const DEFAULT_FIELDS: Field[] = [
  { key: 'stage', kind: 'ordinal', mode: 'alike', weight: 3, levels: 5 },
  { key: 'sector', kind: 'category', mode: 'mix', weight: 2 },
  { key: 'function', kind: 'category', mode: 'mix', weight: 1 },
  { key: 'topics', kind: 'set', mode: 'alike', weight: 1 },
];

export const DEFAULT_RULES: Rules = {
  minSize: 6,
  maxSize: 8,
  fields: DEFAULT_FIELDS,
  separateOrganizations: true,
  maxIfNeedBe: 1,
  wishWeight: 2,
  repeatWeight: 3,
  ifNeedBeWeight: 0.5,
};

export interface GenerateOptions {
  people: number;
  /** Overrides of the default rules (6-8 people, one if-need-be, organizations kept apart). */
  rules?: Partial<Rules>;
  /** Use only the first k candidate times (default all 6). */
  times?: number;
  /** People per organization on average (default 1.5: most alone, some sharing). */
  perOrganization?: number;
  /** Share of people who ask to be with someone (default 0.15) and who avoid someone (default 0.03). */
  wishShare?: number;
  avoidShare?: number;
  /** Pairs from an earlier round to invent (default none). */
  pastPairs?: number;
}

function pick(r: Rng, shares: readonly number[]): number {
  let x = r() * shares.reduce((a, b) => a + b, 0);
  for (let i = 0; i < shares.length; i++) {
    x -= shares[i]!;
    if (x < 0) return i;
  }
  return shares.length - 1;
}

function answer(r: Rng, localHour: number, start: number, end: number): Answer {
  const h = ((localHour % 24) + 24) % 24;
  let a: Answer = h >= start && h + 1 <= end ? 'yes' : h >= 7 && h + 1 <= 21 ? 'ifneedbe' : 'no';
  // Some weeks a slot is taken by a standing meeting, whatever the hours.
  const busy = r();
  if (a === 'yes' && busy < 0.12) a = busy < 0.06 ? 'no' : 'ifneedbe';
  return a;
}

export function generateInstance(seed: number | string, options: GenerateOptions): Instance {
  const r = seeded(`formation:${seed}`);
  const size = Math.max(0, Math.floor(options.people));
  const times = CANDIDATE_TIMES.slice(0, Math.max(1, Math.min(6, options.times ?? 6)));
  const orgCount = Math.max(1, Math.round(size / (options.perOrganization ?? 1.5)));
  const orgSector = Array.from({ length: orgCount }, () => SECTORS[pick(r, SECTOR_SHARE)]!);
  // A few large organizations, many with one person: weight 1/(k+1).
  const orgShare = Array.from({ length: orgCount }, (_, k) => 1 / Math.pow(k + 1, 0.6));
  const people: Person[] = [];
  for (let i = 0; i < size; i++) {
    const org = i < orgCount ? i : pick(r, orgShare);
    const zone =
      ZONES[
        pick(
          r,
          ZONES.map((z) => z.share),
        )
      ]!;
    const start = 7 + randomInt(r, 4);
    const end = start + 8 + randomInt(r, 2);
    const answers: Record<string, Answer> = {};
    for (const [id, hour] of times) answers[id] = answer(r, hour + (zone.offset - ANCHOR_OFFSET) / 60, start, end);
    const topics = new Set<string>();
    const want = 1 + randomInt(r, 3);
    while (topics.size < want)
      topics.add(
        TOPICS[
          pick(
            r,
            TOPICS.map((_, k) => 1 / (k + 1)),
          )
        ]!,
      );
    people.push({
      id: `P${String(i + 1).padStart(4, '0')}`,
      values: {
        stage: pick(r, STAGE_SHARE),
        sector: orgSector[org]!,
        function: FUNCTIONS[randomInt(r, FUNCTIONS.length)]!,
        topics: [...topics].sort(),
      },
      organization: `org-${org + 1}`,
      times: answers,
      wishes: [],
      avoid: [],
      volunteer: r() < 0.25,
    });
  }
  const order = shuffleInPlace(
    r,
    people.map((_, i) => i),
  );
  const wishers = Math.round(size * (options.wishShare ?? 0.15));
  for (const i of order.slice(0, wishers)) {
    const me = people[i]!;
    // Someone met elsewhere: another organization, usually the same stage.
    for (let tries = 0; tries < 20 && me.wishes.length < 1 + (r() < 0.3 ? 1 : 0); tries++) {
      const other = people[randomInt(r, size)]!;
      if (other === me || other.organization === me.organization || me.wishes.includes(other.id)) continue;
      if (other.values.stage !== me.values.stage && r() < 0.7) continue;
      me.wishes.push(other.id);
    }
  }
  const avoiders = Math.round(size * (options.avoidShare ?? 0.03));
  for (const i of order.slice(wishers, wishers + avoiders)) {
    const other = people[randomInt(r, size)]!;
    if (other !== people[i] && !people[i]!.wishes.includes(other.id)) people[i]!.avoid.push(other.id);
  }
  const pastPairs: Array<[string, string]> = [];
  for (let k = 0; k < (options.pastPairs ?? 0) && size > 1; k++) {
    const a = randomInt(r, size);
    const b = randomInt(r, size);
    if (a !== b) pastPairs.push([people[a]!.id, people[b]!.id]);
  }
  return {
    people,
    times: times.map(([id]) => id),
    rules: { ...DEFAULT_RULES, ...options.rules },
    ...(pastPairs.length > 0 ? { pastPairs } : {}),
  };
}
