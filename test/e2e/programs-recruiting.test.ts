import { candidateKey } from '../../src/availability';
import { MyDataActions } from '../../src/mydata/ids';
import { IntakeFields as I, ProgramActions, ProgramFields as F } from '../../src/programs/ids';
import { CHANNELS, type StoredView, TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { textOf } from '../support/fixtures';
import { FORGERIES } from '../support/hostile';
import { dmsWith, lastEphemeralText, lastOpenView, tickAt } from '../support/pairs';
import { NEW_YORK_TIMES } from '../support/programs';

const { owner, ana, ben, chloe, dev } = USERS;
const PARIS = 'U0PCPARIS1';

/**
 * Programs up to forming, as Slack would drive them: an organizer in New York creates a program
 * with two candidate times, posts it with a Join button, people in five zones join and answer the
 * intake (each reading the times in their own zone), one who never finishes is reminded once, and
 * `/circle me` and forget-me cover the answers.
 */
describe('programs: create, post, join, intake, reminder, my data', () => {
  let t: TestApp;
  const programs = () => t.db.selectFrom('programs').selectAll().execute();
  const intakes = () => t.db.selectFrom('program_intakes').selectAll().orderBy('user_id').execute();

  beforeAll(async () => {
    t = await startTestApp({ start: '2027-01-04T15:00:00Z', organizers: [owner] });
    t.emulator.workspace.addUser({
      id: PARIS,
      real_name: 'Pauline Durand',
      tz: 'Europe/Paris',
      channels: [CHANNELS.general, CHANNELS.random],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function openNew(userId: string): Promise<StoredView> {
    await t.slack.command(userId, 'program new', { channelId: CHANNELS.random });
    return lastOpenView(t, userId);
  }

  it('refuses /circle program new to someone who is not an organizer, opening nothing', async () => {
    await t.slack.command(ben, 'program new', { channelId: CHANNELS.random });
    expect(lastEphemeralText(t, ben)).toContain('Only organizers');
    expect(t.emulator.openViewsOf(ben)).toEqual([]);
  });

  it('bad settings come back on their fields and create nothing', async () => {
    const view = await openNew(owner);
    const refused = await t.slack.submitView(owner, view.id, {
      [F.name]: 'Fellows 2027',
      [F.times]: 'Tue 09:00\nFunday 25:00',
      [F.deadline]: '2026-12-01',
      [F.timeZone]: 'Mars/Olympus',
      [F.questions]: 'Only one choice? | Yes',
    });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: {
        [F.timeZone]: expect.stringContaining('time zone by its name'),
        [F.deadline]: expect.stringContaining('Pick'),
        [F.questions]: expect.stringContaining('at least two choices'),
      },
    });
    const times = await t.slack.submitView(owner, view.id, {
      [F.name]: 'Fellows 2027',
      [F.times]: 'Tue 09:00\nFunday 25:00',
      [F.deadline]: '2027-01-20',
    });
    expect(times.body).toMatchObject({ errors: { [F.times]: expect.stringContaining('Line 2: Start with a weekday') } });
    expect(await programs()).toEqual([]);
    await t.slack.closeView(owner, view.id);
  });

  it('an organizer creates a program with candidate times in New York; it shows on their App Home', async () => {
    const view = await openNew(owner);
    // The organizer's own zone is offered for the times.
    expect(JSON.stringify(view.view.blocks)).toContain('"initial_value":"America/New_York"');
    const created = await t.slack.submitView(owner, view.id, {
      [F.name]: 'Fellows 2027',
      [F.purpose]: 'Alumni of the fellowship learning from each other',
      [F.times]: 'Tue 09:00\nthursday 4pm',
      [F.deadline]: '2027-01-20',
      [F.questions]: 'Preferred format? | Discussion | Case clinic',
    });
    expect(created.body).toBe('');
    const [row] = await programs();
    expect(row).toMatchObject({
      name: 'Fellows 2027',
      status: 'recruiting',
      min_size: 6,
      max_size: 8,
      time_zone: 'America/New_York',
    });
    expect(row!.candidates).toEqual(NEW_YORK_TIMES);
    // The end of 20 January in New York.
    expect(row!.intake_deadline.toISOString()).toBe('2027-01-21T05:00:00.000Z');
    expect(t.emulator.dmsTo(owner).at(-1)!.text).toContain('*Fellows 2027* is created');
    await t.slack.appHomeOpened(owner);
    const home = textOf(t.emulator.homeOf(owner));
    expect(home).toContain('Programs you run');
    expect(home).toContain('*Fellows 2027*: recruiting; 0 of 0 joined have answered');
  });

  it('posts the program in a channel with a Join button; a channel the app is not in is explained', async () => {
    await t.slack.command(owner, 'program post Fellows 2027', { channelId: CHANNELS.random });
    expect(lastEphemeralText(t, owner)).toContain('is posted in <#C0PCRANDOM>');
    const post = t.emulator.messages(CHANNELS.random).at(-1)!;
    expect(JSON.stringify(post.blocks)).toContain(ProgramActions.join);
    expect(textOf(post.blocks)).toContain('Tue 09:00 or Thu 16:00 New York, 60 minutes');
    await t.slack.command(owner, 'program post', { channelId: CHANNELS.general });
    expect(lastEphemeralText(t, owner)).toContain('I could not post in this channel');
    await t.slack.command(ben, 'program post Fellows 2027', { channelId: CHANNELS.random });
    expect(lastEphemeralText(t, ben)).toContain('Only organizers');
    expect(
      t.emulator.messages(CHANNELS.random).filter((m) => JSON.stringify(m.blocks).includes(ProgramActions.join)),
    ).toHaveLength(1);
  });

  async function join(userId: string): Promise<StoredView> {
    const post = t.emulator.messages(CHANNELS.random).find((m) => JSON.stringify(m.blocks).includes(ProgramActions.join))!;
    await t.slack.clickButton(userId, { channelId: CHANNELS.random, ts: post.ts }, ProgramActions.join);
    return lastOpenView(t, userId);
  }

  const labels = (view: StoredView) =>
    (view.view.blocks as Array<{ block_id?: string; label?: { text: string } }>)
      .filter((b) => b.block_id?.startsWith(I.timePrefix))
      .map((b) => b.label!.text);

  it('each person reads the candidate times in their own zone, with the weeks daylight saving moves them', async () => {
    const paris = await join(PARIS);
    expect(labels(paris)).toEqual([
      'Tue 09:00 New York: Tue 15:00 for you; 14:00 from 14 Mar to 27 Mar',
      'Thu 16:00 New York: Thu 22:00 for you; 21:00 from 14 Mar to 27 Mar',
    ]);
    expect(JSON.stringify(paris.view.blocks)).toContain('"initial_value":"Europe/Paris"');
    const london = await join(chloe);
    expect(labels(london)).toEqual([
      'Tue 09:00 New York: Tue 14:00 for you; 13:00 from 14 Mar to 27 Mar',
      'Thu 16:00 New York: Thu 21:00 for you; 20:00 from 14 Mar to 27 Mar',
    ]);
    const kolkata = await join(dev);
    expect(labels(kolkata)[0]).toBe('Tue 09:00 New York: Tue 18:30 for you; 19:30 from 21 Jan to 13 Mar');
    const newYork = await join(ben);
    expect(labels(newYork)).toEqual(['Tue 09:00 New York', 'Thu 16:00 New York']);
    const la = await join(ana);
    expect(labels(la)[0]).toBe('Tue 09:00 New York: Tue 06:00 for you');
    // Joining is kept even before the form is sent.
    expect((await intakes()).map((i) => [i.user_id, i.submitted_at])).toEqual(
      [ana, ben, chloe, dev, PARIS].sort().map((u) => [u, null]),
    );
    for (const u of [PARIS, chloe, dev, ben, ana]) await t.slack.closeView(u, lastOpenView(t, u).id);
  });

  const [tue, thu] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
  const answers = (o: Record<string, unknown> = {}) => ({
    [I.stage]: '2',
    [I.sector]: 'government',
    [I.organization]: 'City of Boston',
    [I.role]: 'Policy adviser',
    [I.topics]: 'housing, transit',
    [`${I.timePrefix}0`]: 'yes',
    [`${I.timePrefix}1`]: 'ifneedbe',
    [`${I.questionPrefix}q1`]: '0',
    ...o,
  });

  it('bad intake answers come back on their fields and save nothing', async () => {
    const view = await join(chloe);
    const refused = await t.slack.submitView(
      chloe,
      view.id,
      answers({
        [I.timeZone]: 'Europe/Atlantis',
        [`${I.timePrefix}0`]: 'no',
        [`${I.timePrefix}1`]: 'no',
        [I.wishes]: [PARIS],
        [I.avoid]: [PARIS],
      }),
    );
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: {
        [I.timeZone]: expect.stringContaining('time zone'),
        [I.avoid]: expect.stringContaining('both lists'),
      },
    });
    const none = await t.slack.submitView(chloe, view.id, answers({ [`${I.timePrefix}0`]: 'no', [`${I.timePrefix}1`]: 'no' }));
    expect(none.body).toMatchObject({ errors: { [`${I.timePrefix}0`]: expect.stringContaining('none of these times') } });
    expect((await intakes()).filter((i) => i.submitted_at !== null)).toEqual([]);
    await t.slack.closeView(chloe, view.id);
  });

  it('people in four zones answer the intake; wishes are picked among those who joined; answers stay editable', async () => {
    const chloeView = await join(chloe);
    const options = JSON.stringify(chloeView.view.blocks);
    expect(options).toContain('Pauline');
    expect(options).not.toContain(owner);
    await t.slack.submitView(
      chloe,
      chloeView.id,
      answers({
        [I.organization]: 'The Acme Co.',
        [I.sector]: 'business',
        [I.wishes]: [PARIS],
        [I.avoid]: [ben],
        [I.volunteer]: ['yes'],
      }),
    );
    expect(t.emulator.dmsTo(chloe).at(-1)!.text).toContain('your answers for *Fellows 2027* are in');
    for (const [u, org] of [
      [PARIS, 'acme'],
      [ben, 'City of Boston'],
      [ana, 'Stanford University'],
    ] as const) {
      const view = await join(u);
      await t.slack.submitView(u, view.id, answers({ [I.organization]: org }));
    }
    // Ana changes her mind about Thursday.
    const again = await join(ana);
    expect(JSON.stringify(again.view.blocks)).toContain('Stanford University');
    await t.slack.submitView(ana, again.id, { [`${I.timePrefix}1`]: 'no' });
    expect(t.emulator.dmsTo(ana).at(-1)!.text).toContain('are saved');
    const rows = await intakes();
    expect(rows.find((r) => r.user_id === ana)!.times).toEqual({ [tue]: 'yes', [thu]: 'no' });
    const c = rows.find((r) => r.user_id === chloe)!;
    expect(c).toMatchObject({
      organization: 'The Acme Co.',
      organization_key: 'acme',
      wishes: [PARIS],
      avoid: [ben],
      volunteer: true,
    });
    expect(rows.find((r) => r.user_id === PARIS)!.time_zone).toBe('Europe/Paris');
    expect(rows.find((r) => r.user_id === dev)!.submitted_at).toBeNull();

    const input = await t.services.features.programs.formation.input(TEAM.id, rows[0]!.program_id);
    expect(input.instance.people.map((p) => p.id).sort()).toEqual([ana, ben, chloe, PARIS].sort());
    expect(input.unfinished).toEqual([dev]);
    expect(input.instance.people.find((p) => p.id === PARIS)!.organization).toBe('acme');
  });

  it('the one who started and did not finish gets exactly one reminder before the deadline', async () => {
    await tickAt(t, '2027-01-10T15:00:00Z');
    expect(dmsWith(t, dev, ProgramActions.join)).toEqual([]);
    // Two days before the end of 20 January in New York.
    await tickAt(t, '2027-01-19T05:01:00Z');
    await tickAt(t, '2027-01-19T12:00:00Z');
    await tickAt(t, '2027-01-20T20:00:00Z');
    const reminders = dmsWith(t, dev, ProgramActions.join);
    expect(reminders).toHaveLength(1);
    expect(textOf(reminders[0]!.blocks)).toContain('have not finished its form');
    for (const u of [ana, ben, chloe, PARIS]) expect(dmsWith(t, u, ProgramActions.join)).toEqual([]);
  });

  it('invites the members of a channel by DM, once each, leaving out those who joined', async () => {
    await t.slack.command(owner, `program invite <#${CHANNELS.random}|random> Fellows 2027`, { channelId: CHANNELS.random });
    expect(lastEphemeralText(t, owner)).toContain('nobody new to invite');
    await t.slack.command(owner, `program invite <#${CHANNELS.general}|general> Fellows 2027`, { channelId: CHANNELS.random });
    expect(lastEphemeralText(t, owner)).toContain('Inviting 9 people');
    expect(dmsWith(t, USERS.grace, ProgramActions.join)).toHaveLength(1);
    expect(textOf(dmsWith(t, USERS.grace, ProgramActions.join)[0]!.blocks)).toContain(
      `<@${owner}> invites you to join *Fellows 2027*`,
    );
    for (const u of [ana, chloe, PARIS]) expect(dmsWith(t, u, ProgramActions.join)).toEqual([]);
    await t.slack.command(owner, `program invite <#${CHANNELS.general}|general> Fellows 2027`, { channelId: CHANNELS.random });
    expect(dmsWith(t, USERS.grace, ProgramActions.join)).toHaveLength(1);
    await t.slack.command(owner, 'program invite Fellows 2027', { channelId: CHANNELS.random });
    expect(lastEphemeralText(t, owner)).toContain('Name the channel');
  });

  it('/circle me shows a member’s answers; forget-me erases them and their id from others’ lists', async () => {
    await t.slack.command(chloe, 'me', { channelId: CHANNELS.general });
    const seen = textOf(t.emulator.ephemeralsTo(chloe).at(-1)?.blocks);
    expect(seen).toContain('Program intake answers');
    expect(seen).toContain('organization: The Acme Co.');
    expect(seen).toContain('Tue 09:00 New York: Yes');
    expect(seen).toContain(`rather not (seen by no one): <@${ben}>`);

    await t.slack.command(PARIS, 'forget-me', { channelId: CHANNELS.general });
    const ask = t.emulator.ephemeralsTo(PARIS).at(-1)!;
    await t.slack.clickButton(PARIS, { ephemeral: ask }, MyDataActions.forgetConfirm);
    const rows = await intakes();
    expect(rows.map((r) => r.user_id)).not.toContain(PARIS);
    expect(rows.find((r) => r.user_id === chloe)!.wishes).toEqual([]);
  });

  it('a name with Slack formatting is refused; a purpose with mentions and links reaches the channel escaped', async () => {
    await t.slack.command(owner, 'program new', { channelId: CHANNELS.random });
    const view = lastOpenView(t, owner);
    const fields = {
      [F.name]: 'Peers <!channel>',
      [F.purpose]: '<!here> read <http://evil.example|the handbook> with <@U0BOSS> in <#C0SECRET>',
      [F.times]: 'Wed 12:00',
      [F.deadline]: '2027-02-20',
    };
    const refused = await t.slack.submitView(owner, view.id, fields);
    expect(refused.body).toMatchObject({ errors: { [F.name]: expect.stringContaining('cannot contain') } });
    await t.slack.submitView(owner, view.id, { ...fields, [F.name]: 'Peers' });
    await t.slack.command(owner, 'program post Peers', { channelId: CHANNELS.random });
    const post = t.emulator.messages(CHANNELS.random).at(-1)!;
    const shown = JSON.stringify([post.text, post.blocks, t.emulator.dmsTo(owner).at(-1), lastEphemeralText(t, owner)]);
    expect(shown).toContain('&lt;!here&gt; read &lt;http://evil.example|the handbook&gt;');
    for (const forged of FORGERIES) expect(shown).not.toContain(forged);
  });
});
