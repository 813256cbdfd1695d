import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SlackEmulator } from '../sandbox';

/**
 * What `--keep` needs besides the database: the clock's offset and the emulated workspace's
 * people, channels and messages (the app's rows point at them by id and ts). Ephemeral messages and open
 * modals are not kept, as Slack's client forgets them too.
 */
const snapshotSchema = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number(),
  // People the demo added after seeding (act 5's fellows): the app's rows point at them by id.
  // Optional, so a snapshot saved before it was kept still reads.
  people: z
    .array(z.object({ id: z.string(), name: z.string(), real_name: z.string(), tz: z.string(), is_bot: z.boolean() }))
    .optional(),
  channels: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      is_private: z.boolean(),
      is_im: z.boolean(),
      is_mpim: z.boolean(),
      is_archived: z.boolean(),
      created: z.number(),
      creator: z.string(),
      members: z.array(z.string()),
      topic: z.string(),
      purpose: z.string(),
      user: z.string().optional(),
    }),
  ),
  messages: z.array(
    z.object({
      channel: z.string(),
      ts: z.string(),
      user: z.string(),
      text: z.string(),
      blocks: z.array(z.unknown()),
      thread_ts: z.string().optional(),
      updatedCount: z.number(),
    }),
  ),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

const FILE = 'workspace.json';

export function takeSnapshot(emulator: SlackEmulator, clockOffsetMs: number): Snapshot {
  const people = [...emulator.workspace.users.values()].map((u) => ({
    id: u.id,
    name: u.name,
    real_name: u.real_name,
    tz: u.tz,
    is_bot: u.is_bot,
  }));
  const channels = [...emulator.workspace.channels.values()].map((c) => ({
    id: c.id,
    name: c.name,
    is_private: c.is_private,
    is_im: c.is_im,
    is_mpim: c.is_mpim,
    is_archived: c.is_archived,
    created: c.created,
    creator: c.creator,
    members: [...c.members],
    topic: c.topic,
    purpose: c.purpose,
    ...(c.user ? { user: c.user } : {}),
  }));
  const messages = channels.flatMap((c) =>
    emulator.messages(c.id).map((m) => ({
      channel: c.id,
      ts: m.ts,
      user: m.user,
      text: m.text,
      blocks: m.blocks,
      updatedCount: m.updatedCount,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    })),
  );
  return { version: 1, clockOffsetMs, people, channels, messages };
}

export function saveSnapshot(dir: string, snapshot: Snapshot): void {
  writeFileSync(join(dir, FILE), JSON.stringify(snapshot));
}

export function readSnapshot(dir: string): Snapshot | undefined {
  const path = join(dir, FILE);
  if (!existsSync(path)) return undefined;
  const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a demo workspace snapshot; start without --keep for a fresh demo`);
  return parsed.data;
}

/** Puts people, channels and messages back in their order, with their ids and ts, into a freshly seeded workspace. */
export function restoreSnapshot(emulator: SlackEmulator, snapshot: Snapshot): void {
  const workspace = emulator.workspace;
  for (const saved of snapshot.people ?? [])
    if (!workspace.user(saved.id))
      workspace.addUser({
        id: saved.id,
        name: saved.name,
        real_name: saved.real_name,
        tz: saved.tz,
        is_bot: saved.is_bot,
        channels: [],
      });
  for (const saved of snapshot.channels) {
    let channel = workspace.channel(saved.id);
    if (!channel && saved.is_im && saved.user) channel = workspace.channel(workspace.dmChannelOf(saved.user));
    if (!channel && saved.is_mpim) channel = workspace.channel(workspace.openMpim(saved.members));
    channel ??= workspace.addChannel({
      id: saved.id,
      name: saved.name,
      is_private: saved.is_private,
      is_archived: saved.is_archived,
      created: saved.created,
      creator: saved.creator,
      topic: saved.topic,
      purpose: saved.purpose,
    });
    channel.members = new Set(saved.members);
    channel.is_archived = saved.is_archived;
    channel.topic = saved.topic;
    channel.purpose = saved.purpose;
  }
  for (const saved of snapshot.messages) {
    const message = emulator.seedMessage({
      channel: saved.channel,
      user: saved.user,
      text: saved.text,
      blocks: saved.blocks,
      ...(saved.thread_ts ? { thread_ts: saved.thread_ts } : {}),
    });
    // The app stored these ts (agenda posts it edits later), so they must come back unchanged.
    message.ts = saved.ts;
    message.updatedCount = saved.updatedCount;
  }
}
