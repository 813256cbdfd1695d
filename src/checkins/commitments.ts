import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { type SessionRow, sessionStarts } from '../sessions/service';
import { MAX_REVIEWED } from './model';
import { type CommitmentRow, findCommitment, openOrReviewedCommitments, setOutcome } from './store';

/** A member's own commitments outside a check-in: marked done from the App Home, listed in their reminder. */

/** Marks one of the person's own commitments done (from the App Home). */
export async function markCommitmentDone(
  db: Db,
  teamId: string,
  userId: string,
  commitmentId: number,
  now: Date,
): Promise<CommitmentRow> {
  const commitment = await findCommitment(db, teamId, commitmentId);
  // Someone else's commitment is answered exactly like a missing one: its existence is private too.
  if (!commitment || commitment.user_id !== userId) throw new AppError(ErrorCode.NotFound, 'That commitment is no longer there.');
  if (commitment.outcome === 'done') throw new AppError(ErrorCode.Conflict, 'That commitment is already marked done.');
  await setOutcome(db, teamId, userId, commitment.id, 'done', null, now);
  return { ...commitment, outcome: 'done', outcome_at: now };
}

/**
 * A member's commitments made after sessions that began before `before`, in the order made: those
 * still open, and those `alsoFrom` (a check-in) or reviewed at `reviewedAt` (a session). The
 * sessions' starts come from their owner, sessions.
 */
export async function commitmentsBefore(
  db: Db,
  teamId: string,
  circleId: number,
  userId: string,
  before: Date,
  opts: { alsoFromCheckin?: number; reviewedAt?: number; limit: number },
): Promise<CommitmentRow[]> {
  const candidates = await openOrReviewedCommitments(db, teamId, circleId, userId, opts);
  if (candidates.length === 0) return [];
  const starts = await sessionStarts(
    db,
    teamId,
    candidates.map((c) => c.session_id),
  );
  const startOf = (c: CommitmentRow) => starts.get(c.session_id)?.getTime();
  return candidates
    .filter((c) => (startOf(c) ?? Number.POSITIVE_INFINITY) < before.getTime())
    .sort((x, y) => startOf(x)! - startOf(y)! || x.position - y.position)
    .slice(0, opts.limit);
}

/** The reader's own commitments still open before a session: for its reminder. */
export async function openBefore(db: Db, session: SessionRow, userId: string): Promise<CommitmentRow[]> {
  return commitmentsBefore(db, session.team_id, session.circle_id, userId, session.starts_at, { limit: MAX_REVIEWED });
}
