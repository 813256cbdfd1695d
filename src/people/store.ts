import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/types';
import type { Conn } from '../db/database';

export type UserRow = Selectable<UsersTable>;

export async function findUser(db: Conn, teamId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}

export async function findUsers(db: Conn, teamId: string, userIds: string[]): Promise<UserRow[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('users').selectAll().where('team_id', '=', teamId).where('user_id', 'in', userIds).execute();
}

export interface UserProfile {
  display_name: string;
  time_zone: string | null;
  is_admin: boolean;
  is_owner: boolean;
  is_bot: boolean;
  is_deleted: boolean;
}

export async function upsertUser(db: Conn, teamId: string, userId: string, profile: UserProfile, now: Date): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ team_id: teamId, user_id: userId, ...profile, refreshed_at: now, created_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ ...profile, refreshed_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Rows for people only known by id so far (memberships need them); their details come on first lookup. */
export async function insertUnknownUsers(db: Conn, teamId: string, userIds: string[], now: Date): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('users')
    .values(
      userIds.map((userId) => ({
        team_id: teamId,
        user_id: userId,
        time_zone: null,
        refreshed_at: null,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute();
}

/** The alias's placeholder row: rows kept under the alias point at a person who names nobody. */
export async function insertAliasUser(db: Conn, teamId: string, alias: string): Promise<void> {
  await db
    .insertInto('users')
    .values({ team_id: teamId, user_id: alias, display_name: '', time_zone: null, refreshed_at: null })
    .execute();
}

export async function deleteUser(db: Conn, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom('users').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

// ---------------------------------------------------------------------------------------------
// Calendar links: the token's hash and nonce are columns of the person's row (calendar/ reaches
// them through people/service)

export interface TokenOwner {
  teamId: string;
  userId: string;
}

/**
 * The one lookup not scoped by team: the token is what tells us the team. Everything after it
 * filters by the team_id of the row found here. A feed stops (no owner) for a deactivated account,
 * an uninstalled workspace, and someone who holds a place in no circle any more.
 */
export async function findTokenOwner(db: Conn, tokenHash: string): Promise<TokenOwner | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.team_id', 'users.team_id')
    .select(['users.team_id', 'users.user_id'])
    .where('users.calendar_token_hash', '=', tokenHash)
    .where('users.is_deleted', '=', false)
    .where('workspaces.uninstalled_at', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('memberships')
          .select('memberships.id')
          .whereRef('memberships.team_id', '=', 'users.team_id')
          .whereRef('memberships.user_id', '=', 'users.user_id')
          .where('memberships.status', 'in', ['active', 'paused']),
      ),
    )
    .executeTakeFirst();
  return row ? { teamId: row.team_id, userId: row.user_id } : undefined;
}

/** The stored half of a person's calendar link; undefined: no such person. */
export interface CalendarLinkRow {
  tokenHash: string | null;
  nonce: string | null;
}

export async function findCalendarLink(db: Conn, teamId: string, userId: string): Promise<CalendarLinkRow | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['calendar_token_hash', 'calendar_link_nonce'])
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { tokenHash: row.calendar_token_hash, nonce: row.calendar_link_nonce } : undefined;
}

/** Sets a link only where there is none yet, so two first uses at once agree on one link. */
export async function setCalendarLinkIfMissing(
  db: Conn,
  teamId: string,
  userId: string,
  link: CalendarLinkRow,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ calendar_token_hash: link.tokenHash, calendar_link_nonce: link.nonce })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('calendar_token_hash', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces the link whatever it was; false when there is no such person. */
export async function replaceCalendarLink(db: Conn, teamId: string, userId: string, link: CalendarLinkRow): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ calendar_token_hash: link.tokenHash, calendar_link_nonce: link.nonce })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
