import type { Db } from '../db/database';
import { nextSessions } from './store';

/** The next meeting of each circle, for home tabs. */
export function nextMeetingsFor(db: Db) {
  return async (teamId: string, circleIds: number[], now: Date): Promise<Map<number, Date>> =>
    new Map((await nextSessions(db, teamId, circleIds, now)).map((s) => [s.circle_id, s.starts_at]));
}

/** Upcoming sessions where this person leads the warm-up, by circle. */
export function warmupTurnsFor(db: Db) {
  return async (teamId: string, userId: string, now: Date): Promise<Map<number, Date>> => {
    const rows = await db
      .selectFrom('sessions')
      .select(['circle_id', (eb) => eb.fn.min('starts_at').as('first')])
      .where('team_id', '=', teamId)
      .where('leader_user_id', '=', userId)
      .where('status', '=', 'scheduled')
      .where('starts_at', '>', now)
      .groupBy('circle_id')
      .execute();
    return new Map(rows.map((r) => [r.circle_id, new Date(r.first)]));
  };
}
