import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../errors';
import { closestNames } from './model';
import {
  type CircleRow,
  findCircleByChannel,
  findCircleByName,
  listCircles,
  type MembershipWithCircle,
  membershipsOfUser,
} from './store';

/** Finds a circle by the name someone typed, or says which names they may have meant. */
export async function circleByName(db: Db, teamId: string, name: string): Promise<CircleRow> {
  const circle = await findCircleByName(db, teamId, name);
  if (circle) return circle;
  const names = (await listCircles(db, teamId, ['open', 'closed'])).map((c) => c.name);
  const close = closestNames(name, names);
  const hint = close.length
    ? ` Did you mean ${close.map((n) => `*${n}*`).join(' or ')}?`
    : names.length
      ? ' Type `/circle list` to see the circles.'
      : ' There are no circles yet.';
  throw new AppError(ErrorCode.NotFound, `I can't find a circle called "${name}".${hint}`);
}

export type Resolution = { kind: 'one'; circle: CircleRow } | { kind: 'several'; circles: CircleRow[] };

/**
 * Which circle a command means: the one named; else the circle whose channel it was typed in;
 * else the person's only circle among `memberships`. Several candidates are returned, not guessed
 * between, so the person can pick.
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
