import type { Insertable, Selectable } from 'kysely';
import type { CycleStaysTable, CyclesTable, EvaluationsTable } from '../db/types';
import type { Conn } from '../db/database';

export type CycleRow = Selectable<CyclesTable>;
export type EvaluationRow = Selectable<EvaluationsTable>;
export type StayRow = Selectable<CycleStaysTable>;

export async function findCycle(db: Conn, teamId: string, id: number): Promise<CycleRow | undefined> {
  return db.selectFrom('cycles').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function cyclesOf(db: Conn, teamId: string, circleId: number): Promise<CycleRow[]> {
  return db
    .selectFrom('cycles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .orderBy('number')
    .execute();
}

/** Every workspace's cycles whose last day falls in [from, to]: the scheduler's scan, narrow by the index on end_date. */
export async function cyclesEndingIn(db: Conn, from: string, to: string): Promise<CycleRow[]> {
  return db.selectFrom('cycles').selectAll().where('end_date', '>=', from).where('end_date', '<=', to).orderBy('id').execute();
}

/** Cycles that ended on or before `to` and have not been rolled over, in circles set to continue by themselves. */
export async function autoContinuing(db: Conn, to: string): Promise<CycleRow[]> {
  return db
    .selectFrom('cycles')
    .innerJoin('circles', (j) => j.onRef('circles.id', '=', 'cycles.circle_id').onRef('circles.team_id', '=', 'cycles.team_id'))
    .selectAll('cycles')
    .where('cycles.rolled_over_at', 'is', null)
    .where('cycles.end_date', '<=', to)
    .where('circles.continue_automatically', '=', true)
    .where('circles.status', '!=', 'ended')
    .orderBy('cycles.id')
    .execute();
}

export async function insertCycle(db: Conn, values: Insertable<CyclesTable>): Promise<CycleRow> {
  return db.insertInto('cycles').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Marks the cycle rolled over, once: false when someone else already did. */
export async function claimRollover(db: Conn, teamId: string, id: number, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('cycles')
    .set({ rolled_over_at: now, status: 'ended' })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('rolled_over_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findEvaluation(
  db: Conn,
  teamId: string,
  cycleId: number,
  userId: string,
): Promise<EvaluationRow | undefined> {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertEvaluation(db: Conn, values: Insertable<EvaluationsTable>): Promise<EvaluationRow> {
  return db
    .insertInto('evaluations')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['team_id', 'cycle_id', 'user_id']).doUpdateSet((eb) => ({
        value_rating: eb.ref('excluded.value_rating'),
        kept_own: eb.ref('excluded.kept_own'),
        kept_others: eb.ref('excluded.kept_others'),
        most_useful: eb.ref('excluded.most_useful'),
        to_improve: eb.ref('excluded.to_improve'),
        recommend: eb.ref('excluded.recommend'),
        choice: eb.ref('excluded.choice'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function evaluationsOf(db: Conn, teamId: string, cycleId: number): Promise<EvaluationRow[]> {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .orderBy('id')
    .execute();
}

export async function evaluationsOfUser(db: Conn, teamId: string, userId: string): Promise<EvaluationRow[]> {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

export async function insertStays(db: Conn, rows: Array<Insertable<CycleStaysTable>>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('cycle_stays')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function findStay(db: Conn, teamId: string, cycleId: number, userId: string): Promise<StayRow | undefined> {
  return db
    .selectFrom('cycle_stays')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Records the answer if none was given yet; false when one was. */
export async function answerStay(
  db: Conn,
  teamId: string,
  cycleId: number,
  userId: string,
  answer: 'stay' | 'leave' | 'dropped',
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('cycle_stays')
    .set({ answer, answered_at: now })
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .where('user_id', '=', userId)
    .where('answer', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Every workspace's unanswered questions asked before `before`. */
export async function unansweredStays(db: Conn, before: Date): Promise<StayRow[]> {
  return db.selectFrom('cycle_stays').selectAll().where('answer', 'is', null).where('asked_at', '<=', before).execute();
}

export async function staysOfUser(db: Conn, teamId: string, userId: string): Promise<StayRow[]> {
  return db.selectFrom('cycle_stays').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

/** A forgotten member's evaluations keep their ratings and choice, without their id or their words. */
export async function anonymizeEvaluations(db: Conn, teamId: string, userId: string): Promise<void> {
  await db
    .updateTable('evaluations')
    .set({ user_id: null, most_useful: null, to_improve: null })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
}

export async function aliasStays(db: Conn, teamId: string, userId: string, alias: string): Promise<void> {
  await db
    .updateTable('cycle_stays')
    .set({ user_id: alias })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
}
