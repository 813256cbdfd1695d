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
    .values({ team_id: teamId, user_id: userId, ...profile, calendar_token: null, refreshed_at: now, created_at: now })
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
        calendar_token: null,
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
    .values({ team_id: teamId, user_id: alias, display_name: '', time_zone: null, calendar_token: null, refreshed_at: null })
    .execute();
}

export async function deleteUser(db: Conn, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom('users').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}
