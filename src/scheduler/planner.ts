import type { Db } from '../db/database';
import { unservedTeamIds } from '../workspaces/service';
import type { DeliveryRegistry } from './kinds';
import { advanceWatermark, type PlannedDelivery, planDeliveries, readWatermark } from './ledger';

/** Deliveries are planned this far ahead of their due time. */
export const PLAN_AHEAD_MS = 2 * 60_000;
/** On the very first pass, look this far back for deliveries that are late but may still be of use. */
const FIRST_LOOKBACK_MS = 86_400_000;
const WATERMARK = 'deliveries_planned_until';

/**
 * Asks every calendar-driven kind what falls due between the last pass and a little after `now`,
 * and stores it. After downtime the window simply covers the gap: late deliveries are planned, and
 * the sender skips the ones past their use. Two passes planning the same window plan once: keys
 * are unique and the watermark only moves forward.
 */
export async function planDue(
  db: Db,
  registry: DeliveryRegistry,
  now: Date,
): Promise<{ planned: number; proposed: number; sessions: number }> {
  const from = (await readWatermark(db, WATERMARK)) ?? new Date(now.getTime() - FIRST_LOOKBACK_MS);
  const to = new Date(now.getTime() + PLAN_AHEAD_MS);
  if (to <= from) return { planned: 0, proposed: 0, sessions: 0 };
  const planned: PlannedDelivery[] = [];
  // Nothing is planned for a workspace that uninstalled the app (or whose token fails, in single-token
  // mode); a reinstall, or the token working again, resumes from the watermark.
  const gone = await unservedTeamIds(db);
  for (const kind of registry.planners()) {
    for (const d of await kind.plan!({ from, to, now })) if (!gone.has(d.teamId)) planned.push({ ...d, kind: kind.kind });
  }
  const inserted = await planDeliveries(db, planned, now);
  await advanceWatermark(db, WATERMARK, to, now);
  // What the kinds proposed (most already planned by an earlier pass) and how many sessions they were about.
  const sessions = new Set(planned.filter((d) => d.sessionId != null).map((d) => `${d.teamId}:${d.sessionId}`)).size;
  return { planned: inserted, proposed: planned.length, sessions };
}
