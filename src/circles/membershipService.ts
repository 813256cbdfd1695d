import { sql } from 'kysely';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../errors';
import {
  type CircleRow,
  countPlacesTaken,
  duePauses,
  findMembership,
  insertMembership,
  lockCircle,
  type MembershipRow,
  updateMembership,
  waitlist,
} from './store';

export type JoinOutcome =
  | { kind: 'joined'; membership: MembershipRow }
  | { kind: 'waitlisted'; membership: MembershipRow; position: number }
  | { kind: 'already'; membership: MembershipRow; position: number | null };

async function lockOpenCircle(trx: Parameters<typeof lockCircle>[0], teamId: string, circleId: number): Promise<CircleRow> {
  const circle = await lockCircle(trx, teamId, circleId);
  if (!circle) throw new AppError(ErrorCode.NotFound, 'That circle no longer exists.');
  return circle;
}

function waitlistPosition(list: MembershipRow[], membershipId: number): number {
  return list.findIndex((m) => m.id === membershipId) + 1;
}

/**
 * Adds a person to a circle, or to its waitlist when every place is taken. The circle row is
 * locked for the decision, so people pressing Join at the same moment are seated in the order
 * they arrive and the cap is never exceeded.
 */
export async function joinCircle(db: Db, teamId: string, circleId: number, userId: string, now: Date): Promise<JoinOutcome> {
  return db.transaction().execute(async (trx) => {
    const circle = await lockOpenCircle(trx, teamId, circleId);
    const existing = await findMembership(trx, teamId, circleId, userId);
    if (existing && existing.status !== 'left') {
      const position =
        existing.status === 'waitlisted' ? waitlistPosition(await waitlist(trx, teamId, circleId), existing.id) : null;
      return { kind: 'already', membership: existing, position };
    }
    if (circle.status !== 'open') {
      throw new AppError(ErrorCode.Conflict, `*${circle.name}* is not taking new members right now.`);
    }
    const taken = await countPlacesTaken(trx, teamId, circleId);
    const queue = await waitlist(trx, teamId, circleId);
    const seat = taken < circle.size_cap && queue.length === 0;
    const values = {
      status: seat ? ('active' as const) : ('waitlisted' as const),
      role: existing?.role ?? ('member' as const),
      paused_until: null,
      joined_at: seat ? now : null,
      left_at: null,
      // clock_timestamp(), not now(): the order people were let through the lock is the order of the line.
      queued_at: sql<Date>`clock_timestamp()`,
      updated_at: now,
    };
    const membership = existing
      ? await updateMembership(trx, teamId, existing.id, values)
      : await insertMembership(trx, { team_id: teamId, circle_id: circleId, user_id: userId, created_at: now, ...values });
    if (seat) return { kind: 'joined', membership };
    return { kind: 'waitlisted', membership, position: queue.length + 1 };
  });
}

export interface LeaveOutcome {
  membership: MembershipRow;
  /** Waitlisted people moved into the places that freed up, in line order. */
  promoted: MembershipRow[];
}

/** Removes a person from a circle (their history stays) and moves the waitlist up. */
export async function leaveCircle(db: Db, teamId: string, circleId: number, userId: string, now: Date): Promise<LeaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const circle = await lockOpenCircle(trx, teamId, circleId);
    const existing = await findMembership(trx, teamId, circleId, userId);
    if (!existing || existing.status === 'left') {
      throw new AppError(ErrorCode.NotFound, `<@${userId}> is not in *${circle.name}*.`);
    }
    const membership = await updateMembership(trx, teamId, existing.id, {
      status: 'left',
      paused_until: null,
      left_at: now,
      updated_at: now,
    });
    const promoted = await fillPlaces(trx, circle, now);
    return { membership, promoted };
  });
}

/** Moves the first in line into free places; used after a leave and after the cap is raised. */
export async function fillPlaces(trx: Parameters<typeof lockCircle>[0], circle: CircleRow, now: Date): Promise<MembershipRow[]> {
  const free = circle.size_cap - (await countPlacesTaken(trx, circle.team_id, circle.id));
  if (free <= 0) return [];
  const line = (await waitlist(trx, circle.team_id, circle.id)).slice(0, free);
  const promoted: MembershipRow[] = [];
  for (const m of line) {
    promoted.push(await updateMembership(trx, circle.team_id, m.id, { status: 'active', joined_at: now, updated_at: now }));
  }
  return promoted;
}

export async function promoteWaitlist(db: Db, teamId: string, circleId: number, now: Date): Promise<MembershipRow[]> {
  return db.transaction().execute(async (trx) => fillPlaces(trx, await lockOpenCircle(trx, teamId, circleId), now));
}

export type PauseOutcome = { kind: 'paused' | 'extended'; membership: MembershipRow };

export async function pauseMembership(
  db: Db,
  teamId: string,
  circle: CircleRow,
  userId: string,
  until: string | null,
  now: Date,
): Promise<PauseOutcome> {
  const existing = await findMembership(db, teamId, circle.id, userId);
  if (!existing || existing.status === 'left') throw new AppError(ErrorCode.NotFound, `You are not in *${circle.name}*.`);
  if (existing.status === 'waitlisted') {
    throw new AppError(ErrorCode.Conflict, `You are on the waitlist of *${circle.name}*, so there is nothing to pause yet.`);
  }
  const membership = await updateMembership(db, teamId, existing.id, { status: 'paused', paused_until: until, updated_at: now });
  return { kind: existing.status === 'paused' ? 'extended' : 'paused', membership };
}

export async function resumeMembership(
  db: Db,
  teamId: string,
  circle: CircleRow,
  userId: string,
  now: Date,
): Promise<MembershipRow> {
  const existing = await findMembership(db, teamId, circle.id, userId);
  if (!existing || existing.status === 'left') throw new AppError(ErrorCode.NotFound, `You are not in *${circle.name}*.`);
  if (existing.status !== 'paused') {
    const what = existing.status === 'waitlisted' ? 'on the waitlist' : 'active';
    throw new AppError(ErrorCode.Conflict, `You are not paused in *${circle.name}*: you are ${what} there already.`);
  }
  return updateMembership(db, teamId, existing.id, { status: 'active', paused_until: null, updated_at: now });
}

/** Ends every pause whose date has come; returns who came back. Running it twice resumes nobody twice. */
export async function resumeDuePauses(db: Db, now: Date): Promise<MembershipRow[]> {
  const due = await duePauses(db, now);
  const resumed: MembershipRow[] = [];
  for (const d of due) {
    const row = await db
      .updateTable('memberships')
      .set({ status: 'active', paused_until: null, updated_at: now })
      .where('team_id', '=', d.team_id)
      .where('id', '=', d.id)
      .where('status', '=', 'paused')
      .returningAll()
      .executeTakeFirst();
    if (row) resumed.push(row);
  }
  return resumed;
}
