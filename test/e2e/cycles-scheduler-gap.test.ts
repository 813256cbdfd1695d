import { parse } from 'csv-parse/sync';
import { chartSvg, sessionLabels } from '../../src/cycles/chart';
import { buildReport } from '../../src/cycles/report';
import { noPairs } from '../../src/cycles/ports';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { checkinAsks } from '../support/checkins';
import { lastEphemeral, seedCircle, textOf } from '../support/fixtures';

/**
 * A weekly circle whose scheduler does not run for five weeks (issue 25): sessions every Tuesday
 * 09:00 New York (14:00 UTC) from 2026-12-01 to 2027-01-05. Chloe pauses in week 2 (not on its
 * roster), Elena joins in week 3 (on rosters from week 3 only). When the scheduler comes back,
 * every held session gets its roster as of its start, in one pass; the report tells the sessions
 * nobody recorded from sessions nobody came to; the chart has every session on its axis.
 */
describe('cycles: a scheduler gap loses nothing', () => {
  let t: TestApp;
  let circleId = 0;
  let sessions: Array<{ id: number; starts_at: Date }> = [];
  const csv = (content: string) => parse(content, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const command = async (userId: string, text: string, at: string) => {
    t.clock.set(at);
    await t.slack.command(userId, text, { channelId: CHANNELS.general });
  };
  const rosters = async () =>
    new Map(
      (await t.db.selectFrom('session_rosters').select(['session_id', 'user_ids']).where('team_id', '=', TEAM.id).execute()).map(
        (r) => [r.session_id, [...r.user_ids].sort()],
      ),
    );
  const four = [USERS.ana, USERS.ben, USERS.chloe, USERS.dev].sort();

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-30T12:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Gap',
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe, USERS.dev],
      cadence: {
        kind: 'weekly',
        everyWeeks: 1,
        weekday: 'tuesday',
        localTime: '09:00',
        durationMinutes: 60,
        timeZone: 'America/New_York',
      },
      startDate: '2026-12-01',
      endDate: '2027-01-05',
    });
    circleId = circle.id;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    expect((await t.tick('2026-11-30T12:00:00Z')).failed).toEqual([]);
    sessions = await t.db
      .selectFrom('sessions')
      .select(['id', 'starts_at'])
      .where('circle_id', '=', circleId)
      .where('starts_at', '<=', new Date('2027-01-05T23:00:00Z'))
      .orderBy('starts_at')
      .execute();
    // The scheduler is down from here on; people go on using the app.
    await command(USERS.chloe, 'pause Gap', '2026-12-07T12:00:00Z');
    await command(USERS.chloe, 'resume Gap', '2026-12-09T12:00:00Z');
    await command(USERS.elena, 'join Gap', '2026-12-14T12:00:00Z');
    expect(lastEphemeral(t.emulator, USERS.elena)).toContain('Gap');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('has the six sessions of the cycle, and no roster while the scheduler is down', async () => {
    expect(sessions.map((s) => s.starts_at.toISOString().slice(0, 10))).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
      '2027-01-05',
    ]);
    expect((await rosters()).size).toBe(0);
  });

  it('the first pass after five weeks takes the five rosters, each as of its session start', async () => {
    t.clock.set('2027-01-04T12:00:00Z');
    expect((await t.tick('2027-01-04T12:00:00Z')).failed).toEqual([]);
    const taken = await rosters();
    const [s1, s2, s3, s4, s5, s6] = sessions.map((s) => s.id);
    expect(taken.size).toBe(5);
    expect(taken.get(s1!)).toEqual(four);
    // Chloe was paused in week 2.
    expect(taken.get(s2!)).toEqual([USERS.ana, USERS.ben, USERS.dev].sort());
    // Elena joined in week 3.
    for (const s of [s3, s4, s5]) expect(taken.get(s!)).toEqual([...four, USERS.elena].sort());
    expect(taken.has(s6!)).toBe(false);
  });

  it('after the gap, only what is still worth sending goes out, once: the latest check-in, not five weeks of them', async () => {
    const [, , , , s5] = sessions;
    for (const u of [USERS.ben, USERS.dev, USERS.elena]) {
      const asks = checkinAsks(t, u);
      expect(asks).toHaveLength(1);
      expect(asks[0]!.text).toContain(`<!date^${Math.floor(s5!.starts_at.getTime() / 1000)}^`);
    }
    const skipped = await t.db
      .selectFrom('deliveries')
      .select(['kind', 'status'])
      .where('circle_id', '=', circleId)
      .where('kind', '=', 'checkin-ask')
      .where('status', '=', 'skipped')
      .execute();
    expect(skipped.length).toBeGreaterThan(0);
    // A second pass sends nothing again.
    const before = t.emulator.callsTo('chat.postMessage').length;
    expect((await t.tick('2027-01-04T12:01:00Z')).failed).toEqual([]);
    expect(t.emulator.callsTo('chat.postMessage').length).toBe(before);
  });

  it('the report says which sessions were not recorded, counts members over recorded sessions only, and charts all six', async () => {
    const [, , , s4, s5] = sessions.map((s) => s.id);
    const at = new Date('2027-01-05T16:00:00Z');
    // Session 4: check-ins only. Session 5: the facilitator's record.
    for (const [userId, attended] of [
      [USERS.ben, 'yes'],
      [USERS.dev, 'no'],
    ] as const)
      await t.db
        .insertInto('checkins')
        .values({
          team_id: TEAM.id,
          circle_id: circleId,
          session_id: s4!,
          user_id: userId,
          attended,
          usefulness: attended === 'yes' ? 4 : null,
          note: null,
          submitted_at: at,
          updated_at: at,
        })
        .execute();
    for (const [userId, present] of [
      [USERS.ana, true],
      [USERS.ben, true],
      [USERS.chloe, false],
      [USERS.dev, true],
      [USERS.elena, true],
    ] as const)
      await t.db
        .insertInto('attendance')
        .values({ team_id: TEAM.id, session_id: s5!, user_id: userId, present, recorded_by: USERS.ana, recorded_at: at })
        .execute();
    t.clock.set(at);
    expect((await t.tick(at)).failed).toEqual([]);
    expect((await rosters()).size).toBe(6);

    const before = t.emulator.files().length;
    await t.slack.command(USERS.ana, 'report Gap', { channelId: CHANNELS.general });
    const seen = textOf(t.emulator.ephemeralsTo(USERS.ana).at(-1)?.blocks);
    const files = t.emulator.files().slice(before);
    expect(seen).toContain('6 sessions held, 2 recorded · *not recorded* (no attendance taken, no check-ins)');
    expect(seen).toContain('*Attendance* 5/7 (71%) of recorded places');
    expect(seen).toContain(': not recorded');
    expect(seen).toContain(`<@${USERS.ben}>: 2/2 (100%) there, 1 check-in`);
    expect(seen).toContain(`<@${USERS.chloe}>: 0/1 (0%) there, 0 check-ins`);
    expect(seen).toContain('*Per member* (over the 2 recorded sessions');
    expect(seen).not.toContain('1 check-ins');

    const rows = csv(files.find((f) => f.filename.endsWith('-sessions.csv'))!.content);
    expect(rows.map((r) => [r.recorded_status, r.expected])).toEqual([
      ['not recorded', '4'],
      ['not recorded', '3'],
      ['not recorded', '5'],
      ['recorded', '5'],
      ['recorded', '5'],
      ['not recorded', '5'],
    ]);
    expect(rows[0]).toMatchObject({ present: '', recorded: '', checkins: '0' });
    const members = csv(files.find((f) => f.filename.endsWith('-attendance.csv'))!.content);
    expect(members.find((m) => m.member === USERS.ben)).toEqual({
      member: USERS.ben,
      recorded_sessions_expected: '2',
      recorded_sessions_marked: '2',
      sessions_present: '2',
      checkins: '1',
    });
    expect(files.some((f) => f.filename.endsWith('-chart.png') && f.content.length > 0)).toBe(true);

    const circle = await t.db.selectFrom('circles').selectAll().where('id', '=', circleId).executeTakeFirstOrThrow();
    const report = (await buildReport(t.db, noPairs, circle, at))!;
    expect(sessionLabels(report)).toEqual(['#1 Dec 1', '#2 Dec 8', '#3 Dec 15', '#4 Dec 22', '#5 Dec 29', '#6 Jan 5']);
    const svg = await chartSvg(report);
    for (const label of sessionLabels(report)) expect(svg).toContain(label);
    expect(svg).toContain('not recorded');
  }, 60_000);
});
