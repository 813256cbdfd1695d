import { membershipsOf } from '../circles/service';
import type { Db } from '../db/database';
import { latestHeld } from '../sessions/service';
import type { PendingCheckin } from './model';
import { expectedAt } from './records';
import { type CommitmentRow, findCheckin, openCommitmentsOf } from './store';

const HOME_OPEN = 20;

export async function homeData(
  db: Db,
  teamId: string,
  userId: string,
  now: Date,
): Promise<{ open: Array<{ commitment: CommitmentRow; circleName: string }>; pending: PendingCheckin[] }> {
  const memberships = await membershipsOf(db, teamId, userId);
  const names = new Map(memberships.map((m) => [m.circle_id, m.circle.name]));
  const open = (await openCommitmentsOf(db, teamId, userId, HOME_OPEN))
    .filter((c) => names.has(c.circle_id))
    .map((commitment) => ({ commitment, circleName: names.get(commitment.circle_id)! }));
  const pending: PendingCheckin[] = [];
  for (const m of memberships) {
    if (m.status !== 'active' || m.circle.kind !== 'group') continue;
    const latest = await latestHeld(db, m.circle, now);
    if (!latest || (await findCheckin(db, teamId, latest.id, userId))) continue;
    // Only a session they were expected at (the roster is taken when a session begins).
    if (!(await expectedAt(db, latest)).includes(userId)) continue;
    pending.push({ circle: m.circle, session: latest });
  }
  return { open, pending };
}
