import { z } from 'zod';
import type { MeetingAnswer } from '../db/types';
import { isValidTimeZone } from '../time/cadence';
import { offsetMs } from '../time/zonedTime';
import { PairFields as F } from './ids';
import { type Group, type Participant, TIME_SLOTS, type TimeSlot, type UnmatchedReason } from './matching';

/** The pairs' pure rules: what the survey accepts, the references buttons carry, and who hears what. */

export type { MeetingAnswer };

export const GOALS_MAX = 1000;
export const MAX_WISHES = 3;
/** Slack allows ten options in one checkbox group; longer topic lists are split over several. */
export const CHECKBOXES_PER_GROUP = 10;
/** A reminder from `/circle match` asks for answers within this long. */
/** What a person must be allowed to do to see, change and confirm a program's pairs (in refusals). */
export const MATCH_WHAT = 'match the pairs of a coaching program';

export const REMIND_DEADLINE_MS = 3 * 86_400_000;

/**
 * How many arrangements a preview remembers having shown (Shuffle avoids them). Pressing Shuffle
 * again and again would otherwise grow the draft row without bound; past this many, the oldest
 * may be shown again.
 */
export const SHOWN_KEPT = 50;

/** The arrangements shown so far, with the one just shown, the oldest dropped past `SHOWN_KEPT`. */
export function withShown<T>(shown: readonly T[], next: T): T[] {
  return [...shown, next].slice(-SHOWN_KEPT);
}

export const STAGE_LABELS = [
  'Early in my career',
  'Established individual contributor',
  'Leading a team',
  'Leading managers or a department',
  'Executive or founder',
] as const;

export const TIME_LABELS: Record<TimeSlot, string> = {
  mornings: 'Weekday mornings',
  afternoons: 'Weekday afternoons',
  evenings: 'Weekday evenings',
};

export interface SurveyInput {
  goals: string;
  topics: string[];
  stage: number;
  times: TimeSlot[];
  timeZone: string;
  wishes: string[];
  avoid: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const values = z.record(z.string(), z.record(z.string(), z.unknown()));
const text = z.object({ value: z.string().nullish() }).partial();
const option = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).partial();
const options = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }).partial();
// A users select (older open modals) or the static list of the program's members.
const users = z
  .object({ selected_users: z.array(z.string()).nullish(), selected_options: z.array(z.object({ value: z.string() })).nullish() })
  .partial()
  .transform((v) => ({ selected_users: v.selected_users ?? v.selected_options?.map((o) => o.value) ?? null }));

function field<T>(all: Record<string, Record<string, unknown>>, blockId: string, schema: z.ZodType<T>): T | undefined {
  const parsed = schema.safeParse(all[blockId]?.[blockId]);
  return parsed.success ? parsed.data : undefined;
}

export const isTimeZone = isValidTimeZone;

export interface SurveyContext {
  /** The circle's topic list, as offered. */
  topics: readonly string[];
  /** Who holds a place in the circle (active or paused), besides the person answering. */
  others: ReadonlySet<string>;
  selfId: string;
}

/** The survey modal's answers, or an error on each field that is wrong. */
export function parseSurvey(raw: unknown, ctx: SurveyContext): Checked<SurveyInput> {
  const parsed = values.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: { [F.goals]: 'This form is out of date. Close it and open it again.' } };
  const all = parsed.data;
  const errors: Record<string, string> = {};

  const goals = (field(all, F.goals, text)?.value ?? '').trim();
  if (!goals) errors[F.goals] = 'Say in a few words what you want to work on this cycle.';
  else if (goals.length > GOALS_MAX) errors[F.goals] = `That is ${goals.length} characters; keep it to ${GOALS_MAX}.`;

  const topics: string[] = [];
  for (const blockId of Object.keys(all)) {
    if (!blockId.startsWith(F.topicsPrefix)) continue;
    for (const o of field(all, blockId, options)?.selected_options ?? []) {
      if (!ctx.topics.includes(o.value)) errors[blockId] = 'The topic list has changed. Close this form and open it again.';
      else if (!topics.includes(o.value)) topics.push(o.value);
    }
  }

  const stageRaw = field(all, F.stage, option)?.selected_option?.value;
  const stage = stageRaw === undefined ? NaN : Number(stageRaw);
  if (!Number.isInteger(stage) || stage < 0 || stage >= STAGE_LABELS.length) errors[F.stage] = 'Choose your stage from the list.';

  const times: TimeSlot[] = [];
  for (const o of field(all, F.times, options)?.selected_options ?? []) {
    if ((TIME_SLOTS as readonly string[]).includes(o.value)) times.push(o.value as TimeSlot);
    else errors[F.times] = 'Choose from mornings, afternoons and evenings.';
  }

  const timeZone = (field(all, F.timeZone, text)?.value ?? '').trim();
  if (!isTimeZone(timeZone))
    errors[F.timeZone] =
      `"${timeZone.slice(0, 40)}" is not a time zone I know. Use a name like Europe/London or America/New_York.`;

  const wishes = [...new Set(field(all, F.wishes, users)?.selected_users ?? [])];
  const avoid = [...new Set(field(all, F.avoid, users)?.selected_users ?? [])];
  if (wishes.length > MAX_WISHES) errors[F.wishes] = `Choose at most ${MAX_WISHES} people.`;
  else if (wishes.includes(ctx.selfId)) errors[F.wishes] = 'You cannot be matched with yourself: choose other people.';
  else {
    const strangers = wishes.filter((id) => !ctx.others.has(id));
    if (strangers.length)
      errors[F.wishes] =
        `${strangers.map((id) => `<@${id}>`).join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not in this program, so cannot be matched with you.`;
  }
  if (avoid.includes(ctx.selfId)) errors[F.avoid] = 'You cannot avoid yourself: choose other people, or nobody.';
  else if (avoid.some((id) => wishes.includes(id))) errors[F.avoid] = 'Someone is in both lists: choose one for each person.';

  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { goals, topics, stage, times, timeZone, wishes, avoid } };
}

export interface StoredSurvey {
  user_id: string;
  topics: string[];
  stage: number | null;
  times: string[];
  time_zone: string;
  wishes: string[];
  avoid: string[];
}

/** A survey as the matcher reads it, with the zone's offset on the day the cycle is matched. */
export function toParticipant(s: StoredSurvey, at: Date): Participant {
  return {
    id: s.user_id,
    topics: s.topics,
    stage: s.stage,
    times: s.times.filter((t): t is TimeSlot => (TIME_SLOTS as readonly string[]).includes(t)),
    utcOffsetMinutes: Math.round(offsetMs(at.getTime(), s.time_zone) / 60_000),
    wishes: s.wishes,
    avoid: s.avoid,
  };
}

// ---------------------------------------------------------------------------------------------
// What buttons and modals carry

/** The draft a preview shows; a button from an older preview is refused rather than applied. */
export const draftRef = z.object({ cycleId: z.number().int().positive(), version: z.number().int().positive() });
export type DraftRef = z.infer<typeof draftRef>;
/** One "did you meet?" question: the pair and the check's local date. */
/** The ledger key of a pair's "Did you meet?" for one date: its buttons answer for that date alone. */
export const meetingCheckKey = (pairId: number, date: string): string => `pairs-check:${pairId}:${date}`;
export const checkRef = z.object({ pairId: z.number().int().positive(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type CheckRef = z.infer<typeof checkRef>;
export const cycleRef = z.object({ cycleId: z.number().int().positive() });
/** Remind those who have not answered the survey, to answer before this instant. */
export const remindRef = z.object({ circleId: z.number().int().positive(), deadline: z.string().datetime() });

// ---------------------------------------------------------------------------------------------
// Outcomes

/** Why a member was left out of this cycle's pairs, as the member reads it. */
export type LeftOutReason = UnmatchedReason | 'no-survey' | 'late' | 'paused';

/** Two "not yet" in a row: this answer and the one before it (if any) both say so. */
export function secondNotYet(previous: MeetingAnswer | undefined, current: MeetingAnswer): boolean {
  return current === 'not_yet' && previous === 'not_yet';
}

/**
 * The next tip for a circle: the first in the bank among those used least often, so none repeats
 * until every one has been used, and the bank's order holds within each round.
 */
export function nextTip<K extends string>(bank: readonly K[], used: readonly string[]): K {
  const counts = new Map<string, number>();
  for (const key of used) counts.set(key, (counts.get(key) ?? 0) + 1);
  let best = bank[0]!;
  for (const key of bank) if ((counts.get(key) ?? 0) < (counts.get(best) ?? 0)) best = key;
  return best;
}

/** 'YYYY-MM' of the month after the one given. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Where matching stands for the organizer: who answered, who not, who is paused, the pairs once confirmed. */
export interface MatchStatus {
  cycle: { id: number; number: number };
  confirmed: boolean;
  answered: string[];
  missing: string[];
  paused: string[];
  pairs: Array<{ user_ids: string[]; fit: number }>;
  rematches: Array<{ pair_id: number; user_id: string; requested_at: Date; user_ids: string[] }>;
}

/** What my App Home shows of each coaching program I am active in this cycle. */
export type HomeLine =
  | { kind: 'paired'; circle: { name: string }; partners: string[] }
  | { kind: 'survey'; circle: { name: string }; cycleId: number; answered: boolean }
  | { kind: 'unmatched'; circle: { name: string } };

/**
 * Why a pair was matched, as stored with it: facts, never words (blocks.ts says them). A `fit` is
 * two members' fit (a trio has one for each two of them); a `text` is a reason stored as words
 * before reasons were data.
 */
export type PairReason =
  | {
      kind: 'fit';
      a: string;
      b: string;
      sharedTopics: string[];
      stageGap: number | null;
      sharedTimes: TimeSlot[];
      minutesApart: number;
      wishedBy: string[];
    }
  | { kind: 'text'; text: string };

const pairReasonsSchema = z.array(
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('fit'),
      a: z.string(),
      b: z.string(),
      sharedTopics: z.array(z.string()),
      stageGap: z.number().nullable(),
      sharedTimes: z.array(z.enum(TIME_SLOTS)),
      minutesApart: z.number(),
      wishedBy: z.array(z.string()),
    }),
    z.object({ kind: z.literal('text'), text: z.string() }),
  ]),
);

/** The reasons a matched group keeps: each two members' fit, as the matcher found it. */
export function groupReasons(group: Group): PairReason[] {
  return group.reasons.map(({ a, b, reasons: r }) => ({
    kind: 'fit',
    a,
    b,
    sharedTopics: r.sharedTopics,
    stageGap: r.stageGap,
    sharedTimes: r.sharedTimes,
    minutesApart: r.minutesApart,
    wishedBy: r.wishedBy,
  }));
}

/** A pair row's stored reasons; anything unreadable is left out rather than shown half-said. */
export function storedReasons(json: unknown): PairReason[] {
  const parsed = pairReasonsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}

/**
 * The reasons with a forgotten person's id replaced by their alias wherever it names them: the
 * ids of a fit, and the mentions inside a reason stored as words.
 */
export function reasonsWithout(reasons: readonly PairReason[], userId: string, alias: string): PairReason[] {
  const swap = (id: string) => (id === userId ? alias : id);
  return reasons.map((r) =>
    r.kind === 'text'
      ? { kind: 'text', text: r.text.split(`<@${userId}>`).join(`<@${alias}>`) }
      : { ...r, a: swap(r.a), b: swap(r.b), wishedBy: r.wishedBy.map(swap) },
  );
}
