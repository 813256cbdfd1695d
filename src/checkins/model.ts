import { z } from 'zod';
import type { Attended, CommitmentOutcome } from '../db/types';
import { CheckinFields as F } from './ids';
import type { CircleRow } from '../circles/service';
import type { Person } from '../people/service';
import type { SessionRow } from '../sessions/service';
import type { CheckinRow, CommitmentRow } from './store';

/** The check-ins' pure rules: what counts as attendance, when someone has lapsed, and what people submit. */

export type { Attended, CommitmentOutcome };

/** Who records a session (attendance, notes), and the organizers they may be one of: the use cases check them. */
export interface Manager {
  person: Person;
  organizers: readonly string[];
}

/** What only facilitators and organizers do, as a refusal names it. */
export const ATTENDANCE_WHAT = 'take attendance';
export const NOTES_WHAT = 'share the notes of a session';

export const MAX_COMMITMENTS = 3;
export const COMMITMENT_MAX = 300;
export const NOTE_MAX = 1000;
export const NOTES_MAX = 2900;
/** A modal holds 100 blocks; past this many open commitments, the oldest wait for the next check-in. */
export const MAX_REVIEWED = 9;
/** The gentle follow-up comes this long after the check-in was asked for. */
export const FOLLOW_UP_MS = 2 * 86_400_000;

export const ATTENDED_LABELS: Record<Attended, string> = { yes: 'Yes', part: 'For part of it', no: 'No' };
export const OUTCOME_LABELS: Record<CommitmentOutcome, string> = { done: 'Done', partly: 'Partly', not_yet: 'Not yet' };
export const USEFULNESS_LABELS = ['1 · not useful', '2', '3', '4', '5 · very useful'] as const;

// ---------------------------------------------------------------------------------------------
// Attendance and lapses

/**
 * One member at one session: `away` when they were not expected (paused, or not in the circle yet),
 * `unknown` when nobody said (no check-in, no facilitator record).
 */
export type Mark = 'present' | 'absent' | 'unknown' | 'away';

/** A facilitator's record wins over the member's own check-in; silence is not absence. */
export function attendanceMark(
  expected: boolean,
  facilitatorSaysPresent: boolean | undefined,
  checkin: Attended | undefined,
): Mark {
  if (!expected) return 'away';
  if (facilitatorSaysPresent !== undefined) return facilitatorSaysPresent ? 'present' : 'absent';
  if (checkin !== undefined) return checkin === 'no' ? 'absent' : 'present';
  return 'unknown';
}

export interface MarkedSession {
  sessionId: number;
  mark: Mark;
}

export interface Streak {
  length: number;
  /** The first session of the run: a streak is known by it, so it is nudged about once. */
  firstSessionId: number;
  lastSessionId: number;
}

/**
 * The member's current run of missed sessions, from records oldest first. The latest sessions
 * nobody has recorded yet are passed over (news may still come); before them, only sessions
 * recorded as missed count, and anything else ends the run: being there, being paused or not yet
 * a member, and a session nobody recorded.
 */
export function absenceStreak(records: readonly MarkedSession[]): Streak | null {
  let i = records.length - 1;
  while (i >= 0 && records[i]!.mark === 'unknown') i--;
  const last = records[i];
  if (!last || last.mark !== 'absent') return null;
  let first = last;
  let length = 0;
  while (i >= 0 && records[i]!.mark === 'absent') {
    first = records[i]!;
    length++;
    i--;
  }
  return { length, firstSessionId: first.sessionId, lastSessionId: last.sessionId };
}

/** A run of missed sessions is told about once: its messages are keyed by the run's first session. */
export const lapseKey = (circleId: number, userId: string, firstSessionId: number) =>
  `lapse:${circleId}:${userId}:${firstSessionId}`;
export const headsUpKey = (circleId: number, userId: string, firstSessionId: number, facilitator: string) =>
  `lapse-heads-up:${circleId}:${userId}:${firstSessionId}:${facilitator}`;

/** The streak, when it has reached the circle's threshold. */
export function lapse(records: readonly MarkedSession[], threshold: number): Streak | null {
  const streak = absenceStreak(records);
  return streak && streak.length >= Math.max(1, threshold) ? streak : null;
}

// ---------------------------------------------------------------------------------------------
// What people submit

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export interface CheckinInput {
  attended: Attended;
  /** Positions 1 to 3; a blank position is no commitment. */
  commitments: Array<{ position: number; text: string }>;
  /** How each of last time's commitments went, by commitment id (left out: not answered). */
  progress: Map<number, CommitmentOutcome>;
  usefulness: number | null;
  note: string | null;
}

const option = z.object({ value: z.string() }).nullish();
const radio = z.object({ selected_option: option }).partial();
const text = z.object({ value: z.string().nullish() }).partial();
const values = z.record(z.string(), z.record(z.string(), z.unknown()));

const attendedSchema = z.enum(['yes', 'part', 'no']);
const outcomeSchema = z.enum(['done', 'partly', 'not_yet']);
const usefulnessSchema = z.coerce.number().int().min(1).max(5);

function field<T>(all: Record<string, Record<string, unknown>>, blockId: string, schema: z.ZodType<T>): T | undefined {
  const parsed = schema.safeParse(all[blockId]?.[blockId]);
  return parsed.success ? parsed.data : undefined;
}

/** A modal's `view.state.values`, or nothing when it does not have Slack's shape. */
export function stateValues(raw: unknown): Record<string, Record<string, unknown>> | null {
  const parsed = values.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const trimmed = (s: string | null | undefined): string => (s ?? '').trim().replace(/\s+\n/g, '\n');

/**
 * The check-in modal's answers. `reviewable` is the commitments the form asked about: anything
 * else named in the submission is refused, so a member can only report on their own.
 */
export function parseCheckin(raw: unknown, reviewable: ReadonlySet<number>): Checked<CheckinInput> {
  const all = stateValues(raw);
  if (!all) return { ok: false, errors: { [F.attended]: 'This form is out of date. Close it and check in again.' } };
  const errors: Record<string, string> = {};

  const attendedRaw = field(all, F.attended, radio)?.selected_option?.value;
  const attended = attendedSchema.safeParse(attendedRaw);
  if (!attended.success) errors[F.attended] = 'Say whether you were at the session.';

  const commitments: CheckinInput['commitments'] = [];
  for (let position = 1; position <= MAX_COMMITMENTS; position++) {
    const id = `${F.commitmentPrefix}${position}`;
    const value = trimmed(field(all, id, text)?.value);
    if (!value) continue;
    if (value.length > COMMITMENT_MAX) {
      errors[id] = `That is ${value.length} characters; keep a commitment to ${COMMITMENT_MAX}.`;
      continue;
    }
    commitments.push({ position, text: value });
  }

  const progress = new Map<number, CommitmentOutcome>();
  for (const blockId of Object.keys(all)) {
    if (!blockId.startsWith(F.progressPrefix)) continue;
    const id = Number(blockId.slice(F.progressPrefix.length));
    if (!reviewable.has(id)) {
      errors[blockId] = 'This form is out of date. Close it and check in again.';
      continue;
    }
    const chosen = field(all, blockId, radio)?.selected_option?.value;
    if (chosen === undefined || chosen === null) continue;
    const outcome = outcomeSchema.safeParse(chosen);
    if (outcome.success) progress.set(id, outcome.data);
    else errors[blockId] = 'Choose done, partly or not yet.';
  }

  const ratingRaw = field(all, F.usefulness, radio)?.selected_option?.value;
  const rating = ratingRaw === undefined || ratingRaw === null ? undefined : usefulnessSchema.safeParse(ratingRaw);
  if (rating && !rating.success) errors[F.usefulness] = 'Choose how useful it was, from 1 to 5.';
  const present = attended.success && attended.data !== 'no';
  // Someone who was not there has nothing to rate; a rating left from an earlier answer is dropped.
  const usefulness = present && rating?.success ? rating.data : null;
  if (present && usefulness === null && !errors[F.usefulness]) errors[F.usefulness] = 'How useful was the session, from 1 to 5?';

  const noteText = trimmed(field(all, F.note, text)?.value);
  if (noteText.length > NOTE_MAX) errors[F.note] = `That note is ${noteText.length} characters; keep it to ${NOTE_MAX}.`;

  if (Object.keys(errors).length || !attended.success) return { ok: false, errors };
  return { ok: true, value: { attended: attended.data, commitments, progress, usefulness, note: noteText || null } };
}

/** Who the facilitator ticked as present, across the modal's groups of checkboxes; only people on the list count. */
export function parseAttendance(raw: unknown, listed: ReadonlySet<string>): Checked<Set<string>> {
  const all = stateValues(raw);
  const firstGroup = `${F.presentPrefix}0`;
  if (!all) return { ok: false, errors: { [firstGroup]: 'This form is out of date. Close it and take attendance again.' } };
  const present = new Set<string>();
  const boxes = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() });
  for (const blockId of Object.keys(all)) {
    if (!blockId.startsWith(F.presentPrefix)) continue;
    const parsed = field(all, blockId, boxes);
    if (!parsed) return { ok: false, errors: { [blockId]: 'Tick the people who were there.' } };
    for (const { value } of parsed.selected_options ?? []) {
      if (!listed.has(value))
        return { ok: false, errors: { [blockId]: 'This form is out of date. Close it and take attendance again.' } };
      present.add(value);
    }
  }
  return { ok: true, value: present };
}

/** The notes a facilitator shares after a session. */
export function parseNotes(raw: unknown): Checked<string> {
  const all = stateValues(raw);
  const value = all ? trimmed(field(all, F.notesText, text)?.value) : '';
  if (!value)
    return { ok: false, errors: { [F.notesText]: 'Write the notes to share (they are posted in the agenda’s thread).' } };
  if (value.length > NOTES_MAX) {
    return { ok: false, errors: { [F.notesText]: `That is ${value.length} characters; notes can be at most ${NOTES_MAX}.` } };
  }
  return { ok: true, value };
}

/** What each check-in modal carries: the session it is about. */
export const sessionRef = z.object({ sessionId: z.number().int().positive() });
/** The attendance modal's metadata: the session, and the channel it was opened from (to confirm the save there). */
export const attendanceRef = sessionRef.extend({
  channelId: z
    .string()
    .regex(/^[CGD][A-Z0-9]+$/)
    .optional(),
});

export const sessionMetadata = (sessionId: number): string => JSON.stringify({ sessionId });

/** The circle picked for `/circle checkin` (and whose check-ins, when someone was named). */
export const pickSchema = z.object({
  circleId: z.number().int().positive(),
  memberId: z
    .string()
    .regex(/^[UW][A-Z0-9]+$/)
    .optional(),
});
export type Pick = z.infer<typeof pickSchema>;

export const pickValue = (pick: Pick): string => JSON.stringify(pick);

// ---------------------------------------------------------------------------------------------
// What the service hands its blocks

export interface CheckinForm {
  existing: CheckinRow | undefined;
  /** What this check-in committed to, by position (for an edit). */
  mine: CommitmentRow[];
  /** Last time's commitments, and any older ones still open. */
  review: CommitmentRow[];
}

export interface AttendanceRow {
  userId: string;
  present: boolean;
  checkin: Attended | undefined;
}

export interface OwnCheckin {
  startsAt: Date;
  attended: Attended;
  usefulness: number | null;
  commitments: CommitmentRow[];
}

export interface CheckinCounts {
  expected: number;
  checkedIn: number;
  present: number;
  absent: number;
}

export interface PendingCheckin {
  circle: CircleRow;
  session: SessionRow;
}
