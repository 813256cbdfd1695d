import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../core/errors';
import { slackErrorCode } from '../core/errors';
import { findUser, findUsers, insertUnknownUsers, type UserRow, upsertUser } from './store';

/** Calendar links: the stored half of a person's feed link, for calendar/'s feed. */
export {
  type CalendarLinkRow,
  findCalendarLink,
  findTokenOwner,
  replaceCalendarLink,
  setCalendarLinkIfMissing,
  type TokenOwner,
} from './store';

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

/**
 * The person as last seen, however old, without asking Slack: for decisions that must be made
 * from the database alone (a modal's answer). Undefined for someone never looked up.
 */
export async function knownPerson(db: Db, teamId: string, userId: string): Promise<Person | undefined> {
  const row = await findUser(db, teamId, userId);
  return row?.refreshed_at ? toPerson(row) : undefined;
}

/** A person's time zone as last seen, if known: from the database alone. */
export async function knownZone(db: Db, teamId: string, userId: string): Promise<string | undefined> {
  return (await findUser(db, teamId, userId))?.time_zone ?? undefined;
}

/** The person as last seen if that was recently enough to trust their roles; undefined otherwise. */
export async function freshPerson(db: Db, teamId: string, userId: string, now: Date): Promise<Person | undefined> {
  const row = await findUser(db, teamId, userId);
  return row?.refreshed_at && now.getTime() - row.refreshed_at.getTime() < FRESH_FOR_MS ? toPerson(row) : undefined;
}

/** Those of `userIds` looked up before, by id. */
export async function knownPeople(db: Db, teamId: string, userIds: string[]): Promise<Map<string, Person>> {
  const rows = await findUsers(db, teamId, userIds);
  return new Map(rows.filter((row) => row.refreshed_at).map((row) => [row.user_id, toPerson(row)]));
}

/** The time zones last seen of those of `userIds` who have one, by id: from the database alone. */
export async function knownZones(db: Db, teamId: string, userIds: string[]): Promise<Map<string, string>> {
  const rows = await findUsers(db, teamId, userIds);
  return new Map(rows.flatMap((row) => (row.time_zone ? [[row.user_id, row.time_zone] as const] : [])));
}

/**
 * Makes people known by id only (picked in a modal, not looked up yet), so memberships can refer
 * to them before Slack is asked who they are; the first lookup fills in the rest.
 */
export async function rememberIds(db: Db, teamId: string, userIds: string[], now: Date): Promise<void> {
  await insertUnknownUsers(db, teamId, userIds, now);
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
