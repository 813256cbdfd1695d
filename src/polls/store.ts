import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, TimePollAnswersTable, TimePollsTable } from '../db/types';

type Conn = Kysely<Database> | Transaction<Database>;

export type PollRow = Selectable<TimePollsTable>;
export type AnswerRow = Selectable<TimePollAnswersTable>;

export async function insertPoll(db: Conn, values: Insertable<TimePollsTable>): Promise<PollRow> {
  return db.insertInto('time_polls').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findPoll(db: Conn, teamId: string, id: number): Promise<PollRow | undefined> {
  return db.selectFrom('time_polls').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** The poll, row-locked until the transaction ends: two Picks at once apply once. */
export async function lockPoll(db: Transaction<Database>, teamId: string, id: number): Promise<PollRow | undefined> {
  return db
    .selectFrom('time_polls')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function openPollOf(db: Conn, teamId: string, circleId: number): Promise<PollRow | undefined> {
  return db
    .selectFrom('time_polls')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export async function markPicked(db: Conn, teamId: string, id: number, picked: string, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('time_polls')
    .set({ status: 'picked', picked, picked_by: userId, picked_at: now, updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .execute();
}

/** Closes the open poll a new one replaces. */
export async function cancelPoll(db: Conn, teamId: string, id: number, now: Date): Promise<void> {
  await db
    .updateTable('time_polls')
    .set({ status: 'cancelled', updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

export async function answersOf(db: Conn, teamId: string, pollId: number): Promise<AnswerRow[]> {
  return db
    .selectFrom('time_poll_answers')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('poll_id', '=', pollId)
    .orderBy('answered_at')
    .execute();
}

export async function answerOf(db: Conn, teamId: string, pollId: number, userId: string): Promise<AnswerRow | undefined> {
  return db
    .selectFrom('time_poll_answers')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('poll_id', '=', pollId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertAnswer(db: Conn, values: Insertable<TimePollAnswersTable>): Promise<void> {
  await db
    .insertInto('time_poll_answers')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'poll_id', 'user_id'])
        .doUpdateSet({ answers: values.answers, note: values.note, updated_at: values.updated_at }),
    )
    .execute();
}

/** Polls still open whose close falls in the window, in every workspace: the reminder is planned from them. */
export async function pollsClosingIn(db: Conn, from: Date, to: Date): Promise<PollRow[]> {
  return db
    .selectFrom('time_polls')
    .selectAll()
    .where('status', '=', 'open')
    .where('closes_at', '>', from)
    .where('closes_at', '<=', to)
    .execute();
}

/** A person's answers in every poll of a workspace, with the poll's circle, for `/circle me`. */
export async function answersOfUser(
  db: Conn,
  teamId: string,
  userId: string,
): Promise<Array<AnswerRow & { circle_id: number; candidates: unknown }>> {
  return db
    .selectFrom('time_poll_answers as a')
    .innerJoin('time_polls as p', (j) => j.onRef('p.team_id', '=', 'a.team_id').onRef('p.id', '=', 'a.poll_id'))
    .selectAll('a')
    .select(['p.circle_id', 'p.candidates'])
    .where('a.team_id', '=', teamId)
    .where('a.user_id', '=', userId)
    .orderBy('a.answered_at')
    .execute();
}

export async function deleteAnswersOfUser(db: Conn, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom('time_poll_answers').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

/** Who opened or picked a poll is replaced by the alias when they are forgotten. */
export async function aliasPollPeople(db: Conn, teamId: string, userId: string, alias: string): Promise<void> {
  await db
    .updateTable('time_polls')
    .set({ created_by: alias })
    .where('team_id', '=', teamId)
    .where('created_by', '=', userId)
    .execute();
  await db
    .updateTable('time_polls')
    .set({ picked_by: alias })
    .where('team_id', '=', teamId)
    .where('picked_by', '=', userId)
    .execute();
}
