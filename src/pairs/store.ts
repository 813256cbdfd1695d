import { type Insertable, type Selectable, sql, type Transaction } from 'kysely';
import type { Database, MatchDraftsTable, MeetingAnswer, PairSurveysTable, PairsTable } from '../db/types';
import type { Conn } from '../db/database';
import type { PairReason } from './model';

export type SurveyRow = Selectable<PairSurveysTable>;
export type DraftRow = Selectable<MatchDraftsTable>;
export type PairRow = Selectable<PairsTable>;

// ---------------------------------------------------------------------------------------------
// Surveys

export async function upsertSurvey(db: Conn, row: Insertable<PairSurveysTable>): Promise<{ edited: boolean }> {
  const existing = await findSurvey(db, row.team_id, row.cycle_id, row.user_id);
  await db
    .insertInto('pair_surveys')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['team_id', 'cycle_id', 'user_id']).doUpdateSet({
        goals: row.goals,
        topics: row.topics ?? [],
        stage: row.stage ?? null,
        times: row.times ?? [],
        time_zone: row.time_zone,
        wishes: row.wishes ?? [],
        avoid: row.avoid ?? [],
        updated_at: row.updated_at,
      }),
    )
    .execute();
  return { edited: existing !== undefined };
}

export async function findSurvey(db: Conn, teamId: string, cycleId: number, userId: string): Promise<SurveyRow | undefined> {
  return db
    .selectFrom('pair_surveys')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function surveysOf(db: Conn, teamId: string, cycleId: number): Promise<SurveyRow[]> {
  return db
    .selectFrom('pair_surveys')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .orderBy('user_id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Drafts

export async function findDraft(db: Conn, teamId: string, cycleId: number): Promise<DraftRow | undefined> {
  return db
    .selectFrom('match_drafts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst();
}

/** The draft locked for the rest of the transaction: two organizers pressing at once queue here. */
export async function lockDraft(db: Transaction<Database>, teamId: string, cycleId: number): Promise<DraftRow | undefined> {
  return db
    .selectFrom('match_drafts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .forUpdate()
    .executeTakeFirst();
}

export async function saveDraft(db: Conn, row: Insertable<MatchDraftsTable>): Promise<DraftRow> {
  return db
    .insertInto('match_drafts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['team_id', 'cycle_id']).doUpdateSet({
        seed: row.seed,
        version: row.version ?? 1,
        shuffles: row.shuffles ?? 0,
        swaps: row.swaps ?? '[]',
        shown: row.shown ?? '[]',
        arrangement: row.arrangement,
        participants: row.participants,
        created_by: row.created_by,
        updated_at: row.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markConfirmed(db: Conn, teamId: string, cycleId: number, by: string, now: Date): Promise<void> {
  await db
    .updateTable('match_drafts')
    .set({ confirmed_at: now, confirmed_by: by, updated_at: now })
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Pairs

export async function insertPair(
  db: Conn,
  row: {
    team_id: string;
    circle_id: number;
    cycle_id: number;
    user_ids: string[];
    fit: number;
    reasons: PairReason[];
    now: Date;
    channel_id?: string | null;
  },
): Promise<PairRow> {
  return db
    .insertInto('pairs')
    .values({
      team_id: row.team_id,
      circle_id: row.circle_id,
      cycle_id: row.cycle_id,
      user_ids: row.user_ids,
      status: 'confirmed',
      fit: row.fit,
      reasons: JSON.stringify(row.reasons),
      channel_id: row.channel_id ?? null,
      confirmed_at: row.now,
      created_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPair(db: Conn, teamId: string, id: number): Promise<PairRow | undefined> {
  return db.selectFrom('pairs').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

export async function pairsOfCycle(db: Conn, teamId: string, cycleId: number): Promise<PairRow[]> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('cycle_id', '=', cycleId)
    .where('status', '=', 'confirmed')
    .orderBy('id')
    .execute();
}

export async function setPairChannel(db: Conn, teamId: string, id: number, channelId: string): Promise<void> {
  await db.updateTable('pairs').set({ channel_id: channelId }).where('team_id', '=', teamId).where('id', '=', id).execute();
}

/** Every confirmed pair of the circle, with its cycle (the service gives it the cycle's number, for cool-off). */
export async function pastGroups(
  db: Conn,
  teamId: string,
  circleId: number,
): Promise<Array<{ cycleId: number; members: string[] }>> {
  const rows = await db
    .selectFrom('pairs')
    .select(['cycle_id', 'user_ids'])
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('status', '!=', 'proposed')
    .execute();
  return rows.map((r) => ({ cycleId: r.cycle_id, members: r.user_ids }));
}

// ---------------------------------------------------------------------------------------------
// "Did you meet?"

export async function saveMeeting(
  db: Conn,
  teamId: string,
  pairId: number,
  date: string,
  answer: MeetingAnswer,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('pair_meetings')
    .values({ team_id: teamId, pair_id: pairId, check_date: date, answer, answered_by: userId, answered_at: now })
    .onConflict((oc) =>
      oc.columns(['team_id', 'pair_id', 'check_date']).doUpdateSet({ answer, answered_by: userId, answered_at: now }),
    )
    .execute();
}

/** The pair's answer to the check before this one, if they gave one. */
export async function answerBefore(db: Conn, teamId: string, pairId: number, date: string): Promise<MeetingAnswer | undefined> {
  const row = await db
    .selectFrom('pair_meetings')
    .select('answer')
    .where('team_id', '=', teamId)
    .where('pair_id', '=', pairId)
    .where('check_date', '<', date)
    .orderBy('check_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.answer;
}

export async function meetingAnswersOfCycle(
  db: Conn,
  teamId: string,
  cycleId: number,
): Promise<Array<{ pair_id: number; check_date: string; answer: MeetingAnswer }>> {
  return db
    .selectFrom('pair_meetings as m')
    .innerJoin('pairs as p', (j) => j.onRef('p.team_id', '=', 'm.team_id').onRef('p.id', '=', 'm.pair_id'))
    .select(['m.pair_id', 'm.check_date', 'm.answer'])
    .where('m.team_id', '=', teamId)
    .where('p.cycle_id', '=', cycleId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Rematch requests

/** Records the request unless the pair already has one open; true when this one is new. */
export async function insertRematch(
  db: Conn,
  row: { team_id: string; circle_id: number; pair_id: number; user_id: string; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('rematch_requests')
    .values({ team_id: row.team_id, circle_id: row.circle_id, pair_id: row.pair_id, user_id: row.user_id, requested_at: row.now })
    .onConflict((oc) => oc.columns(['team_id', 'pair_id']).where('resolved_at', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The requests a confirmed matching has taken into account. */
export async function resolveRematches(db: Conn, teamId: string, circleId: number, now: Date): Promise<void> {
  await db
    .updateTable('rematch_requests')
    .set({ resolved_at: now })
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('resolved_at', 'is', null)
    .where('requested_at', '<=', now)
    .execute();
}

export async function openRematches(
  db: Conn,
  teamId: string,
  circleId: number,
): Promise<Array<{ pair_id: number; user_id: string; requested_at: Date; user_ids: string[] }>> {
  return db
    .selectFrom('rematch_requests as r')
    .innerJoin('pairs as p', (j) => j.onRef('p.team_id', '=', 'r.team_id').onRef('p.id', '=', 'r.pair_id'))
    .select(['r.pair_id', 'r.user_id', 'r.requested_at', 'p.user_ids'])
    .where('r.team_id', '=', teamId)
    .where('r.circle_id', '=', circleId)
    .where('r.resolved_at', 'is', null)
    .orderBy('r.requested_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Monthly tips

export async function tipsUsed(db: Conn, teamId: string, circleId: number): Promise<Array<{ tip_key: string; month: string }>> {
  return db
    .selectFrom('pair_tips_used')
    .select(['tip_key', 'month'])
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .orderBy('month')
    .execute();
}

export async function recordTip(db: Conn, teamId: string, circleId: number, tipKey: string, month: string, now: Date) {
  await db
    .insertInto('pair_tips_used')
    .values({ team_id: teamId, circle_id: circleId, tip_key: tipKey, month, used_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'circle_id', 'month']).doNothing())
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Personal data (privacy.ts)

/** A person's survey answers, oldest first. */
export async function surveysOfPerson(db: Conn, teamId: string, userId: string): Promise<SurveyRow[]> {
  return db
    .selectFrom('pair_surveys')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('submitted_at')
    .execute();
}

/** The pairs a person was in, in the order made. */
export async function pairsOfPerson(db: Conn, teamId: string, userId: string): Promise<PairRow[]> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where(sql<boolean>`${userId} = ANY(user_ids)`)
    .orderBy('id')
    .execute();
}

export async function meetingAnswersBy(db: Conn, teamId: string, userId: string) {
  return db
    .selectFrom('pair_meetings')
    .select(['check_date', 'answer'])
    .where('team_id', '=', teamId)
    .where('answered_by', '=', userId)
    .orderBy('check_date')
    .execute();
}

export async function rematchesOf(db: Conn, teamId: string, userId: string) {
  return db
    .selectFrom('rematch_requests')
    .select(['requested_at', 'resolved_at'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('requested_at')
    .execute();
}

/**
 * Erases a person's survey answers and takes their id out of others' wishes and avoid lists;
 * drafts, "did you meet?" answers and rematch requests keep the rows under the alias (the pairs
 * themselves too, through `pairsNaming` and `setPairPeople`).
 */
export async function forgetPairsPerson(db: Conn, teamId: string, userId: string, alias: string): Promise<void> {
  await db.deleteFrom('pair_surveys').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  await db
    .updateTable('pair_surveys')
    .set({ wishes: sql`array_remove(wishes, ${userId})`, avoid: sql`array_remove(avoid, ${userId})` })
    .where('team_id', '=', teamId)
    // In parentheses: Kysely joins the where clauses with AND, which binds tighter than OR, so
    // without them the OR would reach other workspaces' rows.
    .where(sql<boolean>`(${userId} = ANY(wishes) OR ${userId} = ANY(avoid))`)
    .execute();
  // A draft is the matcher's data: ids appear in its JSON as whole "U…" values, never a bare prefix.
  const swapIds = (column: string) => sql<string>`replace(${sql.ref(column)}::text, ${`"${userId}"`}, ${`"${alias}"`})::jsonb`;
  // The pair's group DM names the person to Slack: the link to it goes. Before the pairs' own ids
  // are swapped for the alias (privacy.ts), which this finds them by.
  await forgetPairChannels(db, teamId, userId);
  await db
    .updateTable('match_drafts')
    .set({
      participants: sql`array_replace(participants, ${userId}, ${alias})`,
      arrangement: swapIds('arrangement'),
      shown: swapIds('shown'),
      swaps: swapIds('swaps'),
    })
    .where('team_id', '=', teamId)
    .where(
      sql<boolean>`(${userId} = ANY(participants) OR arrangement::text LIKE ${`%${userId}%`} OR shown::text LIKE ${`%${userId}%`} OR swaps::text LIKE ${`%${userId}%`})`,
    )
    .execute();
  await db
    .updateTable('match_drafts')
    .set({ created_by: alias })
    .where('team_id', '=', teamId)
    .where('created_by', '=', userId)
    .execute();
  await db
    .updateTable('match_drafts')
    .set({ confirmed_by: alias })
    .where('team_id', '=', teamId)
    .where('confirmed_by', '=', userId)
    .execute();
  await db
    .updateTable('pair_meetings')
    .set({ answered_by: alias })
    .where('team_id', '=', teamId)
    .where('answered_by', '=', userId)
    .execute();
  await db
    .updateTable('rematch_requests')
    .set({ user_id: alias })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
}

/** Erasure: the group DMs of the person's pairs, whose ids lead back to them, are forgotten. */
export async function forgetPairChannels(db: Conn, teamId: string, userId: string): Promise<void> {
  await db
    .updateTable('pairs')
    .set({ channel_id: null })
    .where('team_id', '=', teamId)
    .where(sql<boolean>`${userId} = ANY(user_ids)`)
    .execute();
}

/** The pairs that name a person: as a member, or (reasons stored as words) in a mention. */
export async function pairsNaming(
  db: Conn,
  teamId: string,
  userId: string,
): Promise<Array<Pick<PairRow, 'id' | 'user_ids' | 'reasons'>>> {
  return (
    db
      .selectFrom('pairs')
      .select(['id', 'user_ids', 'reasons'])
      .where('team_id', '=', teamId)
      // In parentheses, as above: the OR stays inside this workspace.
      .where(sql<boolean>`(${userId} = ANY(user_ids) OR reasons::text LIKE ${`%${userId}%`})`)
      .execute()
  );
}

/** Rewrites who a pair is and why it was matched (forget-me swaps a person for their alias). */
export async function setPairPeople(
  db: Conn,
  teamId: string,
  id: number,
  userIds: string[],
  reasons: PairReason[],
): Promise<void> {
  await db
    .updateTable('pairs')
    .set({ user_ids: userIds, reasons: JSON.stringify(reasons) })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .execute();
}
