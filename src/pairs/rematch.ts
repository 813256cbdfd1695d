import { cycleByNumber, findCycle } from '../circles/service';
import type { Db } from '../db/database';
import type { PairTarget } from './meetings';
import { insertRematch, pairsOfCycle } from './store';

/** Asking for another partner: from a stuck pair's button, or at the end of a cycle. */

export async function requestRematch(db: Db, target: PairTarget, userId: string, now: Date): Promise<boolean> {
  return insertRematch(db, {
    team_id: target.pair.team_id,
    circle_id: target.circle.id,
    pair_id: target.pair.id,
    user_id: userId,
    now,
  });
}

/**
 * Members who asked at the end of a cycle for a new partner: recorded against the pair they leave,
 * so the organizer sees it in `/circle match` for the new cycle. One open request per pair (a
 * stuck pair may have one already). Someone who had no pair is surveyed and matched like everyone.
 */
export async function requestRematches(
  db: Db,
  teamId: string,
  circleId: number,
  toCycleId: number,
  userIds: string[],
  now: Date,
): Promise<number> {
  const to = await findCycle(db, teamId, toCycleId);
  const from = to ? await cycleByNumber(db, teamId, circleId, to.number - 1) : undefined;
  if (!from || !userIds.length) return 0;
  const old = await pairsOfCycle(db, teamId, from.id);
  let added = 0;
  for (const userId of userIds) {
    const pair = old.find((p) => p.user_ids.includes(userId));
    if (pair && (await insertRematch(db, { team_id: teamId, circle_id: circleId, pair_id: pair.id, user_id: userId, now })))
      added++;
  }
  return added;
}
