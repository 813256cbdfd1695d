import { z } from 'zod';
import {
  ANSWERS,
  type Answer,
  type CandidateTime,
  type RankedCandidate,
  MAX_CANDIDATES,
  MAX_NOTE_LENGTH,
  candidateKey,
  candidateListSchema,
  parseCandidateInput,
  rotatingCadenceAt,
} from '../availability';
import type { Cadence } from '../time/cadence';

/** A poll is open this many days unless the facilitator says otherwise. */
export const DEFAULT_CLOSE_DAYS = 5;
export const MAX_CLOSE_DAYS = 30;
/** Members who have not answered hear once, this long before the poll closes. */
export const REMINDER_BEFORE_CLOSE_MS = 24 * 3_600_000;
/** Times are judged (worst local time, daylight-saving weeks) over this many coming months. */
export const RANGE_MONTHS = 6;

export const pollRef = z.object({ pollId: z.number().int().positive() });
export const circleRef = z.object({ circleId: z.number().int().positive() });
export const pickRef = z.object({
  pollId: z.number().int().positive(),
  picks: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(MAX_CANDIDATES - 1),
    )
    .min(1)
    .max(2),
});
export type PickRef = z.infer<typeof pickRef>;

/** A member's answers as stored: by candidate key. */
export const storedAnswersSchema = z.record(z.string().min(1).max(200), z.enum(ANSWERS));
export type StoredAnswers = z.infer<typeof storedAnswersSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The times a facilitator typed, one a line (or separated by ";"), read as the circle's kind of
 * time in its zone: "Tue 09:00", "2nd Tue 18:30". Up to 12, none twice.
 */
export function parseTimes(
  text: string,
  context: { kind: Cadence['kind']; timeZone: string; durationMinutes: number },
): Parsed<CandidateTime[]> {
  const lines = text
    .split(/[\n;]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return { ok: false, error: 'List at least one time, one a line, such as “Tue 09:00”.' };
  if (lines.length > MAX_CANDIDATES) return { ok: false, error: `Offer at most ${MAX_CANDIDATES} times.` };
  const out: CandidateTime[] = [];
  for (const [i, line] of lines.entries()) {
    const read = parseCandidateInput(line, context);
    if (!read.ok) return { ok: false, error: `Line ${i + 1}: ${read.error}` };
    out.push(read.candidate);
  }
  const checked = candidateListSchema.safeParse(out);
  if (!checked.success) return { ok: false, error: checked.error.issues[0]?.message ?? 'Those times cannot be offered.' };
  return { ok: true, value: out };
}

/** "5", or empty for the default: whole days from now until the poll closes. */
export function parseCloseDays(text: string | null | undefined): Parsed<number> {
  const t = (text ?? '').trim();
  if (t === '') return { ok: true, value: DEFAULT_CLOSE_DAYS };
  if (!/^\d{1,2}$/.test(t) || Number(t) < 1 || Number(t) > MAX_CLOSE_DAYS) {
    return { ok: false, error: `Give a whole number of days from 1 to ${MAX_CLOSE_DAYS}.` };
  }
  return { ok: true, value: Number(t) };
}

/** A note, trimmed; empty is none. */
export function parseNote(text: string | null | undefined): Parsed<string | null> {
  const t = (text ?? '').trim();
  if (t.length > MAX_NOTE_LENGTH) return { ok: false, error: `Keep the note under ${MAX_NOTE_LENGTH} characters.` };
  return { ok: true, value: t === '' ? null : t };
}

/** The answer of a radio's value; anything else is not one. */
export function answerOf(value: unknown): Answer | null {
  return typeof value === 'string' && (ANSWERS as readonly string[]).includes(value) ? (value as Answer) : null;
}

/** The candidates of a stored poll, or null when the stored form is not one we understand. */
export function storedCandidates(stored: unknown): CandidateTime[] | null {
  const parsed = candidateListSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** A member's stored answers, keeping only those about this poll's candidates. */
export function answersFor(stored: unknown, candidates: readonly CandidateTime[]): StoredAnswers {
  const parsed = storedAnswersSchema.safeParse(stored);
  if (!parsed.success) return {};
  const keys = new Set(candidates.map(candidateKey));
  return Object.fromEntries(Object.entries(parsed.data).filter(([k]) => keys.has(k)));
}

/** Two times to alternate between, as positions in the poll's list. */
export interface RotationOffer {
  picks: [number, number];
  /** Members who can come to at least one of the two. */
  covered: number;
  cadence: Cadence;
}

/**
 * When no single time suits everyone: the two times that, alternated, let the most members come
 * to at least one of them, then the most answers of "can come" over both, then the better ranked.
 * Only pairs the cadence can alternate between (same zone, and for monthly, same week).
 */
export function rotationOffer(
  ranked: readonly RankedCandidate[],
  candidates: readonly CandidateTime[],
  cadence: Cadence,
): RotationOffer | null {
  const position = new Map(candidates.map((c, i) => [candidateKey(c), i]));
  let best: (RotationOffer & { score: number; order: number }) | null = null;
  for (let a = 0; a < ranked.length; a++) {
    for (let b = a + 1; b < ranked.length; b++) {
      const first = ranked[a]!;
      const second = ranked[b]!;
      const rotating = rotatingCadenceAt(cadence, first.candidate, second.candidate);
      if (!rotating) continue;
      const can = (r: RankedCandidate) => new Set([...r.yes, ...r.ifNeedBe]);
      const covered = new Set([...can(first), ...can(second)]).size;
      const score = first.canCome + second.canCome;
      const order = a * ranked.length + b;
      if (
        !best ||
        covered > best.covered ||
        (covered === best.covered && (score > best.score || (score === best.score && order < best.order)))
      ) {
        best = { picks: [position.get(first.key)!, position.get(second.key)!], covered, cadence: rotating, score, order };
      }
    }
  }
  return best ? { picks: best.picks, covered: best.covered, cadence: best.cadence } : null;
}
