import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../core/errors';
import { parseStoredCadence } from '../time/cadence';
import { type CalendarSession, renderCalendar } from './ics';
import {
  type CalendarLinkRow,
  findCalendarLink,
  findTokenOwner,
  replaceCalendarLink,
  setCalendarLinkIfMissing,
} from '../people/service';
import { type FeedSessionRow, feedSessions } from './store';

const MS_PER_DAY = 86_400_000;
/** Far enough back that last month's sessions stay visible, far enough ahead for a long cycle. */
export const FEED_PAST_DAYS = 60;
export const FEED_FUTURE_DAYS = 400;

/** An HMAC-SHA256 in base64url: 43 characters that are safe in a URL path as they are. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Where links point, and the secret they are derived with (see `tokenOf`). */
export interface LinkSettings {
  publicUrl: string;
  secret: string;
}

/**
 * A person's token is derived, not stored: HMAC(secret, team, person, nonce). The database keeps
 * the nonce and the token's SHA-256, so a copy of it opens no one's feed, while the app can still
 * show a person their link again. A new nonce is a new link.
 */
function tokenOf(secret: string, teamId: string, userId: string, nonce: string): string {
  return createHmac('sha256', secret).update(`calendar-link\0${teamId}\0${userId}\0${nonce}`).digest('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newLink(links: LinkSettings, teamId: string, userId: string): { token: string; row: CalendarLinkRow } {
  const nonce = randomBytes(16).toString('base64url');
  const token = tokenOf(links.secret, teamId, userId, nonce);
  return { token, row: { nonce, tokenHash: hashToken(token) } };
}

/** The token a stored link stands for, or null when it cannot be derived again (see below). */
function storedToken(links: LinkSettings, teamId: string, userId: string, row: CalendarLinkRow): string | null {
  if (row.nonce === null || row.tokenHash === null) return null;
  const token = tokenOf(links.secret, teamId, userId, row.nonce);
  const expected = Buffer.from(row.tokenHash, 'hex');
  const actual = Buffer.from(hashToken(token), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? token : null;
}

function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/calendar/${token}.ics`;
}

function unknownPerson(): AppError {
  return new AppError(ErrorCode.NotFound, "I don't know you yet: use `/circle` once, then ask for your calendar link again.");
}

/**
 * The person's private feed URL, creating their link the first time it is asked for. Null when
 * they have a link that cannot be shown again: one made before links were derived, or under a
 * secret since changed. It keeps working; a new link (revokeCalendar) is one they can see.
 */
export async function calendarUrl(db: Db, teamId: string, userId: string, links: LinkSettings): Promise<string | null> {
  let stored = await findCalendarLink(db, teamId, userId);
  if (stored === undefined) throw unknownPerson();
  if (stored.tokenHash === null) {
    await setCalendarLinkIfMissing(db, teamId, userId, newLink(links, teamId, userId).row);
    // Whichever of two simultaneous first requests won, both hand out the link now stored.
    stored = await findCalendarLink(db, teamId, userId);
    if (stored === undefined) throw unknownPerson();
  }
  const token = storedToken(links, teamId, userId, stored);
  return token === null ? null : feedUrl(links.publicUrl, token);
}

/** Replaces the person's link: the old URL stops working at once. Returns the new URL. */
export async function revokeCalendar(db: Db, teamId: string, userId: string, links: LinkSettings): Promise<string> {
  const { token, row } = newLink(links, teamId, userId);
  if (!(await replaceCalendarLink(db, teamId, userId, row))) throw unknownPerson();
  return feedUrl(links.publicUrl, token);
}

/** The ICS feed for a token, or null when no one holds that token. */
export async function feedFor(db: Db, token: string, now: Date): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const owner = await findTokenOwner(db, hashToken(token));
  if (!owner) return null;
  const from = new Date(now.getTime() - FEED_PAST_DAYS * MS_PER_DAY);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * MS_PER_DAY);
  const rows = await feedSessions(db, owner.teamId, owner.userId, from, to);
  return renderCalendar(rows.map((row) => toCalendarSession(row, owner.userId)));
}

function toCalendarSession(row: FeedSessionRow, readerId: string): CalendarSession {
  const leader = row.leader_user_id === null ? null : row.leader_user_id === readerId ? 'you' : row.leader_name?.trim() || null;
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    updatedAt: row.updated_at,
    status: row.status,
    sequence: row.sequence,
    circleName: row.circle_name,
    focus: row.focus,
    // A cadence we cannot read still gets a feed, in UTC, rather than no feed at all.
    timeZone: parseStoredCadence(row.cadence)?.timeZone ?? null,
    videoLink: row.video_link,
    warmupLeader: leader,
    isPair: row.pair_id !== null,
  };
}
