import {
  type Insertable,
  type InsertObject,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type UpdateObject,
} from 'kysely';
import type { CirclesTable, CyclesTable, Database, MembershipStatus, MembershipsTable } from '../db/types';
import { directoryChanged } from './directory';

type Conn = Kysely<Database> | Transaction<Database>;
export type CircleRow = Selectable<CirclesTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type CycleRow = Selectable<CyclesTable>;

/**
 * Every write that can change what `/circle list` shows goes through here. The second mark catches
 * a list read that began while the statement ran; one that begins between the statement and its
 * transaction's commit can still keep the old answer, for at most the directory's few seconds.
 */
async function touchingDirectory<T>(teamId: string, write: () => Promise<T>): Promise<T> {
  directoryChanged(teamId);
  try {
    return await write();
  } finally {
    directoryChanged(teamId);
  }
}

export async function insertCircle(db: Conn, values: Insertable<CirclesTable>): Promise<CircleRow> {
  return touchingDirectory(values.team_id, () =>
    db.insertInto('circles').values(values).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function updateCircle(
  db: Conn,
  teamId: string,
  id: number,
  values: Partial<Insertable<CirclesTable>>,
): Promise<CircleRow> {
  return touchingDirectory(teamId, () =>
    db
      .updateTable('circles')
      .set(values)
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function findCircle(db: Conn, teamId: string, id: number): Promise<CircleRow | undefined> {
  return db.selectFrom('circles').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Several circles of one workspace in one query, by id. */
export async function findCircles(db: Conn, teamId: string, ids: number[]): Promise<Map<number, CircleRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('circles').selectAll().where('team_id', '=', teamId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Locks the circle row for the rest of the transaction: joins and leaves on one circle queue here. */
export async function lockCircle(db: Transaction<Database>, teamId: string, id: number): Promise<CircleRow | undefined> {
  return db.selectFrom('circles').selectAll().where('team_id', '=', teamId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findCircleByName(db: Conn, teamId: string, name: string): Promise<CircleRow | undefined> {
  return db
    .selectFrom('circles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where(sql<string>`lower(name)`, '=', name.trim().replace(/\s+/g, ' ').toLowerCase())
    .executeTakeFirst();
}

export async function findCircleByChannel(db: Conn, teamId: string, channelId: string): Promise<CircleRow | undefined> {
  return db
    .selectFrom('circles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export async function listCircles(db: Conn, teamId: string, statuses: CircleRow['status'][] = ['open']): Promise<CircleRow[]> {
  return db
    .selectFrom('circles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('status', 'in', statuses)
    .orderBy('name')
    .execute();
}

export async function insertCycle(db: Conn, values: Insertable<CyclesTable>): Promise<CycleRow> {
  return db.insertInto('cycles').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function currentCycle(db: Conn, teamId: string, circleId: number): Promise<CycleRow | undefined> {
  return db
    .selectFrom('cycles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateCycleDates(db: Conn, teamId: string, id: number, startDate: string, endDate: string): Promise<void> {
  await db
    .updateTable('cycles')
    .set({ start_date: startDate, end_date: endDate })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .execute();
}

export async function findMembership(
  db: Conn,
  teamId: string,
  circleId: number,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Conn,
  values: InsertObject<Database, 'memberships'> & { team_id: string },
): Promise<MembershipRow> {
  return touchingDirectory(values.team_id, () =>
    db.insertInto('memberships').values(values).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function updateMembership(
  db: Conn,
  teamId: string,
  id: number,
  values: UpdateObject<Database, 'memberships'>,
): Promise<MembershipRow> {
  return touchingDirectory(teamId, () =>
    db
      .updateTable('memberships')
      .set(values)
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** Circles' membership changes up to an instant, in the order they happened (written by a trigger). */
export async function membershipEvents(
  db: Conn,
  teamId: string,
  circleIds: number[],
  upTo: Date,
): Promise<Array<{ circle_id: number; user_id: string; status: MembershipStatus; at: Date }>> {
  if (circleIds.length === 0) return [];
  return db
    .selectFrom('membership_events')
    .select(['circle_id', 'user_id', 'status', 'at'])
    .where('team_id', '=', teamId)
    .where('circle_id', 'in', circleIds)
    .where('at', '<=', upTo)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Active and paused members: the ones holding a place. */
export async function countPlacesTaken(db: Conn, teamId: string, circleId: number): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('status', 'in', ['active', 'paused'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The waitlist in arrival order. */
export async function waitlist(db: Conn, teamId: string, circleId: number): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('status', '=', 'waitlisted')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
}

/** The members of several circles of one workspace in one query, each circle's in `membersOf`'s order. */
export async function membersOfCircles(
  db: Conn,
  teamId: string,
  circleIds: number[],
  statuses: MembershipStatus[],
): Promise<Map<number, MembershipRow[]>> {
  const byCircle = new Map<number, MembershipRow[]>(circleIds.map((id) => [id, []]));
  if (circleIds.length === 0) return byCircle;
  const rows = await db
    .selectFrom('memberships')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', 'in', circleIds)
    .where('status', 'in', statuses)
    .orderBy('joined_at')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
  for (const r of rows) byCircle.get(r.circle_id)?.push(r);
  return byCircle;
}

export async function membersOf(
  db: Conn,
  teamId: string,
  circleId: number,
  statuses: MembershipStatus[],
): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('circle_id', '=', circleId)
    .where('status', 'in', statuses)
    .orderBy('joined_at')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
}

export type MembershipWithCircle = MembershipRow & { circle: CircleRow };

/** Where a person stands in each circle they have not left: circle id, status and role only. */
export async function placesOfUser(
  db: Conn,
  teamId: string,
  userId: string,
): Promise<Array<Pick<MembershipRow, 'circle_id' | 'status' | 'role'>>> {
  return db
    .selectFrom('memberships')
    .select(['circle_id', 'status', 'role'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('status', '!=', 'left')
    .execute();
}

/** A person's memberships that are not `left`, each with its circle. */
export async function membershipsOfUser(db: Conn, teamId: string, userId: string): Promise<MembershipWithCircle[]> {
  const rows = await db
    .selectFrom('memberships')
    .selectAll('memberships')
    .where('memberships.team_id', '=', teamId)
    .where('memberships.user_id', '=', userId)
    .where('memberships.status', '!=', 'left')
    .execute();
  if (rows.length === 0) return [];
  const circles = await db
    .selectFrom('circles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where(
      'id',
      'in',
      rows.map((r) => r.circle_id),
    )
    .execute();
  const byId = new Map(circles.map((c) => [c.id, c]));
  return rows.map((r) => ({ ...r, circle: byId.get(r.circle_id)! })).sort((a, b) => a.circle.name.localeCompare(b.circle.name));
}

/** Counts per circle for overviews: members holding a place, paused, waitlisted. */
export async function circleCounts(
  db: Conn,
  teamId: string,
): Promise<Map<number, { active: number; paused: number; waitlisted: number }>> {
  const rows = await db
    .selectFrom('memberships')
    .select(['circle_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('team_id', '=', teamId)
    .where('status', '!=', 'left')
    .groupBy(['circle_id', 'status'])
    .execute();
  const out = new Map<number, { active: number; paused: number; waitlisted: number }>();
  for (const r of rows) {
    const entry = out.get(r.circle_id) ?? { active: 0, paused: 0, waitlisted: 0 };
    if (r.status !== 'left') entry[r.status] = Number(r.n);
    out.set(r.circle_id, entry);
  }
  return out;
}

/** Paused memberships whose end date has come, in each circle's own time zone. */
export async function duePauses(
  db: Conn,
  now: Date,
): Promise<Array<{ team_id: string; id: number; circle_id: number; user_id: string; paused_until: string }>> {
  return db
    .selectFrom('memberships')
    .innerJoin('circles', (j) =>
      j.onRef('circles.id', '=', 'memberships.circle_id').onRef('circles.team_id', '=', 'memberships.team_id'),
    )
    .select(['memberships.team_id', 'memberships.id', 'memberships.circle_id', 'memberships.user_id', 'memberships.paused_until'])
    .where('memberships.status', '=', 'paused')
    .where('memberships.paused_until', 'is not', null)
    .$narrowType<{ paused_until: string }>()
    .where(
      'memberships.paused_until',
      '<=',
      sql<string>`(${now.toISOString()}::timestamptz AT TIME ZONE (circles.cadence->>'timeZone'))::date`,
    )
    .execute();
}
