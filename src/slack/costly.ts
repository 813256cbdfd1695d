import type { CostlyLimit } from '../core/costly';
import { AppError, ErrorCode } from '../core/errors';
import { slackDate } from './blocks';

/** Refuses an expensive command run too often by the same person, saying when it can run again. */
export function assertNotTooOften(limit: CostlyLimit, teamId: string, userId: string, now: Date, what: string): void {
  const taken = limit.take(teamId, userId, now);
  if (taken.ok) return;
  throw new AppError(
    ErrorCode.Conflict,
    `${what} takes a while to prepare, so each person can ask for it (with \`/circle report\`, \`/circle match\` and Shuffle) only a few times a minute. You can again from ${slackDate(taken.retryAt, '{time_secs}')}.`,
  );
}
