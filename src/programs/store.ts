import { type Insertable, type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { Database, ProgramStatus } from '../db/types';

type Conn = Kysely<Database> | Transaction<Database>;

export type ProgramRow = Selectable<Database['programs']>;
export type IntakeRow = Selectable<Database['program_intakes']>;
export type GroupRow = Selectable<Database['program_groups']>;

export async function insertProgram(db: Conn, row: Insertable<Database['programs']>): Promise<ProgramRow> {
  return db.insertInto('programs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateProgramRow(
  db: Conn,
  teamId: string,
  id: number,
  changes: Updateable<Database['programs']>,
): Promise<ProgramRow | undefined> {
  return db
    .updateTable('programs')
    .set(changes)
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function findProgram(db: Conn, teamId: string, id: number): Promise<ProgramRow | undefined> {
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Locks the program's row for the rest of the transaction (a status change against a save). */
export async function lockProgram(db: Conn, teamId: string, id: number): Promise<ProgramRow | undefined> {
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findProgramByName(db: Conn, teamId: string, name: string): Promise<ProgramRow | undefined> {
  return db
    .selectFrom('programs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function programsOf(db: Conn, teamId: string): Promise<ProgramRow[]> {
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).orderBy('id').execute();
}

/** Programs still recruiting whose deadline is after `now`, in every workspace: for the reminder's planning. */
export async function recruitingPrograms(db: Conn, now: Date): Promise<ProgramRow[]> {
  return db
    .selectFrom('programs')
    .selectAll()
    .where('status', '=', 'recruiting')
    .where('intake_deadline', '>', now)
    .orderBy('id')
    .execute();
}

export async function setStatus(
  db: Conn,
  teamId: string,
  id: number,
  status: ProgramStatus,
  now: Date,
): Promise<ProgramRow | undefined> {
  return db
    .updateTable('programs')
    .set({ status, updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** A person joins; joining twice changes nothing. True when this call added them. */
export async function insertIntake(db: Conn, teamId: string, programId: number, userId: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('program_intakes')
    .values({ team_id: teamId, program_id: programId, user_id: userId, joined_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'program_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findIntake(db: Conn, teamId: string, programId: number, userId: string): Promise<IntakeRow | undefined> {
  return db
    .selectFrom('program_intakes')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function updateIntake(
  db: Conn,
  teamId: string,
  programId: number,
  userId: string,
  changes: Updateable<Database['program_intakes']>,
): Promise<IntakeRow | undefined> {
  return db
    .updateTable('program_intakes')
    .set(changes)
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function intakesOf(db: Conn, teamId: string, programId: number): Promise<IntakeRow[]> {
  return db
    .selectFrom('program_intakes')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute();
}

/** Every program a person has joined, with its name: for their home and their data. */
export async function intakesOfPerson(
  db: Conn,
  teamId: string,
  userId: string,
): Promise<Array<IntakeRow & { program_name: string; program_status: ProgramStatus }>> {
  return db
    .selectFrom('program_intakes as i')
    .innerJoin('programs as p', (j) => j.onRef('p.team_id', '=', 'i.team_id').onRef('p.id', '=', 'i.program_id'))
    .selectAll('i')
    .select(['p.name as program_name', 'p.status as program_status'])
    .where('i.team_id', '=', teamId)
    .where('i.user_id', '=', userId)
    .orderBy('i.joined_at')
    .execute();
}

export async function insertGroups(db: Conn, rows: Array<Insertable<Database['program_groups']>>): Promise<void> {
  if (rows.length) await db.insertInto('program_groups').values(rows).execute();
}

export async function groupsOf(db: Conn, teamId: string, programId: number): Promise<GroupRow[]> {
  return db
    .selectFrom('program_groups')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .orderBy('round')
    .orderBy('id')
    .execute();
}
