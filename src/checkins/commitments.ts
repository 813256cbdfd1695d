import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { SessionRow } from '../sessions/service';
import { MAX_REVIEWED } from './model';
import { type CommitmentRow, commitmentsBefore, findCommitment, setOutcome } from './store';

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

/** The reader's own commitments still open before a session: for its reminder. */
export async function openBefore(db: Db, session: SessionRow, userId: string): Promise<CommitmentRow[]> {
  return commitmentsBefore(db, session.team_id, session.circle_id, userId, session.starts_at, { limit: MAX_REVIEWED });
}
