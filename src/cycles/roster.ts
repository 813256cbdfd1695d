import { type CircleRow, members, type CycleRow } from '../circles/service';
import type { Db } from '../db/database';
import { zoneOfStoredCadence } from '../time/cadence';
import { type CycleTimes, cycleTimes } from './model';

/** A cycle's moments in its circle's zone, and who takes part in its end: shared by the use cases and the messages. */

export function timesOf(circle: CircleRow, cycle: CycleRow): CycleTimes {
  return cycleTimes(cycle, zoneOfStoredCadence(circle.cadence), circle.survey_close_days);
}

/** Members holding a place (active or paused) when the cycle ended: the people asked to evaluate it. */
export async function invitees(db: Db, circle: CircleRow, endsAt: Date): Promise<string[]> {
  const held = await members(db, circle.team_id, circle.id, ['active', 'paused']);
  return held.filter((m) => m.joined_at === null || m.joined_at <= endsAt).map((m) => m.user_id);
}
