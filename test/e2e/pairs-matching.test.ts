import { pauseMembership } from '../../src/circles/membership/service';
import { PairActions, PairFields as F } from '../../src/pairs/ids';
import { TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { textOf } from '../support/fixtures';
import {
  answerSurvey,
  clickEphemeral,
  dmsWith,
  ephemeralWith,
  groupDms,
  lastEphemeralText,
  lastOpenView,
  openSurvey,
  seedProgram,
  seedSurveys,
  surveyValues,
  tickAt,
} from '../support/pairs';

const { ana, ben, chloe, dev, elena, farid, grace, hiro, kofi } = USERS;
const ACTIVE = [ana, ben, chloe, dev, elena, farid];

describe('pairs: survey, preview, shuffle, swap, confirm', () => {
  let t: TestApp;
  let circleId = 0;
  let channel = '';
  const surveys = () => t.db.selectFrom('pair_surveys').selectAll().orderBy('user_id').execute();
  const draft = () => t.db.selectFrom('match_drafts').selectAll().executeTakeFirstOrThrow();
  const groupsOf = async () =>
    ((await draft()).arrangement as { groups: Array<{ members: string[] }> }).groups.map((g) => g.members);

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Coaching', facilitators: [hiro], members: [...ACTIVE, grace] });
    circleId = circle.id;
    channel = circle.channel_id!;
    await pauseMembership(t.db, TEAM.id, circle, grace, null, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends the survey once to each active member, not to the paused or the facilitators', async () => {
    await tickAt(t, '2026-11-23T15:01:00Z');
    await tickAt(t, '2026-11-23T15:05:00Z');
    for (const u of ACTIVE) {
      expect(dmsWith(t, u, PairActions.survey)).toHaveLength(1);
      expect(dmsWith(t, u, PairActions.survey)[0]!.text).toContain('matching survey of Coaching');
    }
    expect(dmsWith(t, grace, PairActions.survey)).toEqual([]);
    expect(dmsWith(t, hiro, PairActions.survey)).toEqual([]);
  });

  it("shows the survey waiting on the member's App Home", async () => {
    await t.slack.appHomeOpened(ben);
    const home = textOf(t.emulator.homeOf(ben));
    expect(home).toContain('Your coaching pairs');
    expect(home).toContain('answer the matching survey so you can be matched this cycle');
    expect(JSON.stringify(t.emulator.homeOf(ben))).toContain(PairActions.survey);
  });

  it('offers the circle topics and prefills the time zone from Slack', async () => {
    const view = await openSurvey(t, ben);
    const body = JSON.stringify(view.view.blocks);
    expect(body).toContain('board relations');
    expect(body).toContain('"initial_value":"America/New_York"');
    await t.slack.closeView(ben, view.id);
  });

  it("the survey's pickers offer the program's other active members only: never the person answering", async () => {
    const view = await openSurvey(t, ana);
    const offered = (blockId: string) => {
      const block = (
        view.view.blocks as Array<{ block_id?: string; element?: { type: string; options?: Array<{ value: string }> } }>
      ).find((b) => b.block_id === blockId);
      expect(block?.element?.type).toBe('multi_static_select');
      return block!.element!.options!.map((o) => o.value).sort();
    };
    // Not Ana herself, nor Grace (paused), Hiro (facilitator) or Kofi (not in the program).
    const others = ACTIVE.filter((u) => u !== ana).sort();
    expect(offered(F.wishes)).toEqual(others);
    expect(offered(F.avoid)).toEqual(others);
    for (const outsider of [ana, grace, hiro, kofi]) expect(offered(F.wishes)).not.toContain(outsider);
    // Nothing outside the list can be submitted, as Slack would refuse it.
    await expect(
      t.slack.submitView(ana, view.id, surveyValues({ goals: 'Delegate', stage: 1, timeZone: 'UTC', wishes: [ana] })),
    ).rejects.toThrow();
    await t.slack.closeView(ana, view.id);
  });

  it('bad input gets a specific message on each field and saves nothing', async () => {
    const view = await openSurvey(t, ana);
    const refused = await t.slack.submitView(
      ana,
      view.id,
      surveyValues({ goals: '   ', stage: 1, timeZone: 'Mars/Olympus', wishes: [ben], avoid: [] }),
    );
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: {
        [F.goals]: expect.stringContaining('what you want to work on'),
        [F.timeZone]: expect.stringContaining('not a time zone'),
      },
    });
    const both = await t.slack.submitView(
      ana,
      view.id,
      surveyValues({ goals: 'Delegate', stage: 1, timeZone: 'UTC', wishes: [ben], avoid: [ben] }),
    );
    expect(both.body).toMatchObject({ errors: { [F.avoid]: expect.stringContaining('both lists') } });
    expect(await surveys()).toEqual([]);
    await t.slack.closeView(ana, view.id);
  });

  it('saves the answers, and lets a member change them', async () => {
    await answerSurvey(t, ana, {
      goals: 'Prepare for my first board meeting',
      topics: ['fundraising', 'board relations'],
      times: ['mornings'],
      timeZone: 'America/Los_Angeles',
      wishes: [ben],
    });
    expect(t.emulator.dmsTo(ana).at(-1)!.text).toContain('Your survey answers for *Coaching* are saved');
    const view = await openSurvey(t, ana);
    expect(JSON.stringify(view.view.blocks)).toContain('Prepare for my first board meeting');
    await t.slack.submitView(ana, view.id, { [F.goals]: 'Prepare for my first board meeting, and delegate more' });
    expect(t.emulator.dmsTo(ana).at(-1)!.text).toContain('are updated');
    const [row] = await surveys();
    expect(row).toMatchObject({
      user_id: ana,
      goals: 'Prepare for my first board meeting, and delegate more',
      topics: ['fundraising', 'board relations'],
      stage: 2,
      times: ['mornings'],
      time_zone: 'America/Los_Angeles',
      wishes: [ben],
    });

    await answerSurvey(t, ben, { topics: ['fundraising', 'board relations'], times: ['mornings'], timeZone: 'America/New_York' });
    await answerSurvey(t, chloe, { topics: ['delegation', 'hiring'], timeZone: 'Europe/London', avoid: [dev] });
    await answerSurvey(t, dev, { topics: ['strategy', 'hiring'], timeZone: 'Asia/Kolkata' });
    await answerSurvey(t, elena, { topics: ['delegation', 'strategy'], timeZone: 'Europe/London' });
    expect((await surveys()).map((s) => s.user_id).sort()).toEqual([ana, ben, chloe, dev, elena].sort());
  });

  it('refuses /circle match to members who are not facilitators or organizers', async () => {
    await t.slack.command(ben, 'match Coaching');
    expect(lastEphemeralText(t, ben)).toContain('Only the facilitators of *Coaching* and organizers can match');
    await t.slack.command(hiro, 'match Coachin');
    expect(lastEphemeralText(t, hiro)).toContain('Did you mean *Coaching*?');
    expect(await t.db.selectFrom('match_drafts').selectAll().execute()).toEqual([]);
  });

  it('shows the organizer who has not answered, and reminds them with a deadline', async () => {
    await t.slack.command(hiro, 'match Coaching');
    const status = lastEphemeralText(t, hiro);
    expect(status).toContain('5 of 6 active members have answered');
    expect(status).toContain(`Not answered yet: <@${farid}>`);
    expect(status).toContain(`Paused, so not matched this time: <@${grace}>`);
    await clickEphemeral(t, hiro, PairActions.remind);
    expect(lastEphemeralText(t, hiro)).toContain('Reminded 1 member');
    const reminders = t.emulator.dmsTo(farid).filter((m) => m.text.startsWith('Reminder: answer the matching survey'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain('<!date^');
    expect(JSON.stringify(reminders[0]!.blocks)).toContain(PairActions.survey);
    for (const u of [ana, ben, grace]) expect(t.emulator.dmsTo(u).some((m) => m.text.startsWith('Reminder'))).toBe(false);
  });

  it('previews the pairs with their fit and reasons, announcing nothing', async () => {
    await clickEphemeral(t, hiro, PairActions.preview);
    const preview = lastEphemeralText(t, hiro);
    expect(preview).toContain('Preview: pairs for Coaching');
    expect(preview).toContain('nobody has been told anything yet');
    expect(preview).toMatch(/total fit \d+/);
    expect(preview).toContain('both: board relations, fundraising');
    expect(preview).toContain('3 h apart');
    expect(preview).toContain(`<@${ana}> asked for <@${ben}>`);
    // Five people: two groups, one of them a trio; Chloe's avoid-list is kept and never shown.
    const groups = await groupsOf();
    expect(groups.map((g) => g.length).sort()).toEqual([2, 3]);
    expect(groups.some((g) => g.includes(chloe) && g.includes(dev))).toBe(false);
    expect(preview).not.toContain('avoid');
    expect(t.emulator.callsTo('conversations.open')).toEqual([]);
    expect(await t.db.selectFrom('pairs').selectAll().execute()).toEqual([]);
  });

  it('Shuffle shows the next-best arrangement', async () => {
    const before = await groupsOf();
    await clickEphemeral(t, hiro, PairActions.shuffle);
    const after = await groupsOf();
    expect(after).not.toEqual(before);
    expect(lastEphemeralText(t, hiro)).toContain('Preview: pairs for Coaching');
    expect((await draft()).shuffles).toBe(1);
    // A button of an older preview is refused, not applied.
    const stale = { blocks: ephemeralWith(t, hiro, PairActions.shuffle).blocks };
    const staleBlocks = JSON.parse(JSON.stringify(stale.blocks).replace(/\\"version\\":\d+/g, '\\"version\\":1')) as unknown[];
    await t.slack.clickButton(hiro, { ephemeral: { blocks: staleBlocks, channelId: channel } }, PairActions.shuffle);
    expect(lastEphemeralText(t, hiro)).toContain('This preview is out of date');
    expect(await groupsOf()).toEqual(after);
  });

  it('Swap exchanges two people between groups, and refuses a swap within a group', async () => {
    const groups = await groupsOf();
    const pair = groups.find((g) => g.length === 2)!;
    const trio = groups.find((g) => g.length === 3)!;
    await clickEphemeral(t, hiro, PairActions.swap);
    const modal = lastOpenView(t, hiro);
    // Only the people in the preview can be swapped.
    const offered = (modal.view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>)
      .find((b) => b.block_id === F.swapA)!
      .element!.options!.map((o) => o.value)
      .sort();
    expect(offered).toEqual(groups.flat().sort());
    const same = await t.slack.submitView(hiro, modal.id, { [F.swapA]: pair[0], [F.swapB]: pair[1] });
    expect(same.body).toMatchObject({ errors: { [F.swapA]: expect.stringContaining('already in the same group') } });
    // Whoever the trio's member is, the swap must not put Chloe with Dev.
    const a = pair.find((u) => u !== chloe && u !== dev) ?? pair[0]!;
    const b = trio.find((u) => u !== chloe && u !== dev)!;
    await t.slack.submitView(hiro, modal.id, { [F.swapA]: a, [F.swapB]: b });
    const dm = t.emulator.dmsTo(hiro).at(-1)!;
    expect(textOf(dm.blocks)).toContain(`Swapped <@${a}> and <@${b}>`);
    const swapped = await groupsOf();
    expect(swapped.find((g) => g.includes(b))).toEqual([...pair.map((u) => (u === a ? b : u))].sort());
    expect((await draft()).swaps).toEqual([[a, b]]);
  });

  it('Confirm writes the pairs, opens a group DM for each with its intro, and tells everyone else why', async () => {
    const expected = await groupsOf();
    const dm = dmsWith(t, hiro, PairActions.confirm).at(-1)!;
    await t.slack.clickButton(hiro, { channelId: dm.channel, ts: dm.ts }, PairActions.confirm);
    const confirmed = t.emulator.messages(dm.channel).find((m) => m.ts === dm.ts)!;
    expect(confirmed.text).toContain('Confirmed: 2 groups in *Coaching*');

    const pairs = await t.db.selectFrom('pairs').selectAll().where('circle_id', '=', circleId).execute();
    expect(pairs.map((p) => [...p.user_ids].sort()).sort()).toEqual(expected.map((g) => [...g].sort()).sort());
    const dms = groupDms(t);
    expect(dms.map((d) => d.members).sort()).toEqual(expected.map((g) => [...g].sort()).sort());
    for (const d of dms) {
      const intro = t.emulator.messages(d.id);
      expect(intro).toHaveLength(1);
      const text = textOf(intro[0]!.blocks);
      expect(text).toContain('welcome to your coaching');
      expect(text).toContain('Why you');
      expect(text).toContain('Confidentiality');
      expect(text).toContain('how we like to receive it');
      expect(text).toContain('For your first conversation');
    }
    expect(t.emulator.dmsTo(farid).at(-1)!.text).toContain('you had not answered the matching survey');
    expect(t.emulator.dmsTo(grace).at(-1)!.text).toContain('your membership is paused');
    expect(t.emulator.messages(channel).at(-1)!.text).toContain(
      'coaching pairs of *Coaching* for cycle 1 are confirmed: 2 groups',
    );

    // Nothing goes twice, whatever the scheduler does next.
    await tickAt(t, '2026-11-23T16:00:00Z');
    expect(groupDms(t).flatMap((d) => t.emulator.messages(d.id))).toHaveLength(2);
    expect(t.emulator.dmsTo(grace).filter((m) => m.text.includes('not matched'))).toHaveLength(1);
  });

  it('after Confirm the survey is closed, politely, and /circle match shows the pairs', async () => {
    const dm = dmsWith(t, ana, PairActions.survey).at(-1)!;
    await t.slack.clickButton(ana, { channelId: dm.channel, ts: dm.ts }, PairActions.survey);
    expect(lastEphemeralText(t, ana)).toContain('has already been confirmed for this cycle');
    expect(t.emulator.openViewsOf(ana)).toEqual([]);
    await t.slack.command(hiro, 'match Coaching');
    expect(lastEphemeralText(t, hiro)).toContain('the pairs are confirmed');
    const again = await t.db.selectFrom('match_drafts').select('confirmed_by').executeTakeFirstOrThrow();
    expect(again.confirmed_by).toBe(hiro);
  });
});

describe('pairs: who is left out is told why, never with someone else’s avoid-list', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Small', facilitators: [hiro], members: [ana, ben, chloe, dev] });
    await seedSurveys(t, circle, { [ana]: {}, [ben]: {}, [chloe]: { avoid: [ana, ben] } });
    await tickAt(t, '2026-11-23T15:01:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  it('an avoid-list that leaves nobody, and answers that come after the preview', async () => {
    await t.slack.command(hiro, 'match Small');
    await clickEphemeral(t, hiro, PairActions.preview);
    // The preview says who Confirm would leave out, and why, before anyone is told.
    const preview = lastEphemeralText(t, hiro);
    expect(preview).toContain('Left out if you confirm this');
    expect(preview).toContain(`<@${chloe}>: no partner possible among those who answered`);
    expect(preview).toContain(`<@${dev}>: has not answered the survey`);
    expect(preview).not.toMatch(/avoid|rather not/);
    // Dev answers while the organizer looks at the preview: the preview does not change under them.
    await answerSurvey(t, dev, { timeZone: 'Asia/Kolkata' });
    await clickEphemeral(t, hiro, PairActions.confirm);
    const pairs = await t.db.selectFrom('pairs').select('user_ids').execute();
    expect(pairs.map((p) => [...p.user_ids].sort())).toEqual([[ana, ben].sort()]);
    const told = t.emulator.dmsTo(chloe).at(-1)!.text;
    expect(told).toContain('we could not find a partner for you among the people who answered this time');
    expect(told).not.toMatch(/avoid|rather not/);
    expect(t.emulator.dmsTo(dev).at(-1)!.text).toContain(
      'your survey answers came in after the organizers had drawn up the pairs',
    );
  });
});
