import { sql } from 'kysely';
import type { SessionStatus } from '../db/types';
import type { Conn } from '../db/database';

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
