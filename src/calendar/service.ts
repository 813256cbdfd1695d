import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../core/errors';
import { parseStoredCadence } from '../time/cadence';
import { type CalendarSession, renderCalendar } from './ics';
import { findToken, findTokenOwner, replaceToken, setTokenIfMissing } from '../people/service';
import { type FeedSessionRow, feedSessions } from './store';

const MS_PER_DAY = 86_400_000;
/** Far enough back that last month's sessions stay visible, far enough ahead for a long cycle. */
export const FEED_PAST_DAYS = 60;
export const FEED_FUTURE_DAYS = 400;

/** 32 random bytes, base64url: 43 characters that are safe in a URL path as they are. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/calendar/${token}.ics`;
}

function unknownPerson(): AppError {
  return new AppError(ErrorCode.NotFound, "I don't know you yet: use `/circle` once, then ask for your calendar link again.");
}

/** The person's private feed URL, creating their token the first time it is asked for. */
export async function calendarUrl(db: Db, teamId: string, userId: string, publicUrl: string): Promise<string> {
  const existing = await findToken(db, teamId, userId);
  if (existing === undefined) throw unknownPerson();
  if (existing !== null) return feedUrl(publicUrl, existing);
  await setTokenIfMissing(db, teamId, userId, newToken());
  // Whichever of two simultaneous first requests won, both hand out the token now stored.
  const stored = await findToken(db, teamId, userId);
  if (stored === undefined || stored === null) throw unknownPerson();
  return feedUrl(publicUrl, stored);
}

/** Replaces the person's token: the old URL stops working at once. Returns the new URL. */
export async function revokeCalendar(db: Db, teamId: string, userId: string, publicUrl: string): Promise<string> {
  const token = newToken();
  if (!(await replaceToken(db, teamId, userId, token))) throw unknownPerson();
  return feedUrl(publicUrl, token);
}

/** The ICS feed for a token, or null when no one holds that token. */
export async function feedFor(db: Db, token: string, now: Date): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const owner = await findTokenOwner(db, token);
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
