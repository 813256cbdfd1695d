import type { Db } from '../db/database';
import { choiceBlocks } from '../slack/pick';
import type { CircleRow, MembershipWithCircle } from './service';
import { resolveOwnCircle } from './service';

export interface CircleQuestion {
  /** The name typed, if any. */
  name: string | null;
  /** Where the command was typed: a circle's own channel means that circle. */
  channelId: string | null;
  /** Which of the person's memberships count (default: all they have not left). */
  accept?: (m: MembershipWithCircle) => boolean;
  /** What to say when the person has no such circle. */
  none: string;
  /** What to ask when they have several. */
  question: string;
  /** The button that answers the question, and the value it carries for each circle. */
  pickAction: string;
  valueFor?: (c: CircleRow) => string;
}

/**
 * The circle a command means, or null once the person has been asked to pick one: the one
 * helper every feature's commands use, so "which circle?" reads the same everywhere.
 */
export async function circleOrAsk(
  db: Db,
  actor: { teamId: string; userId: string },
  reply: (text: string, blocks?: ReturnType<typeof choiceBlocks>) => Promise<void>,
  q: CircleQuestion,
): Promise<CircleRow | null> {
  const resolution = await resolveOwnCircle(
    db,
    actor.teamId,
    actor.userId,
    q.name,
    q.channelId,
    q.accept ?? (() => true),
    q.none,
  );
  if (resolution.kind === 'one') return resolution.circle;
  const valueFor = q.valueFor ?? ((c: CircleRow) => String(c.id));
  await reply(
    q.question,
    choiceBlocks(
      q.question,
      resolution.circles.map((c) => ({ label: c.name, value: valueFor(c) })),
      q.pickAction,
    ),
  );
  return null;
}
