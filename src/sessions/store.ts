import { type Insertable, type Selectable, sql, type UpdateObject } from 'kysely';
import type { AgendaItemsTable, Database, SessionsTable } from '../db/types';
import type { Conn } from '../db/database';

export type SessionRow = Selectable<SessionsTable>;
export type AgendaItemRow = Selectable<AgendaItemsTable>;

export async function findSession(db: Conn, teamId: string, id: number): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** These sessions of one workspace, any status; ids no longer stored are left out. */
export async function sessionsByIds(db: Conn, teamId: string, ids: readonly number[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', 'in', [...ids])
    .execute();
}

/** A circle's group sessions (not pair meetings) starting in [from, to), any status. */
export async function sessionsBetween(db: Conn, teamId: string, circleId: number, from: Date, to: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('pair_id', 'is', null)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .orderBy('starts_at')
    .execute();
}

export async function upcomingSessions(
  db: Conn,
  teamId: string,
  circleId: number,
  now: Date,
  limit: number,
): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('pair_id', 'is', null)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

/** The next scheduled session of each circle, for home tabs. */
export async function nextSessions(db: Conn, teamId: string, circleIds: number[], now: Date): Promise<SessionRow[]> {
  if (circleIds.length === 0) return [];
  return db
    .selectFrom('sessions')
    .selectAll()
    .distinctOn('circle_id')
    .where('team_id', '=', teamId)
    .where('circle_id', 'in', circleIds)
    .where('pair_id', 'is', null)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .orderBy('circle_id')
    .orderBy('starts_at')
    .execute();
}

/** Stores a circle's session for a cadence slot unless that slot is stored already (by anyone). */
export async function insertSessionSlot(db: Conn, values: Insertable<SessionsTable>): Promise<boolean> {
  const result = await db
    .insertInto('sessions')
    .values(values)
    .onConflict((oc) => oc.columns(['circle_id', 'occurrence_date']).where('pair_id', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateSession(
  db: Conn,
  teamId: string,
  id: number,
  values: UpdateObject<Database, 'sessions'>,
): Promise<SessionRow> {
  return db
    .updateTable('sessions')
    .set(values)
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteSessions(db: Conn, teamId: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('sessions').where('team_id', '=', teamId).where('id', 'in', ids).execute();
}

export async function agendaItems(db: Conn, teamId: string, sessionId: number): Promise<AgendaItemRow[]> {
  return db
    .selectFrom('agenda_items')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertAgendaItem(db: Conn, values: Insertable<AgendaItemsTable>): Promise<AgendaItemRow> {
  return db.insertInto('agenda_items').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function customPrompts(db: Conn, teamId: string, circleId: number): Promise<Array<{ id: number; text: string }>> {
  return db
    .selectFrom('prompts')
    .select(['id', 'text'])
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .orderBy('id')
    .execute();
}

export async function insertPrompt(
  db: Conn,
  teamId: string,
  circleId: number,
  text: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('prompts')
    .values({ team_id: teamId, circle_id: circleId, text, created_by: userId, created_at: now })
    .onConflict((oc) => oc.expression(sql`circle_id, lower(text)`).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The prompt keys a circle's sessions have used, oldest session first. */
export async function usedPromptKeys(db: Conn, teamId: string, circleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('sessions')
    .select('prompt_key')
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('prompt_key', 'is not', null)
    .where('status', '!=', 'cancelled')
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => r.prompt_key!);
}

/** When each member last led (or is down to lead) a warm-up in this circle. */
export async function lastLedAt(db: Conn, teamId: string, circleId: number): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('sessions')
    .select(['leader_user_id', (eb) => eb.fn.max<Date>('starts_at').as('last')])
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('leader_user_id', 'is not', null)
    .where('status', '!=', 'cancelled')
    .groupBy('leader_user_id')
    .execute();
  return new Map(rows.map((r) => [r.leader_user_id!, new Date(r.last)]));
}

/** Whether a circle has had a meeting already (planned future sessions can still be redone). */
export async function hasMet(db: Conn, teamId: string, circleId: number, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('status', '!=', 'cancelled')
    .where('starts_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Upcoming sessions where this person leads the warm-up, by circle. */
export async function warmupTurns(db: Conn, teamId: string, userId: string, now: Date): Promise<Map<number, Date>> {
  const rows = await db
    .selectFrom('sessions')
    .select(['circle_id', (eb) => eb.fn.min<Date>('starts_at').as('first')])
    .where('team_id', '=', teamId)
    .where('leader_user_id', '=', userId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .groupBy('circle_id')
    .execute();
  return new Map(rows.map((r) => [r.circle_id, new Date(r.first)]));
}

/** A circle's group sessions that took place (ended, not cancelled), most recent first. */
export async function endedSessions(db: Conn, teamId: string, circleId: number, now: Date, limit: number): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('pair_id', 'is', null)
    .where('status', '!=', 'cancelled')
    .where('ends_at', '<=', now)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A circle's next group session (not cancelled) starting after an instant. */
export async function sessionAfter(db: Conn, teamId: string, circleId: number, after: Date): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('pair_id', 'is', null)
    .where('status', '!=', 'cancelled')
    .where('starts_at', '>', after)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
}

/** `sessionAfter` for several sessions of one workspace in one query: the next session of each one's circle, by its id. */
export async function sessionsAfterEach(
  db: Conn,
  teamId: string,
  sessions: Array<{ id: number; circleId: number; startsAt: Date }>,
): Promise<Map<number, SessionRow>> {
  if (sessions.length === 0) return new Map();
  const values = sql.join(sessions.map((s) => sql`(${s.id}::bigint, ${s.circleId}::bigint, ${s.startsAt}::timestamptz)`));
  const { rows } = await sql<SessionRow & { after_id: number }>`
    SELECT n.*, v.id AS after_id
    FROM (VALUES ${values}) AS v(id, circle_id, starts_at)
    JOIN LATERAL (
      SELECT * FROM sessions s
      WHERE s.team_id = ${teamId} AND s.circle_id = v.circle_id AND s.pair_id IS NULL AND s.status <> 'cancelled'
        AND s.starts_at > v.starts_at
      ORDER BY s.starts_at LIMIT 1
    ) n ON true`.execute(db);
  return new Map(rows.map(({ after_id, ...session }) => [Number(after_id), session]));
}

/** Group sessions of every workspace (not cancelled) whose `column` falls in (from, to]: for scheduled passes. */
export async function sessionsWhere(db: Conn, column: 'starts_at' | 'ends_at', from: Date, to: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('pair_id', 'is', null)
    .where('status', '!=', 'cancelled')
    .where(column, '>', from)
    .where(column, '<=', to)
    .orderBy(column)
    .orderBy('id')
    .execute();
}

/** `customPrompts` for several circles of one workspace in one query. */
export async function customPromptsByCircle(
  db: Conn,
  teamId: string,
  circleIds: number[],
): Promise<Map<number, Array<{ id: number; text: string }>>> {
  const byCircle = new Map<number, Array<{ id: number; text: string }>>(circleIds.map((id) => [id, []]));
  if (circleIds.length === 0) return byCircle;
  const rows = await db
    .selectFrom('prompts')
    .select(['id', 'text', 'circle_id'])
    .where('team_id', '=', teamId)
    .where('circle_id', 'in', circleIds)
    .orderBy('id')
    .execute();
  for (const r of rows) byCircle.get(r.circle_id)?.push({ id: r.id, text: r.text });
  return byCircle;
}

export interface WarmupHistory {
  id: number;
  startsAt: Date;
  leader: string | null;
  promptKey: string | null;
}

/** The warm-up history of several circles of one workspace, in one query: who led when, and which prompts, by start. */
export async function warmupHistoryByCircle(
  db: Conn,
  teamId: string,
  circleIds: number[],
): Promise<Map<number, WarmupHistory[]>> {
  const byCircle = new Map<number, WarmupHistory[]>(circleIds.map((id) => [id, []]));
  if (circleIds.length === 0) return byCircle;
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'circle_id', 'starts_at', 'leader_user_id', 'prompt_key'])
    .where('team_id', '=', teamId)
    .where('circle_id', 'in', circleIds)
    .where('status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('leader_user_id', 'is not', null), eb('prompt_key', 'is not', null)]))
    .orderBy('starts_at')
    .execute();
  for (const r of rows)
    byCircle.get(r.circle_id)?.push({ id: r.id, startsAt: r.starts_at, leader: r.leader_user_id, promptKey: r.prompt_key });
  return byCircle;
}

/** Sets the warm-up leader and prompt of several sessions of one workspace in one statement. */
export async function setWarmups(
  db: Conn,
  teamId: string,
  warmups: Array<{ id: number; leader: string | null; promptKey: string; promptText: string }>,
): Promise<SessionRow[]> {
  if (warmups.length === 0) return [];
  const values = sql.join(
    warmups.map((w) => sql`(${w.id}::bigint, ${w.leader}::text, ${w.promptKey}::text, ${w.promptText}::text)`),
  );
  const { rows } = await sql<SessionRow>`
    UPDATE sessions AS s SET leader_user_id = v.leader, prompt_key = v.prompt_key, prompt_text = v.prompt_text
    FROM (VALUES ${values}) AS v(id, leader, prompt_key, prompt_text)
    WHERE s.team_id = ${teamId} AND s.id = v.id
    RETURNING s.*`.execute(db);
  return rows;
}

/** A cycle's circle sessions (not cancelled) that had ended by `now`, oldest first: what a cycle's report counts. */
export async function heldInCycle(db: Conn, teamId: string, cycleId: number, now: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .where('pair_id', 'is', null)
    .where('status', '!=', 'cancelled')
    .where('ends_at', '<=', now)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** The prompts a person added to circles' banks, for `/circle me`. */
export async function promptsAddedBy(db: Conn, teamId: string, userId: string): Promise<Array<{ circle: string; text: string }>> {
  return db
    .selectFrom('prompts')
    .innerJoin('circles', (j) => j.onRef('circles.team_id', '=', 'prompts.team_id').onRef('circles.id', '=', 'prompts.circle_id'))
    .select(['circles.name as circle', 'prompts.text'])
    .where('prompts.team_id', '=', teamId)
    .where('prompts.created_by', '=', userId)
    .orderBy('prompts.id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Personal data (privacy.ts)

/** The agenda items a person added, for `/circle me`. */
export async function agendaItemsBy(db: Conn, teamId: string, userId: string): Promise<Array<{ text: string }>> {
  return db
    .selectFrom('agenda_items')
    .select('text')
    .where('team_id', '=', teamId)
    .where('author_user_id', '=', userId)
    .execute();
}

/** Erases a person from sessions: their agenda items go, their prompts stay unsigned under the alias, their turns are freed. */
export async function forgetSessionsPerson(db: Conn, teamId: string, userId: string, alias: string): Promise<void> {
  await db.deleteFrom('agenda_items').where('team_id', '=', teamId).where('author_user_id', '=', userId).execute();
  await db
    .updateTable('prompts')
    .set({ created_by: alias })
    .where('team_id', '=', teamId)
    .where('created_by', '=', userId)
    .execute();
  await db
    .updateTable('sessions')
    .set({ leader_user_id: null })
    .where('team_id', '=', teamId)
    .where('leader_user_id', '=', userId)
    .execute();
  await db
    .updateTable('sessions')
    .set({ warmup_passed: sql`array_remove(warmup_passed, ${userId})` })
    .where('team_id', '=', teamId)
    .where(sql<boolean>`${userId} = ANY(warmup_passed)`)
    .execute();
}

/** Marks every workspace's sessions whose time is over as held; how many. */
export async function markEndedHeld(db: Conn, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ status: 'held', updated_at: now })
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', now)
    .where('ends_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
