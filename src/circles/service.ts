import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { Transaction } from 'kysely';
import type { Database, MembershipStatus } from '../db/types';
import { isOrganizer, type Person } from '../people/service';
import { closestNames, holdsPlace } from './model';
import {
  type CircleRow,
  type CycleRow,
  circleCounts,
  currentCycle as currentCycleRow,
  findCircle,
  findCircles,
  findCircleByChannel,
  findCircleByName,
  findMembership,
  listCircles,
  type MembershipRow,
  type MembershipWithCircle,
  membersOf,
  membersOfCircles,
  membershipEvents,
  membershipsOfUser,
  placesOfUser,
  updateCircle,
} from './store';
import type { Cadence } from '../time/cadence';
import { activeAt } from './history';
import { echo, escapeMrkdwn } from '../core/text';

/**
 * What circles offer the rest of the app, and what its own sub-folders share: finding a circle,
 * its members and cycle, and who may change it. Other features come here, never to the store.
 */

export type { CircleRow, CycleRow, MembershipRow, MembershipWithCircle };

const gone = () => new AppError(ErrorCode.NotFound, 'That circle no longer exists.');

export async function circleById(db: Db, teamId: string, circleId: number): Promise<CircleRow | undefined> {
  return Number.isSafeInteger(circleId) ? findCircle(db, teamId, circleId) : undefined;
}

/** Several circles of one workspace by id, in one round trip (for passes over many circles). */
export async function circlesByIds(db: Db, teamId: string, ids: number[]): Promise<Map<number, CircleRow>> {
  return findCircles(db, teamId, ids);
}

export async function requireCircle(db: Db, teamId: string, circleId: number): Promise<CircleRow> {
  const circle = await circleById(db, teamId, circleId);
  if (!circle) throw gone();
  return circle;
}

export async function circleInChannel(db: Db, teamId: string, channelId: string): Promise<CircleRow | undefined> {
  return findCircleByChannel(db, teamId, channelId);
}

/** Finds a circle by the name someone typed, or says which names they may have meant. */
export async function circleByName(db: Db, teamId: string, name: string): Promise<CircleRow> {
  const circle = await findCircleByName(db, teamId, name);
  if (circle) return circle;
  const names = (await listCircles(db, teamId, ['open', 'closed'])).map((c) => c.name);
  const close = closestNames(name, names);
  const hint = close.length
    ? ` Did you mean ${close.map((n) => `*${escapeMrkdwn(n)}*`).join(' or ')}?`
    : names.length
      ? ' Type `/circle list` to see the circles.'
      : ' There are no circles yet.';
  throw new AppError(ErrorCode.NotFound, `I can't find a circle called "${echo(name)}".${hint}`);
}

export type Resolution = { kind: 'one'; circle: CircleRow } | { kind: 'several'; circles: CircleRow[] };

/**
 * Which circle a command means: the one named; else the circle whose channel it was typed in;
 * else the person's only circle among their memberships that `accept` keeps. Several candidates
 * are returned, not guessed between, so the person can pick.
 */
export async function resolveOwnCircle(
  db: Db,
  teamId: string,
  userId: string,
  name: string | null,
  channelId: string | null,
  accept: (m: MembershipWithCircle) => boolean,
  none: string,
): Promise<Resolution> {
  if (name) return { kind: 'one', circle: await circleByName(db, teamId, name) };
  if (channelId) {
    const here = await findCircleByChannel(db, teamId, channelId);
    if (here) return { kind: 'one', circle: here };
  }
  const mine = (await membershipsOfUser(db, teamId, userId)).filter(accept);
  if (mine.length === 0) throw new AppError(ErrorCode.NotFound, none);
  if (mine.length === 1) return { kind: 'one', circle: mine[0]!.circle };
  return { kind: 'several', circles: mine.map((m) => m.circle) };
}

export async function membershipOf(
  db: Db | Transaction<Database>,
  circle: CircleRow,
  userId: string,
): Promise<MembershipRow | undefined> {
  return findMembership(db, circle.team_id, circle.id, userId);
}

/** A person's memberships that are not `left`, each with its circle, by circle name. */
export async function membershipsOf(db: Db, teamId: string, userId: string): Promise<MembershipWithCircle[]> {
  return membershipsOfUser(db, teamId, userId);
}

/** A person's place in each circle they have not left (status and role), by circle id. */
export async function placesOf(db: Db, teamId: string, userId: string): Promise<Map<number, Place>> {
  return new Map((await placesOfUser(db, teamId, userId)).map((p) => [p.circle_id, { status: p.status, role: p.role }]));
}
export type Place = Pick<MembershipRow, 'status' | 'role'>;

export async function memberIds(db: Db, teamId: string, circleId: number, statuses: MembershipStatus[]): Promise<string[]> {
  return (await membersOf(db, teamId, circleId, statuses)).map((m) => m.user_id);
}

export async function members(db: Db, teamId: string, circleId: number, statuses: MembershipStatus[]): Promise<MembershipRow[]> {
  return membersOf(db, teamId, circleId, statuses);
}

/** The members of several circles of one workspace, by circle, in one round trip (for passes over many circles). */
export async function membersByCircle(
  db: Db,
  teamId: string,
  circleIds: number[],
  statuses: MembershipStatus[],
): Promise<Map<number, MembershipRow[]>> {
  return membersOfCircles(db, teamId, circleIds, statuses);
}

/**
 * Who held an active place in the circle at each instant (joined, not paused, not yet left), from
 * its membership history, keyed by the instant's time: one query for any number of instants.
 */
export async function activeMembersAt(
  db: Db,
  teamId: string,
  circleId: number,
  instants: Date[],
): Promise<Map<number, string[]>> {
  return (await activeMembersAtEach(db, teamId, new Map([[circleId, instants]]))).get(circleId) ?? new Map();
}

/** `activeMembersAt` for several circles of one workspace, in one query: by circle, then by instant. */
export async function activeMembersAtEach(
  db: Db,
  teamId: string,
  instantsByCircle: Map<number, Date[]>,
): Promise<Map<number, Map<number, string[]>>> {
  const all = [...instantsByCircle.values()].flat();
  if (all.length === 0) return new Map();
  const last = new Date(Math.max(...all.map((i) => i.getTime())));
  const events = await membershipEvents(db, teamId, [...instantsByCircle.keys()], last);
  const out = new Map<number, Map<number, string[]>>();
  for (const [circleId, instants] of instantsByCircle) {
    const mine = events.filter((e) => e.circle_id === circleId).map((e) => ({ userId: e.user_id, status: e.status, at: e.at }));
    out.set(circleId, activeAt(mine, instants));
  }
  return out;
}

/**
 * Facilitators holding a place. A paused one still counts: a pause keeps the place and the role
 * with it (a facilitator on holiday can still skip or move a session, and comes back without being
 * named again). Someone waiting for a place, or gone, is no facilitator.
 */
export async function facilitatorIds(db: Db, teamId: string, circleId: number): Promise<string[]> {
  const rows = await membersOf(db, teamId, circleId, ['active', 'paused']);
  return rows.filter((m) => m.role === 'facilitator').map((m) => m.user_id);
}

/** Members holding a place (active or paused), facilitators among them. */
export async function isInCircle(db: Db, circle: CircleRow, userId: string): Promise<boolean> {
  const m = await findMembership(db, circle.team_id, circle.id, userId);
  return Boolean(m && holdsPlace(m.status));
}

export async function currentCycle(db: Db, teamId: string, circleId: number): Promise<CycleRow | undefined> {
  return currentCycleRow(db, teamId, circleId);
}

export async function openCircles(db: Db, teamId: string): Promise<CircleRow[]> {
  return listCircles(db, teamId, ['open']);
}

export async function allCircles(db: Db, teamId: string): Promise<CircleRow[]> {
  return listCircles(db, teamId, ['open', 'closed', 'ended']);
}

export { circleCounts };

/** A facilitator holding a place (active or paused, as `facilitatorIds`); never a waitlisted or departed row. */
export async function isFacilitator(db: Db, circle: CircleRow, userId: string): Promise<boolean> {
  const m = await findMembership(db, circle.team_id, circle.id, userId);
  return Boolean(m && m.role === 'facilitator' && holdsPlace(m.status));
}

export async function canManage(db: Db, circle: CircleRow, person: Person, organizers: readonly string[]): Promise<boolean> {
  return isOrganizer(person, organizers) || (await isFacilitator(db, circle, person.userId));
}

/** Facilitators of the circle and organizers may change it; everyone else is told so. */
export async function assertCanManage(
  db: Db,
  circle: CircleRow,
  person: Person,
  organizers: readonly string[],
  what: string,
): Promise<void> {
  if (await canManage(db, circle, person, organizers)) return;
  throw new AppError(
    ErrorCode.Forbidden,
    `Only the facilitators of *${escapeMrkdwn(circle.name)}* and organizers can ${what}. Nothing was changed.`,
  );
}

export function assertOrganizer(person: Person, organizers: readonly string[], what: string): void {
  if (!isOrganizer(person, organizers)) {
    throw new AppError(
      ErrorCode.Forbidden,
      `Only organizers (workspace admins and owners, and people the app names) can ${what}. Nothing was changed.`,
    );
  }
}

/**
 * A new cadence for a circle, from an instant on (a time picked in a poll): sessions before `from`
 * keep theirs. The caller regenerates the sessions after (the sessions feature's sync).
 */
export async function moveCadence(
  db: Db | Transaction<Database>,
  teamId: string,
  circleId: number,
  cadence: Cadence,
  from: Date,
  now: Date,
): Promise<CircleRow> {
  return updateCircle(db, teamId, circleId, { cadence: JSON.stringify(cadence), cadence_from: from, updated_at: now });
}
