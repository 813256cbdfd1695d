import { type CircleRow, facilitatorIds, membershipOf } from '../circles/service';
import type { Db } from '../db/database';
import type { CheckinEffects } from './effects';
import { headsUpKey, lapseKey } from './model';
import { lapses } from './records';

/**
 * After attendance changes: a member who has now missed the circle's threshold of sessions in a
 * row gets one kind DM, and each facilitator one heads-up. Keyed by the run's first session, so a
 * run is told once however often attendance is saved.
 */
export async function planLapseMessages(
  db: Db,
  fx: CheckinEffects,
  circle: CircleRow,
  userIds: string[],
  now: Date,
): Promise<string[]> {
  const lapsed = await lapses(db, circle, userIds, now);
  if (lapsed.size === 0) return [];
  const facilitators = await facilitatorIds(db, circle.team_id, circle.id);
  const keys: string[] = [];
  for (const [userId, streak] of lapsed) {
    const m = await membershipOf(db, circle, userId);
    if (m?.status !== 'active') continue;
    const about = { teamId: circle.team_id, circleId: circle.id, dueAt: now };
    keys.push(
      ...(await fx.outbox.enqueue(db, fx.kinds.nudge, [
        {
          ...about,
          key: lapseKey(circle.id, userId, streak.firstSessionId),
          userId,
          payload: { firstSessionId: streak.firstSessionId },
        },
      ])),
      ...(await fx.outbox.enqueue(
        db,
        fx.kinds.headsUp,
        facilitators
          .filter((f) => f !== userId)
          .map((f) => ({
            ...about,
            key: headsUpKey(circle.id, userId, streak.firstSessionId, f),
            userId: f,
            payload: { memberId: userId, firstSessionId: streak.firstSessionId },
          })),
      )),
    );
  }
  return keys;
}
