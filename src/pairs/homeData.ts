import { currentCycle, membershipsOf } from '../circles/service';
import type { Db } from '../db/database';
import type { HomeLine } from './model';
import { isConfirmed } from './status';
import { findSurvey, pairsOfCycle } from './store';

/** What my App Home says of each coaching program I am in: my partners, no partner, or the survey waiting. */
export async function homeData(db: Db, teamId: string, userId: string): Promise<HomeLine[]> {
  const lines: HomeLine[] = [];
  for (const m of await membershipsOf(db, teamId, userId)) {
    if (m.circle.kind !== 'pairs' || m.status !== 'active' || m.role !== 'member') continue;
    const cycle = await currentCycle(db, teamId, m.circle.id);
    if (!cycle) continue;
    const pair = (await pairsOfCycle(db, teamId, cycle.id)).find((p) => p.user_ids.includes(userId));
    if (pair || (await isConfirmed(db, teamId, cycle.id))) {
      lines.push(
        pair
          ? { kind: 'paired', circle: m.circle, partners: pair.user_ids.filter((id) => id !== userId) }
          : { kind: 'unmatched', circle: m.circle },
      );
    } else {
      const answered = Boolean(await findSurvey(db, teamId, cycle.id, userId));
      lines.push({ kind: 'survey', circle: m.circle, cycleId: cycle.id, answered });
    }
  }
  return lines;
}
