import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, SessionStatus } from '../db/types';

type Conn = Kysely<Database> | Transaction<Database>;

export interface TokenOwner {
  teamId: string;
  userId: string;
}

/**
 * The one lookup not scoped by team: the token is what tells us the team. Everything after it
 * filters by the team_id of the row found here. A feed stops (no owner) for a deactivated account,
 * an uninstalled workspace, and someone who holds a place in no circle any more.
 */
export async function findTokenOwner(db: Conn, token: string): Promise<TokenOwner | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.team_id', 'users.team_id')
    .select(['users.team_id', 'users.user_id'])
    .where('users.calendar_token', '=', token)
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

/** undefined: no such person; null: the person has no calendar link yet. */
export async function findToken(db: Conn, teamId: string, userId: string): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('users')
    .select('calendar_token')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? row.calendar_token : undefined;
}

/** Sets a token only where there is none yet, so two first uses at once agree on one link. */
export async function setTokenIfMissing(db: Conn, teamId: string, userId: string, token: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ calendar_token: token })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('calendar_token', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces the token whatever it was; false when there is no such person. */
export async function replaceToken(db: Conn, teamId: string, userId: string, token: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ calendar_token: token })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface FeedSessionRow {
  id: number;
  starts_at: Date;
  ends_at: Date;
  updated_at: Date;
  status: SessionStatus;
  sequence: number;
  leader_user_id: string | null;
  leader_name: string | null;
  pair_id: number | null;
  circle_name: string;
  focus: string;
  cadence: unknown;
  video_link: string | null;
}

/**
 * The sessions a person's feed shows: those of circles where they hold a place (active or
 * paused), cancelled ones included, and of pair meetings only their own pair's.
 */
export async function feedSessions(db: Conn, teamId: string, userId: string, from: Date, to: Date): Promise<FeedSessionRow[]> {
  return db
    .selectFrom('sessions')
    .innerJoin('circles', (j) =>
      j.onRef('circles.team_id', '=', 'sessions.team_id').onRef('circles.id', '=', 'sessions.circle_id'),
    )
    .innerJoin('memberships', (j) =>
      j.onRef('memberships.team_id', '=', 'sessions.team_id').onRef('memberships.circle_id', '=', 'sessions.circle_id'),
    )
    .leftJoin('pairs', (j) => j.onRef('pairs.team_id', '=', 'sessions.team_id').onRef('pairs.id', '=', 'sessions.pair_id'))
    .leftJoin('users as leader', (j) =>
      j.onRef('leader.team_id', '=', 'sessions.team_id').onRef('leader.user_id', '=', 'sessions.leader_user_id'),
    )
    .select([
      'sessions.id',
      'sessions.starts_at',
      'sessions.ends_at',
      'sessions.updated_at',
      'sessions.status',
      'sessions.sequence',
      'sessions.leader_user_id',
      'leader.display_name as leader_name',
      'sessions.pair_id',
      'circles.name as circle_name',
      'circles.focus',
      'circles.cadence',
      'circles.video_link',
    ])
    .where('sessions.team_id', '=', teamId)
    .where('circles.team_id', '=', teamId)
    .where('memberships.team_id', '=', teamId)
    .where('memberships.user_id', '=', userId)
    .where('memberships.status', 'in', ['active', 'paused'])
    .where('sessions.starts_at', '>=', from)
    .where('sessions.starts_at', '<=', to)
    .where((eb) => eb.or([eb('sessions.pair_id', 'is', null), sql<boolean>`${userId} = ANY(${sql.ref('pairs.user_ids')})`]))
    .orderBy('sessions.starts_at')
    .orderBy('sessions.id')
    .execute();
}
