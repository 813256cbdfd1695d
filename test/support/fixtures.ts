import type { CircleRow } from '../../src/circles/store';
import type { Db } from '../../src/db/database';
import type { SlackEmulator } from '../../src/sandbox';
import { TEAM, USERS } from '../../src/sandbox';
import type { Cadence } from '../../src/time/cadence';

export const WEEKLY_TUESDAY: Cadence = {
  kind: 'weekly',
  everyWeeks: 2,
  weekday: 'tuesday',
  localTime: '09:00',
  durationMinutes: 90,
  timeZone: 'America/New_York',
};

export interface CircleFixture {
  name: string;
  sizeCap?: number;
  kind?: 'group' | 'pairs';
  facilitators?: string[];
  members?: string[];
  cadence?: Cadence;
  startDate?: string;
  endDate?: string;
  focus?: string;
  /** Create a channel for it in the emulator, with the bot in it (default true). */
  channel?: boolean;
  isPrivate?: boolean;
  /** Another workspace than the emulator's own (the same people may be in both). */
  teamId?: string;
}

/**
 * A circle as the create modal would leave it, written straight to the database (and its channel
 * to the emulator), for tests about what happens after creation.
 */
export async function seedCircle(db: Db, emulator: SlackEmulator, f: CircleFixture): Promise<CircleRow> {
  const teamId = f.teamId ?? TEAM.id;
  await db
    .insertInto('workspaces')
    .values({ team_id: teamId })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
  const people = [...(f.facilitators ?? []), ...(f.members ?? [])];
  for (const userId of new Set([USERS.owner, ...people])) {
    const u = emulator.workspace.user(userId);
    await db
      .insertInto('users')
      .values({
        team_id: teamId,
        user_id: userId,
        display_name: u?.real_name ?? userId,
        time_zone: u?.tz ?? null,
        refreshed_at: null,
      })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .execute();
  }
  let channelId: string | null = null;
  if (f.channel ?? true) {
    const channel = emulator.workspace.addChannel({
      name: `circle-${f.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}${f.teamId ? `-${f.teamId.toLowerCase()}` : ''}`,
      is_private: f.isPrivate ?? true,
      members: [USERS.bot, ...people],
    });
    channelId = channel.id;
  }
  const circle = await db
    .insertInto('circles')
    .values({
      team_id: teamId,
      name: f.name,
      focus: f.focus ?? `Growing as ${f.name}`,
      kind: f.kind ?? 'group',
      channel_id: channelId,
      size_cap: f.sizeCap ?? 8,
      cadence: JSON.stringify(f.cadence ?? WEEKLY_TUESDAY),
      video_link: 'https://meet.example.com/circle',
      created_by: USERS.owner,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cycles')
    .values({
      team_id: teamId,
      circle_id: circle.id,
      number: 1,
      start_date: f.startDate ?? '2026-12-01',
      end_date: f.endDate ?? '2027-04-01',
    })
    .execute();
  let order = 0;
  for (const [userId, role] of [
    ...(f.facilitators ?? []).map((u) => [u, 'facilitator'] as const),
    ...(f.members ?? []).map((u) => [u, 'member'] as const),
  ]) {
    const at = new Date(Date.UTC(2026, 10, 1, 12, 0, order++));
    await db
      .insertInto('memberships')
      .values({
        team_id: teamId,
        circle_id: circle.id,
        user_id: userId,
        role,
        status: 'active',
        paused_until: null,
        joined_at: at,
        queued_at: at,
        left_at: null,
      })
      .execute();
  }
  return circle;
}

/** The last thing the person saw privately (an ephemeral reply or a response_url post). */
export function lastEphemeral(emulator: SlackEmulator, userId: string): string {
  const all = emulator.ephemeralsTo(userId);
  const last = all[all.length - 1];
  if (!last) throw new Error(`${userId} saw no ephemeral message`);
  return last.text;
}

export function lastDm(emulator: SlackEmulator, userId: string): { text: string; blocks: unknown[] } {
  const all = emulator.dmsTo(userId);
  const last = all[all.length - 1];
  if (!last) throw new Error(`${userId} got no DM`);
  return last;
}

/** Every text in a list of blocks, flattened, for "what would a person read" assertions. */
export function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'text' && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

export function membershipsOf(db: Db, circleId: number) {
  return db.selectFrom('memberships').selectAll().where('circle_id', '=', circleId).orderBy('queued_at').orderBy('id').execute();
}

export function homeViewId(emulator: SlackEmulator, userId: string): string {
  const home = emulator.homeOf(userId) as { id?: unknown } | undefined;
  if (typeof home?.id !== 'string') throw new Error(`${userId} has no home tab published`);
  return home.id;
}
