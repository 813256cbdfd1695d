import { createHash } from 'node:crypto';
import { type CircleRow, circleById, facilitatorIds } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { escapeMrkdwn } from '../core/text';
import type { Db } from '../db/database';
import { slackDate } from '../slack/blocks';
import { latestHeld, type SessionRow, sessionById } from '../sessions/service';
import { commitmentsBefore } from './commitments';
import type { CheckinEffects } from './effects';
import { checkinsWithStarts } from './history';
import { type CheckinForm, type CheckinInput, MAX_REVIEWED } from './model';
import { planLapseMessages } from './nudges';
import { takeRoster } from './records';
import {
  type CheckinRow,
  type CommitmentRow,
  commitmentsOfCheckin,
  deleteCommitments,
  findCheckin,
  insertCommitment,
  setOutcome,
  updateCommitmentText,
  upsertCheckin,
} from './store';

/**
 * A member checking in, without Slack: which session they may check in for, what the form shows
 * them, and what is stored. Commitments, ratings and the note are read only for their author.
 */

export const day = (at: Date) => slackDate(at, '{date_short_pretty}');

/**
 * The session a person may check in for, or why not: it must have taken place (ended, not
 * cancelled), be the circle's latest, and they must have held a place when it began.
 */
export async function checkinTarget(
  db: Db,
  teamId: string,
  sessionId: number,
  userId: string,
  now: Date,
): Promise<{ circle: CircleRow; session: SessionRow }> {
  const session = await sessionById(db, teamId, sessionId);
  const circle = session ? await circleById(db, teamId, session.circle_id) : undefined;
  if (!session || !circle) throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  if (session.status === 'cancelled') {
    throw new AppError(
      ErrorCode.Conflict,
      `The *${escapeMrkdwn(circle.name)}* session of ${day(session.starts_at)} was cancelled, so there is nothing to check in for.`,
    );
  }
  if (session.ends_at > now) {
    throw new AppError(
      ErrorCode.Conflict,
      `The *${escapeMrkdwn(circle.name)}* session of ${day(session.starts_at)} has not finished yet. Check in once it is over.`,
    );
  }
  const latest = await latestHeld(db, circle, now);
  if (latest && latest.id !== session.id) {
    throw new AppError(
      ErrorCode.Conflict,
      `*${escapeMrkdwn(circle.name)}* has met again since then (${day(latest.starts_at)}), so that check-in is closed. Please check in for the newer session instead: \`/circle checkin ${circle.name}\`.`,
    );
  }
  const roster = await takeRoster(db, session, now);
  if (!roster.includes(userId)) {
    throw new AppError(
      ErrorCode.Forbidden,
      `You did not hold an active place in *${escapeMrkdwn(circle.name)}* when the session of ${day(session.starts_at)} took place, so there is no check-in for you there.`,
    );
  }
  return { circle, session };
}

/** The latest session of a circle to check in for, or why there is none. */
export async function latestToCheckIn(db: Db, circle: CircleRow, userId: string, now: Date): Promise<SessionRow> {
  if (circle.kind !== 'group') {
    throw new AppError(
      ErrorCode.NotFound,
      `*${escapeMrkdwn(circle.name)}* is a coaching program: its pairs meet on their own, without circle check-ins.`,
    );
  }
  const latest = await latestHeld(db, circle, now);
  if (!latest) {
    throw new AppError(
      ErrorCode.NotFound,
      `*${escapeMrkdwn(circle.name)}* has not met yet. After each session I'll send you a DM to check in.`,
    );
  }
  return (await checkinTarget(db, circle.team_id, latest.id, userId, now)).session;
}

// ---------------------------------------------------------------------------------------------
// Checking in

/** Last time's commitments (and older ones still open) that this check-in asks about. */
async function toReview(db: Db, session: SessionRow, userId: string): Promise<CommitmentRow[]> {
  // The member's check-in for the last session before this one that they checked in for.
  const previous = (await checkinsWithStarts(db, session.team_id, session.circle_id, userId)).find(
    (c) => c.starts_at < session.starts_at,
  );
  return commitmentsBefore(db, session.team_id, session.circle_id, userId, session.starts_at, {
    ...(previous ? { alsoFromCheckin: previous.id } : {}),
    reviewedAt: session.id,
    limit: MAX_REVIEWED,
  });
}

/** What the check-in modal shows a member: their own answers so far, and their own commitments. */
export async function checkinForm(db: Db, session: SessionRow, userId: string): Promise<CheckinForm> {
  const existing = await findCheckin(db, session.team_id, session.id, userId);
  const mine = existing ? await commitmentsOfCheckin(db, session.team_id, existing.id) : [];
  return { existing, mine, review: await toReview(db, session, userId) };
}

/** The commitment ids a submission may report on: the ones the form asks about. */
export async function reviewableIds(db: Db, session: SessionRow, userId: string): Promise<Set<number>> {
  return new Set((await toReview(db, session, userId)).map((c) => c.id));
}

export interface SavedCheckin {
  checkin: CheckinRow;
  edited: boolean;
  commitments: number;
  /** Messages that follow (a note to the facilitators, a lapse nudge), to send right away. */
  keys: string[];
}

/** Stores a check-in, or replaces the member's earlier one for the same session. */
export async function saveCheckin(
  db: Db,
  fx: CheckinEffects,
  teamId: string,
  sessionId: number,
  userId: string,
  input: CheckinInput,
  now: Date,
): Promise<SavedCheckin> {
  return db.transaction().execute(async (trx) => {
    const { circle, session } = await checkinTarget(trx, teamId, sessionId, userId, now);
    const reviewable = await reviewableIds(trx, session, userId);
    for (const id of input.progress.keys()) {
      if (!reviewable.has(id)) throw new AppError(ErrorCode.Invalid, 'This form is out of date. Close it and check in again.');
    }
    const before = await findCheckin(trx, teamId, session.id, userId);
    const checkin = await upsertCheckin(trx, {
      team_id: teamId,
      circle_id: circle.id,
      session_id: session.id,
      user_id: userId,
      attended: input.attended,
      usefulness: input.usefulness,
      note: input.note,
      submitted_at: now,
      updated_at: now,
    });

    const existing = await commitmentsOfCheckin(trx, teamId, checkin.id);
    const gone = existing.filter((c) => !input.commitments.some((n) => n.position === c.position));
    await deleteCommitments(
      trx,
      teamId,
      gone.map((c) => c.id),
    );
    for (const n of input.commitments) {
      const current = existing.find((c) => c.position === n.position);
      if (!current) {
        await insertCommitment(trx, {
          team_id: teamId,
          circle_id: circle.id,
          checkin_id: checkin.id,
          session_id: session.id,
          user_id: userId,
          position: n.position,
          text: n.text,
          outcome: null,
          outcome_at: null,
          reviewed_session_id: null,
          created_at: now,
          updated_at: now,
        });
      } else if (current.text !== n.text) {
        await updateCommitmentText(trx, teamId, current.id, n.text, now);
      }
    }
    for (const [id, outcome] of input.progress) await setOutcome(trx, teamId, userId, id, outcome, session.id, now);

    const keys: string[] = [];
    if (checkin.note && checkin.note !== before?.note) keys.push(...(await planNote(trx, fx, circle, session, checkin, now)));
    if (input.attended === 'no') keys.push(...(await planLapseMessages(trx, fx, circle, [userId], now)));
    return { checkin, edited: before !== undefined, commitments: input.commitments.length, keys };
  });
}

/** The member's note, to each facilitator; a changed note is a new message, the same one is not. */
async function planNote(
  db: Db,
  fx: CheckinEffects,
  circle: CircleRow,
  session: SessionRow,
  checkin: CheckinRow,
  now: Date,
): Promise<string[]> {
  const version = createHash('sha256')
    .update(checkin.note ?? '')
    .digest('hex')
    .slice(0, 12);
  const to = (await facilitatorIds(db, circle.team_id, circle.id)).filter((f) => f !== checkin.user_id);
  return fx.outbox.enqueue(
    db,
    fx.kinds.note,
    to.map((facilitator) => ({
      teamId: circle.team_id,
      key: `checkin-note:${checkin.id}:${facilitator}:${version}`,
      circleId: circle.id,
      sessionId: session.id,
      userId: facilitator,
      dueAt: now,
      payload: { checkinId: checkin.id },
    })),
  );
}
