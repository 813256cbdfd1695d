import { CircleActions } from '../../src/circles/ids';
import { CHANNELS, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { homeViewId, lastDm, lastEphemeral, membershipsOf, seedCircle, textOf } from '../support/fixtures';

describe('circles: joining, waitlist, leaving', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  /** `/circle leave …`, then one of the question's buttons. */
  async function answerLeave(userId: string, text: string, actionId: string): Promise<void> {
    const ask = await t.slack.command(userId, text);
    await t.slack.clickButton(userId, { ephemeral: { blocks: ask.body.blocks, channelId: CHANNELS.general } }, actionId);
  }

  it('lists open circles with their focus, rhythm, places and a Join button', async () => {
    await seedCircle(t.db, t.emulator, { name: 'New Managers', sizeCap: 6, members: [USERS.ben, USERS.chloe] });
    await seedCircle(t.db, t.emulator, { name: 'Full House', sizeCap: 2, members: [USERS.dev, USERS.elena] });
    const res = await t.slack.command(USERS.ana, 'list');
    expect(res.body.response_type).toBe('ephemeral');
    const text = textOf(res.body.blocks);
    expect(text).toContain('*New Managers*');
    expect(text).toContain('Every 2 weeks on Tuesday at 09:00 (America/New_York)');
    expect(text).toContain('4 of 6 places left');
    expect(text).toContain('Full: 0 on the waitlist');
    expect(JSON.stringify(res.body.blocks)).toContain(CircleActions.join);
  });

  it('the list answers from memory, yet shows a join, a leave and a new waitlist at once', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben] });
    const placesIn = async () => textOf((await t.slack.command(USERS.ana, 'list')).body.blocks);
    expect(await placesIn()).toContain('1 of 2 places left');
    await t.slack.command(USERS.chloe, 'join Tiny');
    expect(await placesIn()).toContain('Full: 0 on the waitlist');
    await t.slack.command(USERS.dev, 'join Tiny');
    expect(await placesIn()).toContain('Full: 1 on the waitlist');
    await answerLeave(USERS.ben, 'leave Tiny', CircleActions.leaveConfirm);
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain("You've left *Tiny*");
    // Dev moved up from the waitlist into Ben's place.
    expect(await placesIn()).toContain('Full: 0 on the waitlist');
  });

  it('joins by name: place, channel invite, welcome DM with the norms, and a private confirmation', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers', facilitators: [USERS.ben] });
    await t.slack.command(USERS.ana, 'join new managers');
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("You're in *New Managers*! I've added you to <#");
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ana)).toBe(true);
    const welcome = textOf(lastDm(t.emulator, USERS.ana).blocks);
    expect(welcome).toContain('Welcome to *New Managers*');
    expect(welcome).toContain('Confidentiality');
    expect(welcome).toContain('Showing up');
    expect(welcome).toContain('Preparing');
    expect(welcome).toContain('Every 2 weeks on Tuesday at 09:00');
    const rows = await membershipsOf(t.db, circle.id);
    expect(rows.map((r) => [r.user_id, r.status, r.role])).toEqual([
      [USERS.ben, 'active', 'facilitator'],
      [USERS.ana, 'active', 'member'],
    ]);
  });

  it('joining twice changes nothing and says so', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers' });
    await t.slack.command(USERS.ana, 'join New Managers');
    const dms = t.emulator.dmsTo(USERS.ana).length;
    await t.slack.command(USERS.ana, 'join New Managers');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe("You're already in *New Managers*. Nothing was changed.");
    expect(t.emulator.dmsTo(USERS.ana)).toHaveLength(dms);
    expect(await membershipsOf(t.db, circle.id)).toHaveLength(1);
  });

  it('the Join button on the list joins, and a second click changes nothing', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'New Managers' });
    const list = await t.slack.command(USERS.ana, 'list');
    const where = { ephemeral: { blocks: list.body.blocks, channelId: CHANNELS.general } };
    await t.slack.clickButton(USERS.ana, where, CircleActions.join);
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("You're in *New Managers*!");
    await t.slack.clickButton(USERS.ana, where, CircleActions.join);
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("You're already in *New Managers*");
    expect(await membershipsOf(t.db, circle.id)).toHaveLength(1);
  });

  it('join without a name inside the circle channel joins that circle', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Channel Circle', isPrivate: false });
    t.emulator.workspace.addMember(circle.channel_id!, USERS.ana);
    await t.slack.command(USERS.ana, 'join', { channelId: circle.channel_id! });
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("You're in *Channel Circle*!");
    await t.slack.command(USERS.ben, 'join', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain('Which circle would you like to join?');
  });

  it('puts people on the waitlist when full and tells them their place in line', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await t.slack.command(USERS.ana, 'join Tiny');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe(
      "*Tiny* is full (2 of 2 places taken). You're *#1* on the waitlist; I'll message you as soon as a place opens up.",
    );
    await t.slack.command(USERS.dev, 'join Tiny');
    expect(lastEphemeral(t.emulator, USERS.dev)).toContain("You're *#2* on the waitlist");
    await t.slack.command(USERS.dev, 'join Tiny');
    expect(lastEphemeral(t.emulator, USERS.dev)).toBe(
      "You're already on the waitlist of *Tiny* (#2 in line). Nothing was changed.",
    );
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ana)).toBe(false);
  });

  it('leaving asks to confirm, then frees the place for the first in line, who is moved in and told', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await t.slack.command(USERS.ana, 'join Tiny');
    await t.slack.command(USERS.dev, 'join Tiny');
    const ask = await t.slack.command(USERS.ben, 'leave Tiny');
    expect(textOf(ask.body.blocks)).toContain('Leave *Tiny*?');
    expect((await membershipsOf(t.db, circle.id)).find((m) => m.user_id === USERS.ben)?.status).toBe('active');
    await t.slack.clickButton(
      USERS.ben,
      { ephemeral: { blocks: ask.body.blocks, channelId: CHANNELS.general } },
      CircleActions.leaveConfirm,
    );
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain("You've left *Tiny*");
    const rows = await membershipsOf(t.db, circle.id);
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.status]))).toEqual({
      [USERS.ben]: 'left',
      [USERS.chloe]: 'active',
      [USERS.ana]: 'active',
      [USERS.dev]: 'waitlisted',
    });
    expect(lastDm(t.emulator, USERS.ana).text).toContain("a place opened up in *Tiny* and you're in!");
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ana)).toBe(true);
    await t.slack.command(USERS.dev, 'join Tiny');
    expect(lastEphemeral(t.emulator, USERS.dev)).toContain('(#1 in line)');
  });

  it('cancelling a leave keeps the place', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', members: [USERS.ben] });
    await answerLeave(USERS.ben, 'leave', CircleActions.leaveCancel);
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain("Good, you're staying in *Tiny*");
    expect((await membershipsOf(t.db, circle.id))[0]?.status).toBe('active');
  });

  it('answers an unknown name with the close ones', async () => {
    await seedCircle(t.db, t.emulator, { name: 'New Managers' });
    await seedCircle(t.db, t.emulator, { name: 'Senior Leaders' });
    await t.slack.command(USERS.ana, 'join new managrs');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe(
      'I can\'t find a circle called "new managrs". Did you mean *New Managers*?',
    );
    await t.slack.command(USERS.ana, 'join zzzzzzzzzzzz');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe(
      'I can\'t find a circle called "zzzzzzzzzzzz". Type `/circle list` to see the circles.',
    );
    await t.slack.command(USERS.ana, `join ${'x'.repeat(61)}`);
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain('longer than any circle name (at most 60 characters)');
  });

  it('lets facilitators remove a member, who is told; refuses everyone else', async () => {
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Tiny',
      sizeCap: 2,
      facilitators: [USERS.ben],
      members: [USERS.chloe],
    });
    await t.slack.command(USERS.ana, 'join Tiny');
    await t.slack.command(USERS.dev, `remove <@${USERS.chloe}|chloe> Tiny`);
    expect(lastEphemeral(t.emulator, USERS.dev)).toBe(
      'Only the facilitators of *Tiny* and organizers can remove members. Nothing was changed.',
    );
    expect((await membershipsOf(t.db, circle.id)).find((m) => m.user_id === USERS.chloe)?.status).toBe('active');
    await t.slack.command(USERS.ben, `remove <@${USERS.chloe}|chloe> Tiny`);
    expect(lastEphemeral(t.emulator, USERS.ben)).toBe(`<@${USERS.chloe}> is no longer in *Tiny*, and I've let them know.`);
    expect(lastDm(t.emulator, USERS.chloe).text).toContain(`<@${USERS.ben}> removed you from *Tiny*`);
    expect(lastDm(t.emulator, USERS.ana).text).toContain("you're in!");
  });
});

describe('circles: pause and resume', () => {
  let t: TestApp;
  beforeEach(async () => {
    // 15:00 UTC on 2026-11-23: a Monday, 10:00 in New York.
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  const statusOf = async (circleId: number, userId: string) =>
    (await membershipsOf(t.db, circleId)).find((m) => m.user_id === userId);

  it('pauses with no end, keeping the place, until resumed', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ana, USERS.chloe] });
    await t.slack.command(USERS.ana, 'pause');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe(
      'Paused: you keep your place in *Tiny*; `/circle resume` brings you back whenever you are ready. No reminders or warm-up turns meanwhile.',
    );
    expect(await statusOf(circle.id, USERS.ana)).toMatchObject({ status: 'paused', paused_until: null });
    await t.slack.command(USERS.ben, 'join Tiny');
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain('#1* on the waitlist');
    await t.slack.command(USERS.ana, 'resume Tiny');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe('Welcome back to *Tiny*! Reminders start again with the next session.');
    expect(await statusOf(circle.id, USERS.ana)).toMatchObject({ status: 'active', paused_until: null });
    await t.slack.command(USERS.ana, 'resume Tiny');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe('You are not paused in *Tiny*: you are active there already.');
  });

  it('pauses until a date, and resumes by itself on that day in the circle’s zone', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', members: [USERS.ana] });
    await t.slack.command(USERS.ana, 'pause Tiny until 2026-12-10');
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("until 2026-12-10; you'll be back automatically that day");
    expect(await statusOf(circle.id, USERS.ana)).toMatchObject({ status: 'paused', paused_until: '2026-12-10' });
    // 2026-12-10 04:00 UTC is still 2026-12-09 in New York
    await t.tick('2026-12-10T04:00:00Z');
    expect((await statusOf(circle.id, USERS.ana))?.status).toBe('paused');
    const report = await t.tick('2026-12-10T05:01:00Z');
    expect(report.reports['resume-due-pauses']).toEqual({ resumed: 1 });
    expect(await statusOf(circle.id, USERS.ana)).toMatchObject({ status: 'active', paused_until: null });
    const dms = t.emulator.dmsTo(USERS.ana).map((m) => m.text);
    const back = dms.findIndex((text) => text.includes('Your pause in *Tiny* ended today: welcome back!'));
    expect(back).toBeGreaterThanOrEqual(0);
    // Back inside the week's lead of the next session (Tue 15 Dec), she gets the reminder missed while paused, after the welcome.
    expect(dms.slice(back + 1)).toEqual([
      expect.stringMatching(new RegExp(`^Reminder: Tiny meets <!date\\^${Date.parse('2026-12-15T14:00:00Z') / 1000}\\^`)),
    ]);
    expect((await t.tick('2026-12-10T05:02:00Z')).reports['resume-due-pauses']).toEqual({ resumed: 0 });
    expect(t.emulator.dmsTo(USERS.ana)).toHaveLength(dms.length);
  });

  it('pauses for N weeks', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', members: [USERS.ana] });
    await t.slack.command(USERS.ana, 'pause for 3 weeks');
    // Ana is in Los Angeles, where it is 2026-11-23.
    expect(await statusOf(circle.id, USERS.ana)).toMatchObject({ status: 'paused', paused_until: '2026-12-14' });
  });

  it.each([
    ['pause for 0 weeks', 'A pause needs at least 1 week.'],
    ['pause for two weeks', '"two" is not a number of weeks'],
    ['pause until 2026-02-30', '"2026-02-30" is not a date I can read: write it as YYYY-MM-DD'],
    ['pause until next friday', '"next friday" is not a date I can read'],
    ['pause until 2026-11-01', '2026-11-01 is not in the future (today is 2026-11-23)'],
    ['pause for 3 months', 'I can pause for a number of weeks'],
  ])('%s gets a specific message and changes nothing', async (text, expected) => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', members: [USERS.ana] });
    await t.slack.command(USERS.ana, text);
    const said = lastEphemeral(t.emulator, USERS.ana);
    expect(said).toContain(expected);
    expect(said).toContain('Nothing was changed.');
    expect(await statusOf(circle.id, USERS.ana)).toMatchObject({ status: 'active', paused_until: null });
  });

  it('asks which circle when a person in several does not say, and pauses the one picked', async () => {
    const a = await seedCircle(t.db, t.emulator, { name: 'Alpha', members: [USERS.ana] });
    const b = await seedCircle(t.db, t.emulator, { name: 'Beta', members: [USERS.ana] });
    const res = await t.slack.command(USERS.ana, 'pause until 2026-12-24');
    const text = textOf(res.body.blocks);
    expect(text).toContain('Which one do you want to pause until 2026-12-24?');
    expect(text).toContain('Alpha');
    expect(text).toContain('Beta');
    expect((await statusOf(a.id, USERS.ana))?.status).toBe('active');
    const betaValue = JSON.stringify({ circleId: b.id, until: '2026-12-24' });
    await t.slack.clickButton(
      USERS.ana,
      { ephemeral: { blocks: res.body.blocks, channelId: CHANNELS.general } },
      CircleActions.pausePick,
      {
        value: betaValue,
      },
    );
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain('you keep your place in *Beta* until 2026-12-24');
    expect((await statusOf(a.id, USERS.ana))?.status).toBe('active');
    expect(await statusOf(b.id, USERS.ana)).toMatchObject({ status: 'paused', paused_until: '2026-12-24' });
  });

  it('the waitlist cannot be paused', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await t.slack.command(USERS.ana, 'join Tiny');
    await t.slack.command(USERS.ana, 'pause Tiny');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe('You are on the waitlist of *Tiny*, so there is nothing to pause yet.');
  });
});

describe('App Home', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('shows a member their circles with status and buttons, and circles they can join', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Alpha', members: [USERS.ana] });
    await seedCircle(t.db, t.emulator, { name: 'Beta', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await seedCircle(t.db, t.emulator, { name: 'Gamma' });
    await t.slack.command(USERS.ana, 'join Beta');
    await t.slack.command(USERS.ana, 'pause Alpha until 2027-01-15');
    await t.slack.appHomeOpened(USERS.ana);
    const home = t.emulator.homeOf(USERS.ana)!;
    const text = textOf(home);
    expect(text).toContain('*Alpha*');
    expect(text).toContain('Paused until 2027-01-15');
    expect(text).toContain('*Beta*');
    expect(text).toContain('Waitlisted (#1 in line)');
    expect(text).toContain('Circles you can join');
    expect(text).toContain('*Gamma*');
    expect(text).not.toContain('Create a circle');
    const json = JSON.stringify(home);
    expect(json).toContain(CircleActions.resume);
    expect(json).toContain(CircleActions.leave);
  });

  it('home buttons pause and resume, replying by DM and refreshing the home', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Alpha', members: [USERS.ana] });
    await t.slack.appHomeOpened(USERS.ana);
    const viewId = homeViewId(t.emulator, USERS.ana);
    await t.slack.clickButton(USERS.ana, { viewId }, CircleActions.pause, { value: String(circle.id) });
    expect(lastDm(t.emulator, USERS.ana).text).toContain('Paused: you keep your place in *Alpha*');
    expect(textOf(t.emulator.homeOf(USERS.ana))).toContain('Paused');
    await t.slack.clickButton(USERS.ana, { viewId }, CircleActions.resume, { value: String(circle.id) });
    expect(lastDm(t.emulator, USERS.ana).text).toContain('Welcome back to *Alpha*');
    expect(textOf(t.emulator.homeOf(USERS.ana))).toContain('Active');
  });

  it('shows organizers a Create button and an overview of every circle', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Alpha', sizeCap: 2, members: [USERS.ana, USERS.ben] });
    await t.slack.command(USERS.chloe, 'join Alpha');
    await t.slack.command(USERS.ana, 'pause Alpha');
    await t.slack.appHomeOpened(USERS.owner);
    const text = textOf(t.emulator.homeOf(USERS.owner));
    expect(text).toContain('Create a circle');
    expect(text).toContain('*Alpha* (open) · 2/2 members · 1 paused · 1 waitlisted');
  });
});

describe('App Home calendar link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the private feed link and replaces it from the home tab', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Alpha', members: [USERS.ana] });
    await t.slack.appHomeOpened(USERS.ana);
    const first = /https:\/\/circles\.test\/calendar\/[A-Za-z0-9_-]+\.ics/.exec(textOf(t.emulator.homeOf(USERS.ana)))?.[0];
    expect(first).toBeDefined();
    await t.slack.clickButton(USERS.ana, { viewId: homeViewId(t.emulator, USERS.ana) }, 'calendar_revoke');
    expect(lastDm(t.emulator, USERS.ana).text).toContain('Your old calendar link no longer works.');
    expect((await fetch(first!.replace('https://circles.test', t.baseUrl))).status).toBe(404);
  });
});
