import type { Insertable, Selectable } from 'kysely';
import type { CycleStaysTable, EvaluationsTable } from '../db/types';
import type { Conn } from '../db/database';

export type EvaluationRow = Selectable<EvaluationsTable>;
export type StayRow = Selectable<CycleStaysTable>;

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
