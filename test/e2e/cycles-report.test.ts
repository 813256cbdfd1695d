import { parse } from 'csv-parse/sync';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral, seedCircle, textOf } from '../support/fixtures';

/**
 * A cycle's report: named and anonymous, with CSV files whose rows are what was recorded and a
 * PNG chart, uploaded to the requester's DM. Sessions on 2026-12-01, 12-15 and 12-29 (14:00 UTC).
 */
describe('cycles: reports', () => {
  let t: TestApp;
  let circleId = 0;
  const sessionIds: number[] = [];
  const at = new Date('2026-12-29T20:00:00Z');

  const tickAt = async (when: string) => {
    t.clock.set(when);
    expect((await t.tick(when)).failed).toEqual([]);
  };
  const checkin = (sessionId: number, userId: string, attended: 'yes' | 'part' | 'no', usefulness: number | null) =>
    t.db
      .insertInto('checkins')
      .values({
        team_id: TEAM.id,
        circle_id: circleId,
        session_id: sessionId,
        user_id: userId,
        attended,
        usefulness,
        note: null,
        submitted_at: at,
        updated_at: at,
      })
      .execute();
  const evaluation = (
    userId: string,
    v: { value: number; recommend: boolean; choice: 'continue' | 'end'; useful?: string; improve?: string },
  ) =>
    t.db
      .insertInto('evaluations')
      .values({
        team_id: TEAM.id,
        circle_id: circleId,
        cycle_id: cycleId,
        user_id: userId,
        value_rating: v.value,
        kept_own: 3,
        kept_others: 4,
        most_useful: v.useful ?? null,
        to_improve: v.improve ?? null,
        recommend: v.recommend,
        choice: v.choice,
        submitted_at: at,
        updated_at: at,
      })
      .execute();
  let cycleId = 0;
  const report = async (userId: string) => {
    const before = t.emulator.files().length;
    await t.slack.command(userId, 'report Reporters', { channelId: CHANNELS.general });
    return {
      text: lastEphemeral(t.emulator, userId),
      blocks: t.emulator.ephemeralsTo(userId).at(-1)?.blocks,
      files: t.emulator.files().slice(before),
    };
  };
  const csv = (content: string) => parse(content, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;

  // A fresh app and database, and the passes that bring the cycle to its point: seconds, more on a loaded machine.
  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-30T12:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Reporters',
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe, USERS.dev],
      startDate: '2026-12-01',
      endDate: '2026-12-29',
    });
    circleId = circle.id;
    cycleId = (await t.db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).executeTakeFirstOrThrow()).id;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    for (const day of ['2026-12-01', '2026-12-15', '2026-12-29']) await tickAt(`${day}T14:01:00Z`);
    await tickAt('2026-12-29T20:00:00Z');
    const sessions = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('circle_id', '=', circleId)
      .orderBy('starts_at')
      .execute();
    sessionIds.push(...sessions.slice(0, 3).map((s) => s.id));
    const [s1, s2] = sessionIds as [number, number];
    await checkin(s1, USERS.ben, 'yes', 4);
    await checkin(s1, USERS.chloe, 'part', 5);
    await checkin(s1, USERS.dev, 'no', null);
    await checkin(s2, USERS.ben, 'yes', 3);
    for (const [userId, present] of [
      [USERS.ana, true],
      [USERS.chloe, false],
    ] as const) {
      await t.db
        .insertInto('attendance')
        .values({ team_id: TEAM.id, session_id: s2, user_id: userId, present, recorded_by: USERS.ana, recorded_at: at })
        .execute();
    }
    await evaluation(USERS.ben, {
      value: 4,
      recommend: true,
      choice: 'continue',
      useful: 'The honest feedback, "always"',
      improve: 'More structure',
    });
    await evaluation(USERS.chloe, {
      value: 2,
      recommend: false,
      choice: 'end',
      improve: '=HYPERLINK("https://evil.example","Open")',
    });
    await tickAt('2027-01-02T12:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('is for facilitators and organizers only', async () => {
    const { text, files } = await report(USERS.ben);
    expect(text).toContain('Only the facilitators of *Reporters* and organizers');
    expect(files).toEqual([]);
  });

  it('a named report: figures, comments with names, and CSV files whose rows are what was recorded', async () => {
    const { blocks, files } = await report(USERS.ana);
    const seen = textOf(blocks);
    expect(seen).toContain('Reporters · cycle 1 report');
    expect(seen).toContain('Cycle 1: 4 active, 0 paused, 0 left');
    expect(seen).toContain('*Attendance* 4/6 (67%)');
    expect(seen).toContain('*Check-ins* 4/8 (50%) of places at recorded sessions');
    // One denominator: the member lines add up to the headline, and what they count is said.
    expect(seen).toContain('3 sessions held, 2 recorded · *not recorded*');
    expect(seen).toContain('*Per member* (over the 2 recorded sessions');
    expect(seen).toContain(`<@${USERS.ana}>: 1/1 (100%) there, 0 check-ins`);
    expect(seen).toContain(`<@${USERS.ben}>: 2/2 (100%) there, 2 check-ins`);
    expect(seen).toContain(`<@${USERS.chloe}>: 1/2 (50%) there, 1 check-in`);
    expect(seen).toContain(`<@${USERS.dev}>: 0/1 (0%) there, 1 check-in`);
    expect(seen).not.toMatch(/\b1 check-ins/);
    expect(seen).toContain('Value: *3.0*/5 from 2 (1: 0 · 2: 1 · 3: 0 · 4: 1 · 5: 0)');
    expect(seen).toContain('Would recommend: 1 yes, 1 no');
    expect(seen).toContain('Next cycle: 1 continue, 0 rematch, 1 end');
    expect(seen).toContain(`<@${USERS.ben}>: _most useful:_ The honest feedback`);

    expect(files.map((f) => f.filename)).toEqual([
      'Reporters-cycle-1-sessions.csv',
      'Reporters-cycle-1-attendance.csv',
      'Reporters-cycle-1-evaluations.csv',
      'Reporters-cycle-1-chart.png',
    ]);
    const dm = t.emulator.dmChannelOf(USERS.ana);
    expect(files.every((f) => f.channel === dm)).toBe(true);

    const [s1, s2, s3] = sessionIds;
    expect(csv(files[0]!.content)).toEqual([
      {
        session_id: String(s1),
        starts_at: '2026-12-01T14:00:00.000Z',
        recorded_status: 'recorded',
        expected: '4',
        present: '2',
        recorded: '3',
        checkins: '3',
        usefulness_avg: '4.5',
      },
      {
        session_id: String(s2),
        starts_at: '2026-12-15T14:00:00.000Z',
        recorded_status: 'recorded',
        expected: '4',
        present: '2',
        recorded: '3',
        checkins: '1',
        usefulness_avg: '3',
      },
      {
        session_id: String(s3),
        starts_at: '2026-12-29T14:00:00.000Z',
        recorded_status: 'not recorded',
        expected: '4',
        present: '',
        recorded: '',
        checkins: '0',
        usefulness_avg: '',
      },
    ]);
    expect(csv(files[1]!.content)).toEqual([
      { member: USERS.ana, recorded_sessions_expected: '2', recorded_sessions_marked: '1', sessions_present: '1', checkins: '0' },
      { member: USERS.ben, recorded_sessions_expected: '2', recorded_sessions_marked: '2', sessions_present: '2', checkins: '2' },
      {
        member: USERS.chloe,
        recorded_sessions_expected: '2',
        recorded_sessions_marked: '2',
        sessions_present: '1',
        checkins: '1',
      },
      { member: USERS.dev, recorded_sessions_expected: '2', recorded_sessions_marked: '1', sessions_present: '0', checkins: '1' },
    ]);
    expect(csv(files[2]!.content)).toEqual([
      {
        member: USERS.ben,
        value: '4',
        kept_own: '3',
        kept_others: '4',
        recommend: 'yes',
        choice: 'continue',
        most_useful: 'The honest feedback, "always"',
        to_improve: 'More structure',
      },
      {
        member: USERS.chloe,
        value: '2',
        kept_own: '3',
        kept_others: '4',
        recommend: 'no',
        choice: 'end',
        most_useful: '',
        // A typed formula is escaped, so a spreadsheet shows it as text rather than running it.
        to_improve: `'=HYPERLINK("https://evil.example","Open")`,
      },
    ]);
    expect(files[2]!.content).toContain(`"'=HYPERLINK(""https://evil.example"",""Open"")"`);
  });

  it('the chart is a valid PNG of sensible size', async () => {
    const { files } = await report(USERS.owner);
    const png = files.find((f) => f.filename.endsWith('.png'))!.bytes;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(600);
    expect(width).toBeLessThanOrEqual(2400);
    expect(height).toBeGreaterThanOrEqual(300);
    expect(height).toBeLessThanOrEqual(2400);
    expect(png.length).toBeGreaterThan(5000);
  });

  it('the organizer’s App Home sums up each circle’s cycle', async () => {
    await t.slack.appHomeOpened(USERS.owner);
    const home = textOf(t.emulator.homeOf(USERS.owner));
    expect(home).toContain('Cycle reports');
    expect(home).toContain('*Reporters* · cycle 1: attendance 4/6 (67%), 0 lapsed, value 3.0/5 from 2');
    await t.slack.appHomeOpened(USERS.ben);
    expect(textOf(t.emulator.homeOf(USERS.ben))).not.toContain('Cycle reports');
  });

  it('an anonymous report shows the same figures and the comments without names', async () => {
    await t.db.updateTable('circles').set({ evaluations_anonymous: true }).where('id', '=', circleId).execute();
    const { blocks, files } = await report(USERS.owner);
    const seen = textOf(blocks);
    expect(seen).toContain('*Evaluations* 2 answered (anonymous)');
    expect(seen).toContain('Value: *3.0*/5 from 2');
    expect(seen).toContain('• _most useful:_ The honest feedback');
    expect(seen).not.toContain(`<@${USERS.ben}>: _most useful`);
    expect(files.map((f) => f.filename)).toEqual([
      'Reporters-cycle-1-sessions.csv',
      'Reporters-cycle-1-attendance.csv',
      'Reporters-cycle-1-evaluations.csv',
      'Reporters-cycle-1-comments.csv',
      'Reporters-cycle-1-chart.png',
    ]);
    // Ratings and choices carry no name and no comment; comments carry no choice; both shuffled.
    const rows = csv(files[2]!.content);
    expect(Object.keys(rows[0]!)).toEqual(['value', 'kept_own', 'kept_others', 'recommend', 'choice']);
    expect(rows.map((r) => r.choice).sort()).toEqual(['continue', 'end']);
    const comments = csv(files[3]!.content);
    expect(Object.keys(comments[0]!)).toEqual(['most_useful', 'to_improve']);
    expect(comments).toHaveLength(2);
    expect(comments).toContainEqual({ most_useful: 'The honest feedback, "always"', to_improve: 'More structure' });
    expect(files[3]!.content).not.toMatch(/continue|rematch|\bend\b/);
  });
});
