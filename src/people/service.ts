import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../errors';
import { findUser, type UserRow, upsertUser } from './store';

/** What the app needs to know of a person, refreshed from Slack now and then. */
export interface Person {
  userId: string;
  name: string;
  timeZone: string | null;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  isDeleted: boolean;
  /** Granted in the app (besides admins, owners and ORGANIZERS). */
  isOrganizerGrant: boolean;
}

// Roles and time zones change rarely; an hour-old copy saves a users.info call on most requests.
const FRESH_FOR_MS = 60 * 60 * 1000;

export function toPerson(row: UserRow): Person {
  return {
    userId: row.user_id,
    name: row.display_name || row.user_id,
    timeZone: row.time_zone,
    isAdmin: row.is_admin,
    isOwner: row.is_owner,
    isBot: row.is_bot,
    isDeleted: row.is_deleted,
    isOrganizerGrant: row.is_organizer,
  };
}

/** The person as Slack knows them, from the local copy when it is fresh enough. */
export async function getPerson(db: Db, client: WebClient, teamId: string, userId: string, now: Date): Promise<Person> {
  const cached = await findUser(db, teamId, userId);
  if (cached?.refreshed_at && now.getTime() - cached.refreshed_at.getTime() < FRESH_FOR_MS) return toPerson(cached);
  return refreshPerson(db, client, teamId, userId, now);
}

export async function refreshPerson(db: Db, client: WebClient, teamId: string, userId: string, now: Date): Promise<Person> {
  let user: Awaited<ReturnType<WebClient['users']['info']>>['user'];
  try {
    user = (await client.users.info({ user: userId })).user;
  } catch (error) {
    if (slackErrorCode(error) === 'user_not_found') {
      throw new AppError(ErrorCode.NotFound, `I can't find <@${userId}> in this workspace.`, { cause: error });
    }
    throw error;
  }
  if (!user) throw new AppError(ErrorCode.NotFound, `I can't find <@${userId}> in this workspace.`);
  const row = await upsertUser(
    db,
    teamId,
    userId,
    {
      display_name: user.profile?.display_name || user.real_name || user.name || userId,
      time_zone: user.tz ?? null,
      is_admin: Boolean(user.is_admin),
      is_owner: Boolean(user.is_owner || user.is_primary_owner),
      is_bot: Boolean(user.is_bot) || userId === 'USLACKBOT',
      is_deleted: Boolean(user.deleted),
    },
    now,
  );
  return toPerson(row);
}

/** Organizers: workspace admins and owners, the ORGANIZERS list, and people granted in the app. */
export function isOrganizer(person: Person, configured: readonly string[]): boolean {
  return person.isAdmin || person.isOwner || person.isOrganizerGrant || configured.includes(person.userId);
}

/** The `error` code of a Slack platform error, if that is what this is. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === 'string' ? data.error : undefined;
  }
  return undefined;
}
