import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { calendarUrlFor } from '../../src/calendar/home';
import { CalendarActions } from '../../src/calendar/ids';
import type { Db } from '../../src/db/database';
import type { SessionStatus } from '../../src/db/types';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { lastDm, seedCircle, textOf, WEEKLY_TUESDAY } from '../support/fixtures';

const PUBLIC_URL = 'https://circles.test';
const OTHER_TEAM = 'T0OTHERTM1';

interface SessionSeed {
  teamId?: string;
  circleId: number;
  startsAt: string;
  minutes?: number;
  status?: SessionStatus;
  sequence?: number;
  leader?: string | null;
  pairId?: number | null;
}

async function cycleOf(db: Db, circleId: number): Promise<number> {
  const row = await db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).executeTakeFirstOrThrow();
  return row.id;
}

async function insertSession(db: Db, s: SessionSeed): Promise<number> {
  const starts = new Date(s.startsAt);
  const row = await db
    .insertInto('sessions')
    .values({
      team_id: s.teamId ?? TEAM.id,
      circle_id: s.circleId,
      cycle_id: await cycleOf(db, s.circleId),
      pair_id: s.pairId ?? null,
      occurrence_date: s.startsAt.slice(0, 10),
      starts_at: starts,
      ends_at: new Date(starts.getTime() + (s.minutes ?? 90) * 60_000),
      status: s.status ?? 'scheduled',
      leader_user_id: s.leader ?? null,
      prompt_key: null,
      prompt_text: null,
      sequence: s.sequence ?? 0,
      agenda_channel_id: null,
      agenda_ts: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function setStatus(db: Db, circleId: number, userId: string, status: 'paused' | 'waitlisted' | 'left'): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ status })
    .where('team_id', '=', TEAM.id)
    .where('circle_id', '=', circleId)
    .where('user_id', '=', userId)
    .execute();
}

/** A second workspace in the same database, whose people have the same user ids as the first's. */
async function seedOtherTeam(db: Db, members: string[], bystanders: string[]): Promise<number> {
  await db
    .insertInto('workspaces')
    .values({ team_id: OTHER_TEAM, name: 'Other', bot_user_id: null, sealed_installation: null, installed_at: null })
    .execute();
  for (const userId of [...members, ...bystanders]) {
    await db
      .insertInto('users')
      .values({
        team_id: OTHER_TEAM,
        user_id: userId,
        display_name: `Other ${userId}`,
        time_zone: null,
        refreshed_at: null,
      })
      .execute();
  }
  const circle = await db
    .insertInto('circles')
    .values({
      team_id: OTHER_TEAM,
      name: 'Other Team Circle',
      kind: 'group',
      channel_id: null,
      cadence: JSON.stringify({ ...WEEKLY_TUESDAY, timeZone: 'Asia/Kolkata' }),
      video_link: null,
      created_by: members[0]!,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cycles')
    .values({ team_id: OTHER_TEAM, circle_id: circle.id, number: 1, start_date: '2026-12-01', end_date: '2027-04-01' })
    .execute();
  for (const userId of members) {
    await db
      .insertInto('memberships')
      .values({
        team_id: OTHER_TEAM,
        circle_id: circle.id,
        user_id: userId,
        status: 'active',
        paused_until: null,
        joined_at: null,
        left_at: null,
      })
      .execute();
  }
  return circle.id;
}

interface Feed {
  status: number;
  headers: Headers;
  body: string;
}

async function fetchFeed(t: TestApp, url: string, init?: RequestInit): Promise<Feed> {
  expect(url.startsWith(`${PUBLIC_URL}/calendar/`)).toBe(true);
  const res = await fetch(`${t.baseUrl}${url.slice(PUBLIC_URL.length)}`, init);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Each VEVENT's unfolded content lines. */
function eventsOf(ics: string): string[][] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = null;
    } else current?.push(line);
  }
  return out;
}

const value = (event: string[], name: string): string | undefined => {
  const line = event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
};
const propLine = (event: string[], name: string): string | undefined =>
  event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
const summaries = (ics: string): string[] => eventsOf(ics).map((e) => value(e, 'SUMMARY') ?? '');

describe('calendar feed', () => {
  let t: TestApp;
  let urlOf: (teamId: string, userId: string) => Promise<string | null | undefined>;
  beforeEach(async () => {
    t = await startTestApp();
    urlOf = calendarUrlFor(t.services.deps);
  });
  afterEach(async () => {
    await t.close();
  });

  it("serves a member's sessions with stable UIDs, the cancelled one CANCELLED, in the circle's zone", async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers', members: [USERS.ana, USERS.ben] });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z', leader: USERS.ben });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-15T14:00:00Z', status: 'cancelled', sequence: 1 });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-29T14:00:00Z', leader: USERS.ana });

    const url = await urlOf(TEAM.id, USERS.ana);
    expect(url).toMatch(/^https:\/\/circles\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await urlOf(TEAM.id, USERS.ana)).toBe(url);

    const first = await fetchFeed(t, url!);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('private, max-age=300');
    expect(first.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(first.body).toContain('X-WR-CALNAME:Peer Circles\r\n');

    const events = eventsOf(first.body);
    expect(events).toHaveLength(3);
    expect(events.map((e) => propLine(e, 'DTSTART'))).toEqual([
      'DTSTART;TZID=America/New_York:20261201T090000',
      'DTSTART;TZID=America/New_York:20261215T090000',
      'DTSTART;TZID=America/New_York:20261229T090000',
    ]);
    expect(events.map((e) => value(e, 'STATUS'))).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED']);
    expect(events.map((e) => value(e, 'SEQUENCE'))).toEqual(['0', '1', '0']);
    expect(events.map((e) => value(e, 'SUMMARY'))).toEqual(['New Managers', 'New Managers', 'New Managers']);
    expect(value(events[0]!, 'DESCRIPTION')).toContain('Warm-up: Ben');
    expect(value(events[2]!, 'DESCRIPTION')).toContain('Warm-up: you');
    expect(value(events[0]!, 'LOCATION')).toBe('https://meet.example.com/circle');
    expect(first.body).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n');

    const second = await fetchFeed(t, url!);
    expect(eventsOf(second.body).map((e) => value(e, 'UID'))).toEqual(events.map((e) => value(e, 'UID')));
    expect(new Set(events.map((e) => value(e, 'UID'))).size).toBe(3);
    expect(second.body).toBe(first.body);

    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const unchanged = await fetchFeed(t, url!, { headers: { 'if-none-match': etag! } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe('');
  });

  it('shows active and paused places, not waitlisted or left ones, and only sessions in the window', async () => {
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Tiny',
      members: [USERS.ana, USERS.ben, USERS.dev, USERS.elena],
    });
    const other = await seedCircle(t.db, t.emulator, { name: 'Other', members: [USERS.dev] });
    await setStatus(t.db, circle.id, USERS.ben, 'paused');
    await setStatus(t.db, circle.id, USERS.dev, 'waitlisted');
    await setStatus(t.db, circle.id, USERS.elena, 'left');
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z' });
    await insertSession(t.db, { circleId: other.id, startsAt: '2026-12-02T14:00:00Z' });
    // The clock reads 2026-11-23T15:00Z: 60 days back and 400 ahead bound the feed.
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-09-25T14:00:00Z' });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-09-23T14:00:00Z' });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2027-12-27T14:00:00Z' });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2027-12-29T14:00:00Z' });

    const ana = await fetchFeed(t, (await urlOf(TEAM.id, USERS.ana))!);
    expect(eventsOf(ana.body).map((e) => propLine(e, 'DTSTART'))).toEqual([
      'DTSTART;TZID=America/New_York:20260925T100000',
      'DTSTART;TZID=America/New_York:20261201T090000',
      'DTSTART;TZID=America/New_York:20271227T090000',
    ]);
    const ben = await fetchFeed(t, (await urlOf(TEAM.id, USERS.ben))!);
    expect(summaries(ben.body)).toEqual(['Tiny', 'Tiny', 'Tiny']);
    const dev = await fetchFeed(t, (await urlOf(TEAM.id, USERS.dev))!);
    expect(dev.status).toBe(200);
    expect(summaries(dev.body)).toEqual(['Other']);
    // Elena left every circle she was in: her feed stops.
    const elena = await fetchFeed(t, (await urlOf(TEAM.id, USERS.elena))!);
    expect(elena.status).toBe(404);
  });

  it('stops the feed of a deactivated account, and every feed of an uninstalled workspace', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', members: [USERS.ana, USERS.ben] });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z' });
    const ana = (await urlOf(TEAM.id, USERS.ana))!;
    const ben = (await urlOf(TEAM.id, USERS.ben))!;
    expect((await fetchFeed(t, ana)).status).toBe(200);
    expect((await fetchFeed(t, ben)).status).toBe(200);

    await t.db
      .updateTable('users')
      .set({ is_deleted: true })
      .where('team_id', '=', TEAM.id)
      .where('user_id', '=', USERS.ben)
      .execute();
    expect((await fetchFeed(t, ben)).status).toBe(404);
    expect((await fetchFeed(t, ana)).status).toBe(200);

    await t.db.updateTable('workspaces').set({ uninstalled_at: t.clock.now() }).where('team_id', '=', TEAM.id).execute();
    expect((await fetchFeed(t, ana)).status).toBe(404);
  });

  it("shows a pair meeting only to that pair's members", async () => {
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Coaching Pairs',
      kind: 'pairs',
      members: [USERS.ana, USERS.ben, USERS.chloe, USERS.dev],
    });
    const cycleId = await cycleOf(t.db, circle.id);
    const pair = async (userIds: string[]) =>
      (
        await t.db
          .insertInto('pairs')
          .values({ team_id: TEAM.id, circle_id: circle.id, cycle_id: cycleId, user_ids: userIds, channel_id: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const ours = await pair([USERS.ana, USERS.ben]);
    const theirs = await pair([USERS.chloe, USERS.dev]);
    const mine = await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-03T14:00:00Z', pairId: ours });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-04T14:00:00Z', pairId: theirs });

    const ana = eventsOf((await fetchFeed(t, (await urlOf(TEAM.id, USERS.ana))!)).body);
    expect(ana.map((e) => value(e, 'UID'))).toEqual([`session-${mine}@peer-circles`]);
    expect(value(ana[0]!, 'DESCRIPTION')).toContain('Your coaching pair meeting in Coaching Pairs.');
    const chloe = eventsOf((await fetchFeed(t, (await urlOf(TEAM.id, USERS.chloe))!)).body);
    expect(chloe.map((e) => value(e, 'UID'))).not.toContain(`session-${mine}@peer-circles`);
    expect(chloe).toHaveLength(1);
  });

  it('keeps workspaces apart even when user ids are the same', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Home Team', members: [USERS.ana, USERS.chloe] });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z' });
    const away = await seedOtherTeam(t.db, [USERS.ana], [USERS.chloe]);
    await insertSession(t.db, { teamId: OTHER_TEAM, circleId: away, startsAt: '2026-12-02T03:30:00Z' });

    const anaHome = await urlOf(TEAM.id, USERS.ana);
    const anaAway = await urlOf(OTHER_TEAM, USERS.ana);
    expect(anaAway).not.toBe(anaHome);
    expect(summaries((await fetchFeed(t, anaHome!)).body)).toEqual(['Home Team']);
    const away1 = await fetchFeed(t, anaAway!);
    expect(summaries(away1.body)).toEqual(['Other Team Circle']);
    expect(propLine(eventsOf(away1.body)[0]!, 'DTSTART')).toBe('DTSTART;TZID=Asia/Kolkata:20261202T090000');

    // Same user id as a member at home, but in no circle of the other workspace: no feed at all.
    const chloeAway = await fetchFeed(t, (await urlOf(OTHER_TEAM, USERS.chloe))!);
    expect(chloeAway.status).toBe(404);
    expect(chloeAway.body).not.toContain('Home Team');
  });

  it('answers 404 with a short plain body for unknown tokens and malformed names, 405 for other methods', async () => {
    await seedCircle(t.db, t.emulator, { name: 'New Managers', members: [USERS.ana] });
    const url = (await urlOf(TEAM.id, USERS.ana))!;
    const token = url.slice(`${PUBLIC_URL}/calendar/`.length, -'.ics'.length);
    const unknown = 'A'.repeat(43);
    for (const path of [
      `/calendar/${unknown}.ics`,
      `/calendar/${token}`,
      `/calendar/${token}.txt`,
      `/calendar/${token}.ics/more`,
      `/calendar/${token.slice(1)}.ics`,
      `/calendar/..%2F${token}.ics`,
    ]) {
      const res = await fetch(`${t.baseUrl}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe('Not found\n');
    }
    const post = await fetch(`${t.baseUrl}/calendar/${token}.ics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await post.text()).not.toContain('BEGIN:VCALENDAR');
    const head = await fetch(`${t.baseUrl}/calendar/${token}.ics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('answers 503 when the database fails', async () => {
    await seedCircle(t.db, t.emulator, { name: 'New Managers', members: [USERS.ana] });
    const url = (await urlOf(TEAM.id, USERS.ana))!;
    await sql`ALTER TABLE sessions RENAME TO sessions_away`.execute(t.db);
    try {
      const res = await fetchFeed(t, url);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.body).not.toContain('sessions');
    } finally {
      await sql`ALTER TABLE sessions_away RENAME TO sessions`.execute(t.db);
    }
    expect((await fetchFeed(t, url)).status).toBe(200);
  });

  it('the New link button replaces the token: the old URL is gone at once, the new one works, and it comes by DM', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers', members: [USERS.ana] });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z' });
    const oldUrl = (await urlOf(TEAM.id, USERS.ana))!;
    expect((await fetchFeed(t, oldUrl)).status).toBe(200);

    await t.slack.clickButton(
      USERS.ana,
      {
        ephemeral: {
          blocks: [
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: CalendarActions.revoke,
                  text: { type: 'plain_text', text: 'New link' },
                  value: 'revoke',
                },
              ],
            },
          ],
          channelId: CHANNELS.general,
        },
      },
      CalendarActions.revoke,
    );

    const newUrl = (await urlOf(TEAM.id, USERS.ana))!;
    expect(newUrl).not.toBe(oldUrl);
    expect((await fetchFeed(t, oldUrl)).status).toBe(404);
    const fresh = await fetchFeed(t, newUrl);
    expect(fresh.status).toBe(200);
    expect(eventsOf(fresh.body)).toHaveLength(1);

    const dm = lastDm(t.emulator, USERS.ana);
    expect(dm.text).toContain(newUrl);
    expect(dm.text).toContain('Your old calendar link no longer works');
    const read = textOf(dm.blocks);
    expect(read).toContain(newUrl);
    expect(read).toContain('Your old calendar link no longer works');
    expect(read).not.toContain(oldUrl);
  });

  it('gives no link to someone the app has never seen', async () => {
    expect(await urlOf(TEAM.id, USERS.kofi)).toBeUndefined();
  });

  it('stores no working token: only its hash, and the link shown again is the same', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers', members: [USERS.ana] });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z' });
    const url = (await urlOf(TEAM.id, USERS.ana))!;
    const token = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)![1]!;

    // Every column of every table, as text: a copy of the database must not hold the token.
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(t.db);
    for (const { table_name } of tables.rows) {
      const hits = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(table_name)} AS r WHERE r::text LIKE ${'%' + token + '%'}`.execute(t.db);
      expect({ table: table_name, hits: hits.rows[0]!.n }).toEqual({ table: table_name, hits: 0 });
    }
    const row = await t.db
      .selectFrom('users')
      .select('calendar_token_hash')
      .where('team_id', '=', TEAM.id)
      .where('user_id', '=', USERS.ana)
      .executeTakeFirstOrThrow();
    expect(row.calendar_token_hash).toBe(createHash('sha256').update(token).digest('hex'));

    expect(await urlOf(TEAM.id, USERS.ana)).toBe(url);
    expect((await fetchFeed(t, url)).status).toBe(200);
  });

  it('keeps a link stored only as a hash working, and the App Home offers a new one it can show', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers', members: [USERS.ana] });
    await insertSession(t.db, { circleId: circle.id, startsAt: '2026-12-01T14:00:00Z' });
    // A link made by an earlier version: migration 0016 kept its hash and has no nonce for it.
    const legacy = 'L'.repeat(43);
    await t.db
      .updateTable('users')
      .set({ calendar_token_hash: createHash('sha256').update(legacy).digest('hex'), calendar_link_nonce: null })
      .where('team_id', '=', TEAM.id)
      .where('user_id', '=', USERS.ana)
      .execute();
    const legacyUrl = `${PUBLIC_URL}/calendar/${legacy}.ics`;
    expect((await fetchFeed(t, legacyUrl)).status).toBe(200);
    expect(await urlOf(TEAM.id, USERS.ana)).toBeNull();

    await t.slack.appHomeOpened(USERS.ana);
    const home = textOf(t.emulator.homeOf(USERS.ana));
    expect(home).toContain('You have a private calendar link, which still works');
    expect(home).toContain('get a new one');
    expect(home).not.toContain(legacy);
    expect((await fetchFeed(t, legacyUrl)).status).toBe(200);
  });
});
