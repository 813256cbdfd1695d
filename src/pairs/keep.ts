import type { Db } from '../db/database';
import type { PairEffects } from './effects';
import { storedReasons } from './model';
import { pairedIn } from './status';
import { insertPair, type PairRow, pairsOfCycle } from './store';

/**
 * Pairs whose members all chose continue stay together: written as confirmed pairs of the new
 * cycle (same group DM, fit and reasons), so its survey and matching leave them out. Members
 * already paired in the new cycle are not paired twice.
 */
export async function keepPairs(
  db: Db,
  fx: PairEffects,
  teamId: string,
  circleId: number,
  fromCycleId: number,
  toCycleId: number,
  groups: string[][],
  now: Date,
): Promise<{ kept: PairRow[]; keys: string[] }> {
  if (!groups.length) return { kept: [], keys: [] };
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));
  return db.transaction().execute(async (trx) => {
    const old = await pairsOfCycle(trx, teamId, fromCycleId);
    const paired = await pairedIn(trx, teamId, toCycleId);
    const kept: PairRow[] = [];
    for (const members of groups) {
      const from = old.find((p) => same(p.user_ids, members));
      if (!from || members.some((id) => paired.has(id))) continue;
      kept.push(
        await insertPair(trx, {
          team_id: teamId,
          circle_id: circleId,
          cycle_id: toCycleId,
          user_ids: from.user_ids,
          fit: from.fit,
          reasons: storedReasons(from.reasons),
          channel_id: from.channel_id,
          now,
        }),
      );
      for (const id of members) paired.add(id);
    }
    const keys = await fx.outbox.enqueue(
      trx,
      fx.kinds.kept,
      kept.map((p) => ({ teamId, key: `pairs-kept:${p.id}`, circleId, dueAt: now, payload: { pairId: p.id } })),
    );
    return { kept, keys };
  });
}
