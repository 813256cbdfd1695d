import type { Db } from '../db/database';
import type { Outbox } from '../scheduler/outbox';
import type { ProgramKinds } from './deliveries';
import type { Program } from './model';
import { intakesOf } from './store';

/** What recruiting sends through: the ledger and the programs' kinds. */
export interface ProgramEffects {
  outbox: Outbox;
  kinds: ProgramKinds;
}

/**
 * The program's post in a channel, as a delivery; the caller flushes it after the ack. Each
 * command makes its own post (the organizer may post again after editing the program).
 */
export async function enqueuePost(db: Db, fx: ProgramEffects, program: Program, channelId: string, now: Date): Promise<string> {
  const [key] = await fx.outbox.enqueue(db, fx.kinds.post, [
    {
      teamId: program.teamId,
      key: `program-post:${program.id}:${channelId}:${now.getTime()}`,
      channelId,
      dueAt: now,
      payload: { programId: program.id },
    },
  ]);
  return key!;
}

/**
 * An invitation by DM to each of `userIds` who has not joined: one per person and program ever
 * (the key), so inviting a channel twice invites only its newcomers. Returns the keys to flush.
 */
export async function enqueueInvites(
  db: Db,
  fx: ProgramEffects,
  program: Program,
  userIds: readonly string[],
  by: string,
  now: Date,
): Promise<string[]> {
  const joined = new Set((await intakesOf(db, program.teamId, program.id)).map((r) => r.user_id));
  const invited = [...new Set(userIds)].filter((id) => id !== by && !joined.has(id));
  if (!invited.length) return [];
  return fx.outbox.enqueue(
    db,
    fx.kinds.invite,
    invited.map((userId) => ({
      teamId: program.teamId,
      key: `program-invite:${program.id}:${userId}`,
      userId,
      dueAt: now,
      expiresAt: program.deadline,
      payload: { programId: program.id, by },
    })),
  );
}
