import { type Insertable, type Selectable, sql } from 'kysely';
import type { Attended, CheckinsTable, CommitmentOutcome, CommitmentsTable, Database, SessionNotesTable } from '../db/types';
import type { Conn } from '../db/database';

export type CheckinRow = Selectable<CheckinsTable>;
export type CommitmentRow = Selectable<CommitmentsTable>;
export type NotesRow = Selectable<SessionNotesTable>;

// ---------------------------------------------------------------------------------------------
// Rosters

export async function insertRoster(db: Conn, teamId: string, sessionId: number, userIds: string[], now: Date): Promise<void> {
  await db
    .insertInto('session_rosters')
    .values({ team_id: teamId, session_id: sessionId, user_ids: userIds, taken_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'session_id']).doNothing())
    .execute();
}

/** Group sessions (not cancelled) that began in (from, to] and have no roster yet, in every workspace. */
export async function startedWithoutRoster(db: Conn, from: Date, to: Date): Promise<Array<Selectable<Database['sessions']>>> {
  return db
    .selectFrom('sessions as s')
    .selectAll('s')
    .where('s.pair_id', 'is', null)
    .where('s.status', '!=', 'cancelled')
    .where('s.starts_at', '>', from)
    .where('s.starts_at', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('session_rosters as r')
            .select('r.session_id')
            .whereRef('r.team_id', '=', 's.team_id')
            .whereRef('r.session_id', '=', 's.id'),
        ),
      ),
    )
    .orderBy('s.starts_at')
    .execute();
}

export async function rosters(db: Conn, teamId: string, sessionIds: number[]): Promise<Map<number, string[]>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('session_rosters')
    .select(['session_id', 'user_ids'])
    .where('team_id', '=', teamId)
    .where('session_id', 'in', sessionIds)
    .execute();
  return new Map(rows.map((r) => [r.session_id, r.user_ids]));
}

// ---------------------------------------------------------------------------------------------
// Check-ins

export async function findCheckin(db: Conn, teamId: string, sessionId: number, userId: string): Promise<CheckinRow | undefined> {
  return db
    .selectFrom('checkins')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function checkinById(db: Conn, teamId: string, id: number): Promise<CheckinRow | undefined> {
  return db.selectFrom('checkins').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Inserts a member's check-in or replaces their answers (one per member and session). */
export async function upsertCheckin(db: Conn, values: Insertable<CheckinsTable>): Promise<CheckinRow> {
  return db
    .insertInto('checkins')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['team_id', 'session_id', 'user_id']).doUpdateSet({
        attended: values.attended,
        usefulness: values.usefulness ?? null,
        note: values.note ?? null,
        updated_at: values.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Who said they attended, per session: nothing of what they wrote. */
export async function attendedAnswers(
  db: Conn,
  teamId: string,
  sessionIds: number[],
): Promise<Array<{ session_id: number; user_id: string; attended: Attended }>> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('checkins')
    .select(['session_id', 'user_id', 'attended'])
    .where('team_id', '=', teamId)
    .where('session_id', 'in', sessionIds)
    .execute();
}

/** A member's check-ins in a circle, in no order (their sessions' starts order them: `sessionStarts`). */
export async function checkinsInCircle(db: Conn, teamId: string, circleId: number, userId: string): Promise<CheckinRow[]> {
  return db
    .selectFrom('checkins')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('user_id', '=', userId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Commitments

export async function commitmentsOfCheckin(db: Conn, teamId: string, checkinId: number): Promise<CommitmentRow[]> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('checkin_id', '=', checkinId)
    .orderBy('position')
    .execute();
}

export async function insertCommitment(db: Conn, values: Insertable<CommitmentsTable>): Promise<void> {
  await db.insertInto('commitments').values(values).execute();
}

export async function updateCommitmentText(db: Conn, teamId: string, id: number, text: string, now: Date): Promise<void> {
  // New words are a new promise: how the old one went no longer applies.
  await db
    .updateTable('commitments')
    .set({ text, outcome: null, outcome_at: null, reviewed_session_id: null, updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCommitments(db: Conn, teamId: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('commitments').where('team_id', '=', teamId).where('id', 'in', ids).execute();
}

/**
 * A member's commitments in a circle that a check-in may ask about: those still open, and those
 * `alsoFrom` (a check-in) or reviewed at `reviewedAt` (a session). Which sessions they followed,
 * and so their order, is the caller's to read.
 */
export async function openOrReviewedCommitments(
  db: Conn,
  teamId: string,
  circleId: number,
  userId: string,
  opts: { alsoFromCheckin?: number; reviewedAt?: number },
): Promise<CommitmentRow[]> {
  return db
    .selectFrom('commitments as m')
    .selectAll('m')
    .where('m.team_id', '=', teamId)
    .where('m.circle_id', '=', circleId)
    .where('m.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('m.outcome', 'is', null),
        ...(opts.alsoFromCheckin ? [eb('m.checkin_id', '=', opts.alsoFromCheckin)] : []),
        ...(opts.reviewedAt ? [eb('m.reviewed_session_id', '=', opts.reviewedAt)] : []),
      ]),
    )
    .execute();
}

/** Everything a person has committed to and not yet reported on, in every circle, oldest first. */
export async function openCommitmentsOf(db: Conn, teamId: string, userId: string, limit: number): Promise<CommitmentRow[]> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('outcome', 'is', null)
    .orderBy('created_at')
    .orderBy('position')
    .limit(limit)
    .execute();
}

export async function findCommitment(db: Conn, teamId: string, id: number): Promise<CommitmentRow | undefined> {
  return db.selectFrom('commitments').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Records how a commitment went; only its owner's. */
export async function setOutcome(
  db: Conn,
  teamId: string,
  userId: string,
  id: number,
  outcome: CommitmentOutcome,
  reviewedSessionId: number | null,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('commitments')
    .set({ outcome, outcome_at: now, reviewed_session_id: reviewedSessionId, updated_at: now })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Attendance

export async function recordAttendance(
  db: Conn,
  teamId: string,
  sessionId: number,
  marks: Array<{ userId: string; present: boolean }>,
  recordedBy: string,
  now: Date,
): Promise<void> {
  if (marks.length === 0) return;
  await db
    .insertInto('attendance')
    .values(
      marks.map((m) => ({
        team_id: teamId,
        session_id: sessionId,
        user_id: m.userId,
        present: m.present,
        recorded_by: recordedBy,
        recorded_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['team_id', 'session_id', 'user_id']).doUpdateSet({
        present: sql`excluded.present`,
        recorded_by: sql`excluded.recorded_by`,
        recorded_at: sql`excluded.recorded_at`,
      }),
    )
    .execute();
}

export async function attendanceRecords(
  db: Conn,
  teamId: string,
  sessionIds: number[],
): Promise<Array<{ session_id: number; user_id: string; present: boolean }>> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('attendance')
    .select(['session_id', 'user_id', 'present'])
    .where('team_id', '=', teamId)
    .where('session_id', 'in', sessionIds)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Notes

export async function findNotes(db: Conn, teamId: string, sessionId: number): Promise<NotesRow | undefined> {
  return db
    .selectFrom('session_notes')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export async function upsertNotes(
  db: Conn,
  teamId: string,
  sessionId: number,
  text: string,
  authorId: string,
  now: Date,
): Promise<NotesRow> {
  return db
    .insertInto('session_notes')
    .values({
      team_id: teamId,
      session_id: sessionId,
      text,
      author_id: authorId,
      channel_id: null,
      ts: null,
      shared_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['team_id', 'session_id']).doUpdateSet({ text, author_id: authorId, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function notesPosted(db: Conn, teamId: string, sessionId: number, channelId: string, ts: string): Promise<void> {
  await db
    .updateTable('session_notes')
    .set({ channel_id: channelId, ts })
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .execute();
}

/** Who checked in at these sessions and how useful they found each: counts for reports. */
export async function checkinRatings(
  db: Conn,
  teamId: string,
  sessionIds: number[],
): Promise<Array<{ session_id: number; user_id: string; usefulness: number | null }>> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('checkins')
    .select(['session_id', 'user_id', 'usefulness'])
    .where('team_id', '=', teamId)
    .where('session_id', 'in', sessionIds)
    .execute();
}

/** The session notes a person shared, for `/circle me` (their sessions name the circle and date). */
export async function notesWrittenBy(
  db: Conn,
  teamId: string,
  userId: string,
): Promise<Array<{ session_id: number; text: string }>> {
  return db
    .selectFrom('session_notes')
    .select(['session_id', 'text'])
    .where('team_id', '=', teamId)
    .where('author_id', '=', userId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Personal data (privacy.ts)

export async function checkinsBy(db: Conn, teamId: string, userId: string) {
  return db
    .selectFrom('checkins')
    .select(['attended', 'usefulness', 'note', 'submitted_at'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('submitted_at')
    .execute();
}

export async function commitmentsBy(db: Conn, teamId: string, userId: string) {
  return db
    .selectFrom('commitments')
    .select(['text', 'outcome'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Erases what a person said (commitments, notes); that they checked in and attended stays under the alias. */
export async function forgetCheckinsPerson(db: Conn, teamId: string, userId: string, alias: string): Promise<void> {
  await db.deleteFrom('commitments').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  await db
    .updateTable('checkins')
    .set({ user_id: alias, note: null })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
  await db
    .updateTable('attendance')
    .set({ user_id: alias })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
  await db
    .updateTable('attendance')
    .set({ recorded_by: alias })
    .where('team_id', '=', teamId)
    .where('recorded_by', '=', userId)
    .execute();
  await db
    .updateTable('session_rosters')
    .set({ user_ids: sql`array_replace(user_ids, ${userId}, ${alias})` })
    .where('team_id', '=', teamId)
    .where(sql<boolean>`${userId} = ANY(user_ids)`)
    .execute();
  await db
    .updateTable('session_notes')
    .set({ author_id: alias })
    .where('team_id', '=', teamId)
    .where('author_id', '=', userId)
    .execute();
}
