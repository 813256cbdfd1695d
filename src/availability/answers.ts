import { z } from 'zod';
import { MAX_CANDIDATES } from './candidateTime';

/** What a person says of a candidate time. */
export const ANSWERS = ['yes', 'ifneedbe', 'no'] as const;
export type Answer = (typeof ANSWERS)[number];

export const MAX_NOTE_LENGTH = 300;

/** One answer, with an optional note ("only until June", "I can join late"). */
export interface Availability {
  answer: Answer;
  note?: string;
}

export const availabilitySchema: z.ZodType<Availability> = z.strictObject({
  answer: z.enum(ANSWERS),
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
});

/** A person's answers as stored (jsonb), keyed by `candidateKey`; at most one per candidate of a poll. */
export const availabilityByCandidateSchema = z
  .record(z.string().min(1).max(200), availabilitySchema)
  .refine((answers) => Object.keys(answers).length <= MAX_CANDIDATES, { message: `At most ${MAX_CANDIDATES} answers` });

/**
 * A circle formed around a time may count on at most this many members who said "if need be" to
 * it: one can stretch, but a time that several merely tolerate does not hold a circle together.
 */
export const DEFAULT_MAX_IF_NEED_BE = 1;

/** "Can come" is yes or if need be throughout: the counts, the ranking and the shared-time rule. */
export function canCome(answer: Answer | undefined): boolean {
  return answer === 'yes' || answer === 'ifneedbe';
}

/**
 * Whether a group can meet at a time: everyone said yes or if need be (no answer counts as no), and
 * no more than `maxIfNeedBe` of them if need be. The formation solver's hard rule and the poll's
 * "this time suits everyone".
 */
export function everyoneCanMake(answers: ReadonlyArray<Answer | undefined>, maxIfNeedBe = DEFAULT_MAX_IF_NEED_BE): boolean {
  let ifNeedBe = 0;
  for (const answer of answers) {
    if (!canCome(answer)) return false;
    if (answer === 'ifneedbe') ifNeedBe += 1;
  }
  return ifNeedBe <= maxIfNeedBe;
}

/** Each person's answers by candidate key. */
export type AnswersByKey = Readonly<Partial<Record<string, Answer>>>;

/** The candidates (by key, in the order given) that a whole group can make. */
export function timesEveryoneCanMake(
  keys: readonly string[],
  people: readonly AnswersByKey[],
  maxIfNeedBe = DEFAULT_MAX_IF_NEED_BE,
): string[] {
  return keys.filter((key) =>
    everyoneCanMake(
      people.map((answers) => answers[key]),
      maxIfNeedBe,
    ),
  );
}
