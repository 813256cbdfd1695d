import { type CircleRow, type CycleRow, currentCycle, members } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { MatchStatus } from './model';
import { findDraft, openRematches, pairsOfCycle, surveysOf } from './store';

/** Where a program's matching stands in a cycle: who is paired, who answered, whether it is confirmed. */

/** Whether this cycle's matching has been confirmed (surveys are then closed). */
export async function isConfirmed(db: Db, teamId: string, cycleId: number): Promise<boolean> {
  return Boolean((await findDraft(db, teamId, cycleId))?.confirmed_at);
}

/**
 * Who is already paired in a cycle before any matching: pairs kept from the cycle before (both
 * chose continue). They are neither surveyed nor matched again.
 */
export async function pairedIn(db: Db, teamId: string, cycleId: number): Promise<Set<string>> {
  return new Set((await pairsOfCycle(db, teamId, cycleId)).flatMap((p) => p.user_ids));
}

/** Each pair of a cycle, as its members' ids. */
export async function pairsOfCycleIds(db: Db, teamId: string, cycleId: number): Promise<string[][]> {
  return (await pairsOfCycle(db, teamId, cycleId)).map((p) => p.user_ids);
}

/** Members (not facilitators) of a coaching program, by status. */
export async function participantsOf(db: Db, circle: CircleRow, statuses: Array<'active' | 'paused'>): Promise<string[]> {
  return (await members(db, circle.team_id, circle.id, statuses)).filter((m) => m.role === 'member').map((m) => m.user_id);
}

/** The cycle a program matches now, or why there is none to match. */
export async function requireCycle(db: Db, circle: CircleRow): Promise<CycleRow> {
  if (circle.kind !== 'pairs') {
    throw new AppError(
      ErrorCode.Invalid,
      `*${circle.name}* is a learning circle, not a coaching program: there is nobody to match.`,
    );
  }
  const cycle = await currentCycle(db, circle.team_id, circle.id);
  if (!cycle) throw new AppError(ErrorCode.NotFound, `*${circle.name}* has no cycle open, so there is nobody to match yet.`);
  return cycle;
}

export async function matchStatus(db: Db, circle: CircleRow): Promise<MatchStatus> {
  const cycle = await requireCycle(db, circle);
  const paired = await pairedIn(db, circle.team_id, cycle.id);
  const active = (await participantsOf(db, circle, ['active'])).filter((id) => !paired.has(id));
  const answeredSet = new Set((await surveysOf(db, circle.team_id, cycle.id)).map((s) => s.user_id));
  return {
    cycle,
    confirmed: await isConfirmed(db, circle.team_id, cycle.id),
    answered: active.filter((id) => answeredSet.has(id)),
    missing: active.filter((id) => !answeredSet.has(id)),
    paused: await participantsOf(db, circle, ['paused']),
    pairs: await pairsOfCycle(db, circle.team_id, cycle.id),
    rematches: await openRematches(db, circle.team_id, circle.id),
  };
}
