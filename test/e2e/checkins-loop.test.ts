import { CheckinActions, CheckinFields as F, CheckinViews } from '../../src/checkins/ids';
import { checkinsOf } from '../../src/checkins/history';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { SessionActions } from '../../src/sessions/ids';
import { startTestApp, type TestApp } from '../support/app';
import { checkinAsks, dmsWithButton, homeText, lastOpenView, openFromLatestAsk, submitCheckin } from '../support/checkins';
import { homeViewId, lastDm, lastEphemeral, seedCircle, textOf } from '../support/fixtures';

/**
 * The accountability loop end to end: a session ends, members are asked to check in and say what
 * they will do; the next reminder repeats each member's own commitments; the next check-in asks how
 * they went. Facilitators take attendance and share notes; what members write stays theirs.
 * Sessions: every other Tuesday 09:00 New York (14:00-15:30 UTC) from 2026-12-01.
 */
describe('check-ins: the accountability loop', () => {
  let t: TestApp;
  let circleId = 0;
  let channel = '';
  const people = [USERS.ana, USERS.ben, USERS.chloe, USERS.dev, USERS.elena];

  const tickAt = async (at: string) => {
    t.clock.set(at);
    const result = await t.tick(at);
    expect(result.failed).toEqual([]);
  };
  const sessionAt = async (startsAt: string) =>
    t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circleId)
      .where('starts_at', '=', new Date(startsAt))
      .executeTakeFirstOrThrow();
  const agendaPost = (startsAt: string) => {
    const seconds = Math.floor(Date.parse(startsAt) / 1000);
    const post = t.emulator
      .messages(channel)
      .find((m) => m.text.startsWith('Agenda for Loop') && m.text.includes(`<!date^${seconds}^`));
    if (!post) throw new Error(`no agenda post for ${startsAt}`);
    return post;
  };
  const commitmentsOf = (userId: string) =>
    t.db.selectFrom('commitments').selectAll().where('user_id', '=', userId).orderBy('id').execute();

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, { name: 'Loop', facilitators: [USERS.ana], members: people.slice(1) });
    circleId = circle.id;
    channel = circle.channel_id!;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('the agenda post carries the facilitators’ buttons', async () => {
    await tickAt('2026-11-30T14:01:00Z');
    const post = agendaPost('2026-12-01T14:00:00Z');
    const ids = JSON.stringify(post.blocks);
    expect(ids).toContain(CheckinActions.takeAttendance);
    expect(ids).toContain(CheckinActions.shareNotes);
  });

  it('asks everyone who was active to check in once the session has ended, after the circle’s delay', async () => {
    await tickAt('2026-12-01T14:01:00Z');
    await tickAt('2026-12-01T15:31:00Z');
    expect(people.flatMap((u) => checkinAsks(t, u))).toEqual([]);
    await tickAt('2026-12-01T15:46:00Z');
    for (const u of people) expect(checkinAsks(t, u)).toHaveLength(1);
    await tickAt('2026-12-01T15:50:00Z');
    for (const u of people) expect(checkinAsks(t, u)).toHaveLength(1);
  });

  it('members check in with commitments, by the button or by /circle checkin', async () => {
    const benView = await openFromLatestAsk(t, USERS.ben);
    expect(benView.view.callback_id).toBe(CheckinViews.checkin);
    const ok = await submitCheckin(t, USERS.ben, benView, {
      attended: 'yes',
      commitments: ['Ask my team for feedback', 'Read chapter 3'],
      usefulness: 4,
    });
    expect(ok.body).toBe('');
    expect(lastDm(t.emulator, USERS.ben).text).toContain('Thanks for checking in');
    // The App Home is redrawn by the check-in itself, not only when opened.
    expect(homeText(t, USERS.ben)).toContain('Ask my team for feedback');

    await t.slack.command(USERS.chloe, 'checkin', { channelId: CHANNELS.general });
    const chloeView = lastOpenView(t, USERS.chloe);
    await submitCheckin(t, USERS.chloe, chloeView, {
      attended: 'part',
      commitments: ['Have the hard conversation with Sam'],
      usefulness: 5,
      note: 'I may have to leave early next time.',
    });
    // The note goes to the facilitator, once.
    expect(t.emulator.dmsTo(USERS.ana).filter((m) => m.text.includes('I may have to leave early next time.'))).toHaveLength(1);

    const devView = await openFromLatestAsk(t, USERS.dev);
    await submitCheckin(t, USERS.dev, devView, { attended: 'no' });
    expect(await t.db.selectFrom('checkins').select(['user_id', 'attended', 'usefulness']).orderBy('user_id').execute()).toEqual([
      { user_id: USERS.ben, attended: 'yes', usefulness: 4 },
      { user_id: USERS.chloe, attended: 'part', usefulness: 5 },
      { user_id: USERS.dev, attended: 'no', usefulness: null },
    ]);
  });

  it('bad input gets a specific message on its field and changes nothing', async () => {
    const view = await openFromLatestAsk(t, USERS.elena);
    const refused = await submitCheckin(t, USERS.elena, view, { attended: 'yes', commitments: ['Write it down'] });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { [F.usefulness]: expect.stringContaining('1 to 5') },
    });
    expect(await t.db.selectFrom('checkins').select('id').where('user_id', '=', USERS.elena).execute()).toEqual([]);
    await t.slack.closeView(USERS.elena, view.id);
  });

  it('submitting again edits the same check-in', async () => {
    await t.slack.command(USERS.ben, 'checkin Loop', { channelId: CHANNELS.general });
    const view = lastOpenView(t, USERS.ben);
    expect(textOf(view.view)).toContain('You have checked in already');
    // The form shows what was said; only the second commitment changes.
    await t.slack.submitView(USERS.ben, view.id, { [`${F.commitmentPrefix}2`]: 'Read chapter 4' });
    expect(lastDm(t.emulator, USERS.ben).text).toContain('Your check-in is updated');
    expect(await t.db.selectFrom('checkins').select('usefulness').where('user_id', '=', USERS.ben).execute()).toEqual([
      { usefulness: 4 },
    ]);
    expect((await commitmentsOf(USERS.ben)).map((c) => c.text)).toEqual(['Ask my team for feedback', 'Read chapter 4']);
  });

  it('a facilitator asking for a member’s check-ins gets counts only; members see only their own', async () => {
    await t.slack.command(USERS.ana, `checkin Loop <@${USERS.ben}>`, { channelId: CHANNELS.general });
    const seen = lastEphemeral(t.emulator, USERS.ana);
    expect(seen).toContain('checked in 1 time');
    for (const secret of ['Ask my team', 'chapter', 'usefulness', '4/5']) expect(seen).not.toContain(secret);

    await t.slack.command(USERS.chloe, `checkin Loop <@${USERS.ben}>`, { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.chloe)).toContain('Check-ins are private');

    await t.slack.command(USERS.ben, `checkin Loop <@${USERS.ben}>`, { channelId: CHANNELS.general });
    expect(textOf(t.emulator.ephemeralsTo(USERS.ben).at(-1)?.blocks)).toContain('Ask my team for feedback');

    // The service itself enforces it, whatever surface asks.
    const circle = await t.db.selectFrom('circles').selectAll().where('id', '=', circleId).executeTakeFirstOrThrow();
    const forFacilitator = await checkinsOf(t.db, circle, { userId: USERS.ana, canManage: true }, USERS.chloe, t.clock.now());
    expect(forFacilitator.kind).toBe('counts');
    expect(JSON.stringify(forFacilitator)).not.toMatch(/Sam|leave early|usefulness/);
    await expect(checkinsOf(t.db, circle, { userId: USERS.ben, canManage: false }, USERS.chloe, t.clock.now())).rejects.toThrow(
      'Check-ins are private',
    );
  });

  it('a facilitator’s attendance wins over a check-in, and the schedule shows the count', async () => {
    const post = agendaPost('2026-12-01T14:00:00Z');
    await t.slack.clickButton(USERS.chloe, { channelId: channel, ts: post.ts }, CheckinActions.takeAttendance);
    expect(lastEphemeral(t.emulator, USERS.chloe)).toContain('Only the facilitators');

    await t.slack.clickButton(USERS.ana, { channelId: channel, ts: post.ts }, CheckinActions.takeAttendance);
    const view = lastOpenView(t, USERS.ana);
    expect(view.view.callback_id).toBe(CheckinViews.attendance);
    // Prefilled from check-ins: Ben (yes) and Chloe (part) ticked; Dev (no) and the silent not.
    const group = `${F.presentPrefix}0`;
    const initial = (view.view.blocks as Array<{ block_id?: string; element?: { initial_options?: Array<{ value: string }> } }>)
      .find((b) => b.block_id === group)
      ?.element?.initial_options?.map((o) => o.value);
    expect(new Set(initial)).toEqual(new Set([USERS.ben, USERS.chloe]));

    // Ana was there and so was Dev, whatever he said; Chloe was not, whatever she said.
    await t.slack.submitView(USERS.ana, view.id, { [group]: [USERS.ana, USERS.ben, USERS.dev] });
    // Confirmed where she pressed the button: in the channel, to her alone.
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain('3 of 5 there');
    const s1 = await sessionAt('2026-12-01T14:00:00Z');

    await t.slack.command(USERS.ben, 'schedule Loop', { channelId: CHANNELS.general });
    const schedule = textOf(t.emulator.ephemeralsTo(USERS.ben).at(-1)?.blocks);
    expect(schedule).toContain('Past sessions');
    expect(schedule).toContain('3 attended, of 5 recorded');
    expect(
      await t.db
        .selectFrom('attendance')
        .select(['user_id', 'present'])
        .where('session_id', '=', s1.id)
        .orderBy('user_id')
        .execute(),
    ).toEqual(
      [
        { user_id: USERS.ana, present: true },
        { user_id: USERS.ben, present: true },
        { user_id: USERS.chloe, present: false },
        { user_id: USERS.dev, present: true },
        { user_id: USERS.elena, present: false },
      ].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)),
    );
  });

  it('notes go in the agenda post’s thread, and the members recorded absent get a link', async () => {
    const post = agendaPost('2026-12-01T14:00:00Z');
    await t.slack.clickButton(USERS.ana, { channelId: channel, ts: post.ts }, CheckinActions.shareNotes);
    const view = lastOpenView(t, USERS.ana);
    await t.slack.submitView(USERS.ana, view.id, { [F.notesText]: 'We talked about delegation. Next time: feedback.' });
    const replies = t.emulator.messages(channel).filter((m) => m.thread_ts === post.ts);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!.blocks)).toContain('We talked about delegation.');
    for (const absent of [USERS.chloe, USERS.elena]) {
      const told = t.emulator.dmsTo(absent).filter((m) => m.text.includes('You missed *Loop*'));
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain(`/archives/${channel}/p${replies[0]!.ts.replace('.', '')}`);
    }
    for (const there of [USERS.ana, USERS.ben, USERS.dev]) {
      expect(t.emulator.dmsTo(there).filter((m) => m.text.includes('You missed'))).toEqual([]);
    }

    // Sharing again edits the notes in place; nobody is told twice.
    await t.slack.clickButton(USERS.ana, { channelId: channel, ts: post.ts }, CheckinActions.shareNotes);
    await t.slack.submitView(USERS.ana, lastOpenView(t, USERS.ana).id, {
      [F.notesText]: 'We talked about delegation and trust.',
    });
    const after = t.emulator.messages(channel).filter((m) => m.thread_ts === post.ts);
    expect(after).toHaveLength(1);
    expect(textOf(after[0]!.blocks)).toContain('delegation and trust');
    expect(t.emulator.dmsTo(USERS.chloe).filter((m) => m.text.includes('You missed *Loop*'))).toHaveLength(1);
  });

  it('the next reminder repeats each member’s own commitments, and no one else’s', async () => {
    await tickAt('2026-12-08T14:01:00Z');
    const reminder = (u: string) => {
      const r = t.emulator
        .dmsTo(u)
        .filter((m) => m.text.startsWith('Reminder: Loop'))
        .at(-1);
      if (!r) throw new Error(`${u} got no reminder`);
      return textOf(r.blocks);
    };
    expect(reminder(USERS.ben)).toContain('Before we meet, you said you would');
    expect(reminder(USERS.ben)).toContain('Ask my team for feedback');
    expect(reminder(USERS.ben)).toContain('Read chapter 4');
    expect(reminder(USERS.ben)).not.toContain('Sam');
    expect(reminder(USERS.chloe)).toContain('Have the hard conversation with Sam');
    expect(reminder(USERS.chloe)).not.toContain('Ask my team');
    expect(reminder(USERS.dev)).not.toContain('Before we meet');
  });

  it('the App Home lists my open commitments, each with a button to mark it done', async () => {
    await t.slack.appHomeOpened(USERS.ben);
    expect(homeText(t, USERS.ben)).toContain('Read chapter 4');
    const [, second] = await commitmentsOf(USERS.ben);
    await t.slack.clickButton(USERS.ben, { viewId: homeViewId(t.emulator, USERS.ben) }, CheckinActions.commitmentDone, {
      blockId: `home_commitment_${second!.id}`,
    });
    expect(homeText(t, USERS.ben)).not.toContain('Read chapter 4');
    expect(homeText(t, USERS.ben)).toContain('Ask my team for feedback');
    // Someone else's commitment cannot be touched, and nothing says it exists.
    const [chloes] = await commitmentsOf(USERS.chloe);
    await t.slack.clickButton(
      USERS.ben,
      {
        ephemeral: {
          blocks: [
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: CheckinActions.commitmentDone,
                  value: String(chloes!.id),
                  text: { type: 'plain_text', text: 'Done' },
                },
              ],
            },
          ],
        },
      },
      CheckinActions.commitmentDone,
    );
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain('no longer there');
    expect((await commitmentsOf(USERS.chloe))[0]!.outcome).toBeNull();
  });

  it('the next check-in asks how last time’s commitments went, and the old one is closed politely', async () => {
    await tickAt('2026-12-15T14:01:00Z');
    await tickAt('2026-12-15T15:46:00Z');
    const oldAsk = checkinAsks(t, USERS.ben)[0]!;
    await t.slack.clickButton(USERS.ben, { channelId: oldAsk.channel, ts: oldAsk.ts }, CheckinActions.open);
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain('has met again since then');

    const view = await openFromLatestAsk(t, USERS.ben);
    const shown = textOf(view.view);
    expect(shown).toContain('Last time you said you would');
    expect(shown).toContain('Ask my team for feedback');
    expect(shown).toContain('Read chapter 4');
    expect(shown).not.toContain('Sam');
    const [first, second] = await commitmentsOf(USERS.ben);
    await submitCheckin(t, USERS.ben, view, {
      attended: 'yes',
      usefulness: 3,
      commitments: ['Try the 1:1 template'],
      progress: { [first!.id]: 'partly' },
    });
    const after = await commitmentsOf(USERS.ben);
    expect(after.map((c) => [c.text, c.outcome])).toEqual([
      ['Ask my team for feedback', 'partly'],
      ['Read chapter 4', 'done'],
      ['Try the 1:1 template', null],
    ]);
    expect(second!.id).toBe(after[1]!.id);
    expect(dmsWithButton(t, USERS.ben, CheckinActions.open).length).toBeGreaterThanOrEqual(2);
  });

  it('a skip re-publishes the App Home of the circle’s members, not only when they open it', async () => {
    const publishes = (u: string) =>
      t.emulator.callsTo('views.publish').filter((c) => (c.args as { user_id?: string }).user_id === u).length;
    const before = publishes(USERS.chloe);
    const ask = await t.slack.command(USERS.ana, 'skip Loop', { channelId: CHANNELS.general });
    const question = t.emulator.ephemeralsTo(USERS.ana).at(-1)!;
    expect(ask.status).toBe(200);
    await t.slack.clickButton(USERS.ana, { ephemeral: question }, SessionActions.skipConfirm);
    expect(publishes(USERS.chloe)).toBe(before + 1);
    const next = await sessionAt('2027-01-12T14:00:00Z');
    expect(homeText(t, USERS.chloe)).toContain(`Next meeting: <!date^${Math.floor(next.starts_at.getTime() / 1000)}^`);
  });
});
