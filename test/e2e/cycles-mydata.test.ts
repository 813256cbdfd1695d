import { MyDataActions } from '../../src/mydata/ids';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { traces } from '../support/traces';
import { startTestApp, type TestApp } from '../support/app';
import { dmsWithButton, openFromLatestAsk, submitCheckin } from '../support/checkins';
import { evaluate, FULL } from '../support/cycles';
import { lastEphemeral, seedCircle, textOf } from '../support/fixtures';

/**
 * My data: `/circle me` shows what is kept about a member; `/circle forget-me`, once confirmed,
 * leaves no trace of them in any table (every text, JSON and array column the schema has), while
 * reports still add up. Cycle 2026-12-01 to 2026-12-29; sessions every other Tuesday 14:00 UTC.
 */
describe('cycles: my data', () => {
  let t: TestApp;
  const typed = [
    'Ship the onboarding doc',
    'Call my mentor on Friday',
    'Please run the next one earlier',
    'Pairing on real problems',
  ];

  const tickAt = async (at: string) => {
    t.clock.set(at);
    expect((await t.tick(at)).failed).toEqual([]);
  };
  const reportText = async () => {
    await t.slack.command(USERS.owner, 'report Keepers', { channelId: CHANNELS.general });
    return textOf(t.emulator.ephemeralsTo(USERS.owner).at(-1)?.blocks);
  };

  // A fresh app and database, and the passes that bring the cycle to its point: seconds, more on a loaded machine.
  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-30T12:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Keepers',
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe],
      startDate: '2026-12-01',
      endDate: '2026-12-29',
    });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    await tickAt('2026-12-01T14:01:00Z');
    await tickAt('2026-12-01T15:46:00Z');
    for (const [u, commitments, usefulness] of [
      [USERS.ben, [typed[0]!, typed[1]!], 4],
      [USERS.chloe, ['Read chapter 2'], 5],
    ] as const) {
      const view = await openFromLatestAsk(t, u);
      await submitCheckin(t, u, view, {
        attended: 'yes',
        commitments: [...commitments],
        usefulness,
        note: u === USERS.ben ? 'Ben private note' : '',
      });
    }
    await tickAt('2026-12-30T14:01:00Z');
    await evaluate(t, USERS.ben, { ...FULL, value: 5, toImprove: typed[2]!, mostUseful: typed[3]!, choice: 'end' });
    await evaluate(t, USERS.chloe, { ...FULL, value: 3 });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('/circle me shows memberships, check-ins, commitments and evaluations', async () => {
    await t.slack.command(USERS.ben, 'me', { channelId: CHANNELS.general });
    const seen = textOf(t.emulator.ephemeralsTo(USERS.ben).at(-1)?.blocks);
    expect(seen).toContain('Keepers: member, active');
    expect(seen).toContain('attended yes, usefulness 4/5, note: Ben private note');
    expect(seen).toContain(typed[0]);
    expect(seen).toContain(`to improve: ${typed[2]}`);
    expect(seen).not.toContain('Read chapter 2');
  });

  it('forget-me is refused, changing nothing, while the member still has a place', async () => {
    await t.slack.command(USERS.ben, 'forget-me', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain('You still have a place in *Keepers*');
    expect(await traces(t, [USERS.ben])).not.toEqual([]);
  });

  it('after forget-me, no table holds the member’s id or words, and the report still adds up', async () => {
    await tickAt('2026-12-31T15:00:00Z');
    await t.slack.command(USERS.owner, 'cycle next Keepers', { channelId: CHANNELS.general });
    const before = await reportText();
    expect(before).toContain(`<@${USERS.ben}>`);
    // Ben's DM id resolves to him in Slack: the ledger holds it for every DM he was sent.
    const dm = t.emulator.workspace.dmChannelOf(USERS.ben);
    expect(await traces(t, [dm])).toContain(`deliveries.sent_channel: ${dm}`);

    await t.slack.command(USERS.ben, 'forget-me', { channelId: CHANNELS.general });
    const ask = t.emulator.ephemeralsTo(USERS.ben).at(-1)!;
    expect(JSON.stringify(ask.blocks)).toContain(MyDataActions.forgetConfirm);
    await t.slack.clickButton(USERS.ben, { ephemeral: ask }, MyDataActions.forgetConfirm);
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain('your answers and personal details are erased');

    expect(await traces(t, [USERS.ben, dm, 'Ben private note', ...typed])).toEqual([]);
    // Each message the ledger keeps for him has an alias of its own: none ties to another, or to his rows elsewhere.
    const kept = (await t.db.selectFrom('deliveries').select('user_id').where('user_id', 'like', 'forgotten-%').execute()).map(
      (r) => r.user_id,
    );
    const membership = await t.db.selectFrom('memberships').select('user_id').where('user_id', 'like', 'forgotten-%').execute();
    expect(kept.length).toBeGreaterThan(3);
    expect(new Set(kept).size).toBe(kept.length);
    expect(kept).not.toContain(membership[0]?.user_id);

    const after = await reportText();
    // The same figures; the member's lines no longer name them.
    const figures = (text: string) =>
      text.split('\n').filter((l) => /^(\*Attendance|\*Check-ins|Value|Would|Next cycle|Cycle \d)/.test(l));
    expect(figures(after)).toEqual(figures(before));
    expect(after).not.toContain(`<@${USERS.ben}>`);
    expect(after).toContain('A former member: 1/');
    expect(dmsWithButton(t, USERS.chloe, MyDataActions.forgetConfirm)).toEqual([]);
  });

  it('/circle me shows everything, prompts and notes included: a long answer comes whole as a file', async () => {
    const session = await t.db.selectFrom('sessions').select(['id', 'circle_id']).orderBy('starts_at').executeTakeFirstOrThrow();
    await t.db
      .insertInto('prompts')
      .values({
        team_id: TEAM.id,
        circle_id: session.circle_id,
        text: 'Chloe prompt: a book that changed you?',
        created_by: USERS.chloe,
      })
      .execute();
    await t.db
      .insertInto('session_notes')
      .values({
        team_id: TEAM.id,
        session_id: session.id,
        text: 'Chloe notes: we tried silent brainstorming',
        author_id: USERS.chloe,
        channel_id: null,
        ts: null,
        shared_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    await t.slack.command(USERS.chloe, 'me', { channelId: CHANNELS.general });
    const short = t.emulator.ephemeralsTo(USERS.chloe).at(-1)!;
    expect(textOf(short.blocks)).toContain('Chloe prompt: a book that changed you?');
    expect(textOf(short.blocks)).toContain('Chloe notes: we tried silent brainstorming');

    // 200 agenda items of 900 characters: three to a block, past one message's 50 blocks.
    const items = Array.from({ length: 200 }, (_, i) => `Chloe item ${i + 1}: ${'x'.repeat(880)}`);
    await t.db
      .insertInto('agenda_items')
      .values(items.map((text) => ({ team_id: TEAM.id, session_id: session.id, author_user_id: USERS.chloe, text })))
      .execute();
    await t.slack.command(USERS.chloe, 'me', { channelId: CHANNELS.general });
    const long = t.emulator.ephemeralsTo(USERS.chloe).at(-1)!;
    expect(long.blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(long.blocks)).toContain('all of it is in the file *my-data.txt* I sent you by DM');
    const [file] = t.emulator.files().filter((f) => f.filename === 'my-data.txt');
    expect(file?.channel).toBe(t.emulator.workspace.dmChannelOf(USERS.chloe));
    for (const text of [
      items[0]!,
      items[199]!,
      'Chloe prompt: a book that changed you?',
      'Chloe notes: we tried silent brainstorming',
    ]) {
      expect(file!.content).toContain(text);
    }
  });
});
