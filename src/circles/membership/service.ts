import { sql, type Transaction } from 'kysely';
import { AppError, ErrorCode } from '../../core/errors';
import type { Db } from '../../db/database';
import type { Database } from '../../db/types';
import type { Outbox } from '../../scheduler/outbox';
import { holdsPlace } from '../model';
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
} from '../store';
import { about, type MembershipKinds } from './deliveries';
import { escapeMrkdwn } from '../../core/text';

/** What the membership use cases write to besides the database: the messages that follow them. */
export interface MembershipEffects {
  outbox: Outbox;
  kinds: MembershipKinds;
}

type Trx = Transaction<Database>;

export type JoinOutcome =
  | { kind: 'joined'; membership: MembershipRow }
  | { kind: 'waitlisted'; membership: MembershipRow; position: number }
  | { kind: 'already'; membership: MembershipRow; position: number | null };

function inTransaction<T>(db: Db | Trx, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Trx) : db.transaction().execute(work);
}

async function lockOpenCircle(trx: Trx, teamId: string, circleId: number): Promise<CircleRow> {
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
export async function joinCircle(
  db: Db,
  fx: MembershipEffects,
  teamId: string,
  circleId: number,
  userId: string,
  now: Date,
): Promise<JoinOutcome & { keys: string[] }> {
  return db.transaction().execute(async (trx) => {
    const circle = await lockOpenCircle(trx, teamId, circleId);
    const existing = await findMembership(trx, teamId, circleId, userId);
    if (existing && existing.status !== 'left') {
      const position =
        existing.status === 'waitlisted' ? waitlistPosition(await waitlist(trx, teamId, circleId), existing.id) : null;
      return { kind: 'already', membership: existing, position, keys: [] };
    }
    if (circle.status !== 'open') {
      throw new AppError(ErrorCode.Conflict, `*${escapeMrkdwn(circle.name)}* is not taking new members right now.`);
    }
    const taken = await countPlacesTaken(trx, teamId, circleId);
    const queue = await waitlist(trx, teamId, circleId);
    const seat = taken < circle.size_cap && queue.length === 0;
    const values = {
      status: seat ? ('active' as const) : ('waitlisted' as const),
      // A role ends with the place (leaving drops it), so whoever comes back comes back as a member.
      role: 'member' as const,
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
    if (!seat) return { kind: 'waitlisted', membership, position: queue.length + 1, keys: [] };
    const keys = [
      ...(await fx.outbox.enqueue(trx, fx.kinds.invite, [{ ...about(membership, 'invite', now), payload: {} }])),
      ...(await fx.outbox.enqueue(trx, fx.kinds.welcome, [{ ...about(membership, 'welcome', now), payload: {} }])),
    ];
    return { kind: 'joined', membership, keys };
  });
}

export interface LeaveOutcome {
  membership: MembershipRow;
  /** Whether they held a place (rather than waiting for one). */
  wasSeated: boolean;
  /** Waitlisted people moved into the places that freed up, in line order. */
  promoted: MembershipRow[];
  /** The deliveries this planned: out of the channel, and the promoted told and invited. */
  keys: string[];
}

/**
 * Takes a person out of a circle (their history stays), out of its channel, and moves the
 * waitlist up. `removedBy` is the facilitator or organizer who removed them, who they are told of.
 * Given a transaction, it is part of it (a cycle's rollover takes its leavers out with it).
 */
export async function leaveCircle(
  db: Db | Trx,
  fx: MembershipEffects,
  teamId: string,
  circleId: number,
  userId: string,
  now: Date,
  removedBy?: string,
): Promise<LeaveOutcome> {
  return inTransaction(db, async (trx) => {
    const circle = await lockOpenCircle(trx, teamId, circleId);
    const existing = await findMembership(trx, teamId, circleId, userId);
    if (!existing || existing.status === 'left') {
      throw new AppError(ErrorCode.NotFound, `<@${userId}> is not in *${escapeMrkdwn(circle.name)}*.`);
    }
    const membership = await updateMembership(trx, teamId, existing.id, {
      status: 'left',
      // Roles end with membership: a facilitator who leaves or is removed is no longer one.
      role: 'member',
      paused_until: null,
      left_at: now,
      updated_at: now,
    });
    const wasSeated = holdsPlace(existing.status);
    const keys: string[] = [];
    // A private channel must not keep former members; someone who only waited was never in it.
    if (wasSeated) {
      const payload = removedBy ? { by: removedBy } : {};
      keys.push(...(await fx.outbox.enqueue(trx, fx.kinds.kick, [{ ...about(membership, 'kick', now), payload }])));
    }
    if (removedBy) {
      keys.push(
        ...(await fx.outbox.enqueue(trx, fx.kinds.removed, [
          { ...about(membership, 'removed', now), payload: { by: removedBy } },
        ])),
      );
    }
    const { promoted, keys: promotedKeys } = await fillPlaces(trx, fx, circle, now);
    return { membership, wasSeated, promoted, keys: [...keys, ...promotedKeys] };
  });
}

/**
 * Moves the first in line into free places, and plans their invitation to the channel and the
 * news; used after a leave and after the cap is raised.
 */
async function fillPlaces(
  trx: Trx,
  fx: MembershipEffects,
  circle: CircleRow,
  now: Date,
): Promise<{ promoted: MembershipRow[]; keys: string[] }> {
  const free = circle.size_cap - (await countPlacesTaken(trx, circle.team_id, circle.id));
  if (free <= 0) return { promoted: [], keys: [] };
  const line = (await waitlist(trx, circle.team_id, circle.id)).slice(0, free);
  const promoted: MembershipRow[] = [];
  for (const m of line) {
    promoted.push(await updateMembership(trx, circle.team_id, m.id, { status: 'active', joined_at: now, updated_at: now }));
  }
  const keys = [
    ...(await fx.outbox.enqueue(
      trx,
      fx.kinds.invite,
      promoted.map((m) => ({ ...about(m, 'invite', now), payload: {} })),
    )),
    ...(await fx.outbox.enqueue(
      trx,
      fx.kinds.promoted,
      promoted.map((m) => ({ ...about(m, 'promoted', now), payload: {} })),
    )),
  ];
  return { promoted, keys };
}

/** Fills places that opened (a raised cap) from the waitlist. */
export async function promoteWaitlist(
  db: Db,
  fx: MembershipEffects,
  teamId: string,
  circleId: number,
  now: Date,
): Promise<{ promoted: MembershipRow[]; keys: string[] }> {
  return db.transaction().execute(async (trx) => fillPlaces(trx, fx, await lockOpenCircle(trx, teamId, circleId), now));
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
  if (!existing || existing.status === 'left')
    throw new AppError(ErrorCode.NotFound, `You are not in *${escapeMrkdwn(circle.name)}*.`);
  if (existing.status === 'waitlisted') {
    throw new AppError(
      ErrorCode.Conflict,
      `You are on the waitlist of *${escapeMrkdwn(circle.name)}*, so there is nothing to pause yet.`,
    );
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
  if (!existing || existing.status === 'left')
    throw new AppError(ErrorCode.NotFound, `You are not in *${escapeMrkdwn(circle.name)}*.`);
  if (existing.status !== 'paused') {
    const what = existing.status === 'waitlisted' ? 'on the waitlist' : 'active';
    throw new AppError(
      ErrorCode.Conflict,
      `You are not paused in *${escapeMrkdwn(circle.name)}*: you are ${what} there already.`,
    );
  }
  return updateMembership(db, teamId, existing.id, { status: 'active', paused_until: null, updated_at: now });
}

/**
 * Ends every pause whose date has come and plans a welcome-back message for each; returns who came
 * back. Running it twice resumes nobody twice.
 */
export async function resumeDuePauses(db: Db, fx: MembershipEffects, now: Date): Promise<MembershipRow[]> {
  const due = await duePauses(db, now);
  const resumed: MembershipRow[] = [];
  for (const d of due) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('memberships')
        .set({ status: 'active', paused_until: null, updated_at: now })
        .where('team_id', '=', d.team_id)
        .where('id', '=', d.id)
        .where('status', '=', 'paused')
        .returningAll()
        .executeTakeFirst();
      if (!row) return;
      await fx.outbox.enqueue(trx, fx.kinds.pauseEnded, [
        { ...about(row, `pause-ended:${d.paused_until}`, now), payload: { until: d.paused_until } },
      ]);
      resumed.push(row);
    });
  }
  return resumed;
}

/** A facilitator stepping down: they keep their place, as a member. */
export async function stepDown(db: Db, teamId: string, circle: CircleRow, userId: string, now: Date): Promise<MembershipRow> {
  const existing = await findMembership(db, teamId, circle.id, userId);
  if (!existing || existing.status === 'left' || existing.role !== 'facilitator') {
    throw new AppError(
      ErrorCode.NotFound,
      `You are not a facilitator of *${escapeMrkdwn(circle.name)}*, so there is nothing to step down from.`,
    );
  }
  return updateMembership(db, teamId, existing.id, { role: 'member', updated_at: now });
}
