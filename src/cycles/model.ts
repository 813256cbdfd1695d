import { z } from 'zod';
import type { CycleChoice } from '../db/types';
import { addDays, toEpochDays } from '../time/calendarDate';
import { zonedWallTimeToInstant } from '../time/zonedTime';
import { EvaluationFields as F } from './ids';

/** The cycles' pure rules: when a cycle's end is announced and evaluated, what members answer, and who goes on. */

export type { CycleChoice };

const DAY_MS = 86_400_000;
/** Messages about a cycle go out at this local time of the circle, not at midnight. */
export const CYCLE_MESSAGE_TIME = '09:00';
export const CLOSING_NOTICE_DAYS = 7;
export const REMINDER_AFTER_DAYS = 3;
/** A member who gave no choice has this long to say whether they stay before they are dropped. */
export const STAY_ANSWER_DAYS = 7;
export const ANSWER_MAX = 1000;

export interface CycleDates {
  start_date: string;
  end_date: string;
}

export interface CycleTimes {
  /** The channel hears the cycle is closing. */
  closingNoticeAt: Date;
  /** The cycle is over (the morning after its last day): evaluations open, invitations go out. */
  endsAt: Date;
  reminderAt: Date;
  /** The evaluation closes; a circle set to continue rolls over. */
  closesAt: Date;
}

export function cycleTimes(cycle: CycleDates, timeZone: string, surveyCloseDays: number): CycleTimes {
  const at = (date: string) => zonedWallTimeToInstant(date, CYCLE_MESSAGE_TIME, timeZone);
  const endsAt = at(addDays(cycle.end_date, 1));
  return {
    closingNoticeAt: at(addDays(cycle.end_date, -CLOSING_NOTICE_DAYS)),
    endsAt,
    reminderAt: new Date(endsAt.getTime() + REMINDER_AFTER_DAYS * DAY_MS),
    closesAt: at(addDays(cycle.end_date, 1 + surveyCloseDays)),
  };
}

export type Phase = 'running' | 'evaluating' | 'closed';

export function phaseAt(times: CycleTimes, now: Date): Phase {
  if (now < times.endsAt) return 'running';
  return now < times.closesAt ? 'evaluating' : 'closed';
}

/** The next cycle: as long as the last one, from the day after it ended (or today, if that has passed). */
export function nextCycleDates(last: CycleDates, today: string): CycleDates {
  const length = toEpochDays(last.end_date) - toEpochDays(last.start_date);
  const dayAfter = addDays(last.end_date, 1);
  const start = dayAfter > today ? dayAfter : today;
  return { start_date: start, end_date: addDays(start, Math.max(1, length)) };
}

// ---------------------------------------------------------------------------------------------
// The evaluation

export interface EvaluationInput {
  value: number;
  keptOwn: number;
  keptOthers: number;
  mostUseful: string | null;
  toImprove: string | null;
  recommend: boolean;
  choice: CycleChoice;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export const CHOICE_LABELS: Record<CycleChoice, string> = {
  continue: 'Continue',
  rematch: 'Rematch',
  end: 'End here',
};

const option = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).partial();
const text = z.object({ value: z.string().nullish() }).partial();
const rating = z.coerce.number().int().min(1).max(5);
const all = z.record(z.string(), z.record(z.string(), z.unknown()));

export function parseEvaluation(raw: unknown): Checked<EvaluationInput> {
  const parsedAll = all.safeParse(raw);
  if (!parsedAll.success) return { ok: false, errors: { [F.value]: 'This form is out of date. Close it and open it again.' } };
  const values = parsedAll.data;
  const errors: Record<string, string> = {};
  const chosen = (id: string) => option.safeParse(values[id]?.[id]).data?.selected_option?.value ?? undefined;
  const typed = (id: string) => (text.safeParse(values[id]?.[id]).data?.value ?? '').trim();

  const rate = (id: string, question: string): number => {
    const r = rating.safeParse(chosen(id));
    if (!r.success) errors[id] = `${question}, from 1 to 5?`;
    return r.success ? r.data : 0;
  };
  const value = rate(F.value, 'How valuable was this cycle');
  const keptOwn = rate(F.keptOwn, 'How well did you keep your commitments');
  const keptOthers = rate(F.keptOthers, 'How well did the others keep theirs');
  const words = (id: string): string | null => {
    const t = typed(id);
    if (t.length > ANSWER_MAX) errors[id] = `That is ${t.length} characters; keep it to ${ANSWER_MAX}.`;
    return t || null;
  };
  const mostUseful = words(F.mostUseful);
  const toImprove = words(F.toImprove);
  const recommendRaw = chosen(F.recommend);
  if (recommendRaw !== 'yes' && recommendRaw !== 'no') errors[F.recommend] = 'Would you recommend it: yes or no?';
  const choice = z.enum(['continue', 'rematch', 'end']).safeParse(chosen(F.choice));
  if (!choice.success) errors[F.choice] = 'Choose what you want next: continue, rematch or end.';
  if (Object.keys(errors).length || !choice.success) return { ok: false, errors };
  return {
    ok: true,
    value: { value, keptOwn, keptOthers, mostUseful, toImprove, recommend: recommendRaw === 'yes', choice: choice.data },
  };
}

/** What the evaluation modal carries: the cycle it is about. */
export const cycleRef = z.object({ cycleId: z.number().int().positive() });
export const cycleMetadata = (cycleId: number): string => JSON.stringify({ cycleId });

// ---------------------------------------------------------------------------------------------
// Rollover

export interface RolloverPlan {
  stay: string[];
  leave: string[];
  rematch: string[];
  /** Gave no choice: asked once whether they stay. */
  silent: string[];
}

/** Who goes where at the start of the next cycle, from the members holding a place and their choices. */
export function planRollover(members: readonly string[], choices: ReadonlyMap<string, CycleChoice>): RolloverPlan {
  const plan: RolloverPlan = { stay: [], leave: [], rematch: [], silent: [] };
  for (const userId of members) {
    const choice = choices.get(userId);
    if (choice === 'continue') plan.stay.push(userId);
    else if (choice === 'end') plan.leave.push(userId);
    else if (choice === 'rematch') plan.rematch.push(userId);
    else plan.silent.push(userId);
  }
  return plan;
}

/** Pairs whose every member chose continue: they stay together. */
export function pairsToKeep(pairs: ReadonlyArray<readonly string[]>, choices: ReadonlyMap<string, CycleChoice>): string[][] {
  return pairs.filter((p) => p.length > 0 && p.every((u) => choices.get(u) === 'continue')).map((p) => [...p]);
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface Distribution {
  count: number;
  average: number | null;
  /** How many answered 1, 2, 3, 4 and 5. */
  counts: [number, number, number, number, number];
}

export function distribution(values: readonly number[]): Distribution {
  const counts: Distribution['counts'] = [0, 0, 0, 0, 0];
  for (const v of values) if (Number.isInteger(v) && v >= 1 && v <= 5) counts[v - 1]!++;
  const total = counts.reduce((a, b) => a + b, 0);
  const sum = counts.reduce((a, c, i) => a + c * (i + 1), 0);
  return { count: total, average: total ? Math.round((sum / total) * 10) / 10 : null, counts };
}

/** A rate as a person reads it: "3/4 (75%)", or a dash when nothing is known. */
export function rateText(part: number, whole: number): string {
  return whole === 0 ? '–' : `${part}/${whole} (${Math.round((part / whole) * 100)}%)`;
}

/** "1 check-in", "2 check-ins": `many` when adding an s will not do. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
