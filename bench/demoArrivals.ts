import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { RunningDemo } from '../src/demo/demo';

/** Where the workspace stood before a jump: the messages in each conversation, and the time. */
export interface ArrivalsMark {
  posted: Map<string, number>;
  at: Date;
}

export function markArrivals(demo: RunningDemo): ArrivalsMark {
  const posted = new Map<string, number>();
  for (const id of demo.emulator.workspace.channels.keys()) posted.set(id, demo.emulator.messages(id).length);
  return { posted, at: demo.clock.now() };
}

/**
 * What a jump brought, as a short hash that two versions of the demo can be compared by: every
 * ledger row the jump touched (kind, key, status, reason, due time to the minute) and every
 * message it posted (where, by whom, in a thread or not, text and blocks). Ids of rows and people
 * come out the same in every run; conversations are named, as their ids are random; due times are
 * cut to the minute, as reminders caught up for someone who just joined are due when they joined;
 * blocks go without the ids the emulator draws at random for blocks that have none, as Slack does.
 */
export async function arrivalsHash(demo: RunningDemo, mark: ArrivalsMark): Promise<string> {
  const { rows } = await sql<{ kind: string; key: string; status: string; last_error: string | null; due_at: Date }>`
    SELECT kind, key, status, last_error, due_at FROM deliveries WHERE updated_at >= ${mark.at}`.execute(demo.app.db);
  const lines = rows.map(
    (r) => `ledger ${r.kind} ${r.key} ${r.status} ${r.last_error ?? ''} ${r.due_at.toISOString().slice(0, 16)}`,
  );
  for (const [id, channel] of demo.emulator.workspace.channels) {
    const where = channel.is_im
      ? `dm:${channel.user ?? ''}`
      : channel.is_mpim
        ? `group:${[...channel.members].sort().join(',')}`
        : channel.name;
    for (const m of demo.emulator.messages(id).slice(mark.posted.get(id) ?? 0))
      lines.push(
        `message ${where} ${m.user} ${m.thread_ts ? 'reply' : 'top'} ${m.text} ${JSON.stringify(m.blocks, withoutBlockIds)}`,
      );
  }
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 12);
}

const withoutBlockIds = (key: string, value: unknown) => (key === 'block_id' ? undefined : value);
