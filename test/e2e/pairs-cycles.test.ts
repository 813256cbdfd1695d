import { openRematches } from '../../src/pairs/store';
import { MyDataActions } from '../../src/mydata/ids';
import { PairActions } from '../../src/pairs/ids';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { evaluate, FULL } from '../support/cycles';
import { lastEphemeral, membershipsOf, textOf } from '../support/fixtures';
import {
  answerSurvey,
  clickEphemeral,
  dmsWith,
  groupDms,
  lastEphemeralText,
  seedProgram,
  seedSurveys,
  tickAt,
} from '../support/pairs';
import { traces } from '../support/traces';

const { owner, ana, ben, chloe, dev, elena, farid, hiro } = USERS;

/**
 * Pairs and cycles together: a coaching program runs a cycle to its end, and the next cycle keeps
 * the pairs whose members both chose continue (written as confirmed pairs of the new cycle, so
 * they are neither surveyed nor matched again), puts rematch requests in `/circle match`, and the
 * report counts real "did you meet?" answers. Survey answers are personal data for `/circle me`
 * and `forget-me`. Cycle 1: 2026-12-01 to 2026-12-29, checks every other Tuesday 14:00 UTC.
 */
describe('pairs and cycles', () => {
  let t: TestApp;
  let circleId = 0;
  const elenaGoals = 'Elena wants to learn to say no to the board';
  const dmOf = (userId: string) => groupDms(t).find((d) => d.members.includes(userId))!.id;
  const pressCheck = async (userId: string, actionId: string) => {
    const check = t.emulator
      .messages(dmOf(userId))
      .filter((m) => JSON.stringify(m.blocks).includes(PairActions.metYes))
      .at(-1)!;
    await t.slack.clickButton(userId, { channelId: check.channel, ts: check.ts }, actionId);
  };
  const cycleIds = async () =>
    (await t.db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).orderBy('number').execute()).map((c) => c.id);
  const pairsOf = async (cycleId: number) =>
    (await t.db.selectFrom('pairs').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute()).map((p) => ({
      members: [...p.user_ids].sort(),
      channel: p.channel_id,
    }));
  const reportOf = async () => {
    await t.slack.command(owner, 'report Coaching', { channelId: CHANNELS.general });
    return textOf(t.emulator.ephemeralsTo(owner).at(-1)?.blocks);
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [owner] });
    const circle = await seedProgram(t, {
      name: 'Coaching',
      facilitators: [hiro],
      members: [ana, ben, chloe, dev, elena, farid],
      startDate: '2026-12-01',
      endDate: '2026-12-29',
    });
    circleId = circle.id;
    // Elena answers through the survey modal; the others' answers are seeded. Each asks for a partner.
    await seedSurveys(t, circle, {
      [ana]: { topics: ['fundraising'], wishes: [ben] },
      [ben]: { topics: ['fundraising'], wishes: [ana] },
      [chloe]: { topics: ['hiring'], wishes: [dev] },
      [dev]: { topics: ['hiring'], wishes: [chloe] },
      [farid]: { topics: ['strategy'], wishes: [elena] },
    });
    await tickAt(t, '2026-11-23T15:01:00Z');
    await answerSurvey(t, elena, { goals: elenaGoals, topics: ['strategy'], wishes: [farid], times: ['mornings'] });
    await t.slack.command(hiro, 'match Coaching');
    await clickEphemeral(t, hiro, PairActions.confirm);
    expect(groupDms(t).map((d) => d.members)).toEqual(
      expect.arrayContaining([[ana, ben].sort(), [chloe, dev].sort(), [elena, farid].sort()]),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('the report shows the pair meeting rate from the "did you meet?" answers', async () => {
    await tickAt(t, '2026-12-01T14:01:00Z');
    await pressCheck(ana, PairActions.metYes);
    await pressCheck(chloe, PairActions.metNotYet);
    const report = await reportOf();
    expect(report).toContain('*Pair meetings* 1/2 (50%)');
  });

  it('/circle me lists the survey answers and the pair', async () => {
    await t.slack.command(elena, 'me', { channelId: CHANNELS.general });
    const seen = textOf(t.emulator.ephemeralsTo(elena).at(-1)?.blocks);
    expect(seen).toContain('Matching survey answers');
    expect(seen).toContain(`goals: ${elenaGoals}`);
    expect(seen).toContain('times: Weekday mornings');
    expect(seen).toContain(`would like: <@${farid}>`);
    expect(seen).toContain(`Coaching, cycle 1: with <@${farid}>`);
  });

  it('next cycle: a pair who both continue stays paired and is not surveyed again; rematches show in /circle match', async () => {
    await tickAt(t, '2026-12-30T14:01:00Z');
    await evaluate(t, ana, FULL);
    await evaluate(t, ben, FULL);
    await evaluate(t, chloe, FULL);
    await evaluate(t, dev, { ...FULL, choice: 'rematch' });
    await evaluate(t, elena, { ...FULL, choice: 'end' });
    await evaluate(t, farid, FULL);
    await tickAt(t, '2027-01-04T15:00:00Z');
    const surveysBefore = Object.fromEntries(
      [ana, ben, chloe, dev].map((u) => [u, dmsWith(t, u, PairActions.survey).length] as const),
    );
    await t.slack.command(owner, 'cycle next Coaching', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, owner)).toContain('Cycle 2 of *Coaching* is open');
    const [first, second] = await cycleIds();

    // Ana and Ben are a confirmed pair of cycle 2, in the same group DM as before.
    const kept = (await pairsOf(first!)).find((p) => p.members.includes(ana))!;
    expect(await pairsOf(second!)).toEqual([{ members: [ana, ben].sort(), channel: kept.channel }]);

    // The next pass surveys those still to be matched, not the kept pair.
    await tickAt(t, '2027-01-04T15:05:00Z');
    for (const u of [ana, ben]) expect(dmsWith(t, u, PairActions.survey)).toHaveLength(surveysBefore[u]!);
    // ...and the kept pair hears it in its group DM, once.
    const keptNews = () => t.emulator.messages(kept.channel!).filter((m) => m.text.includes('you stay paired in cycle 2'));
    expect(keptNews()).toHaveLength(1);
    await tickAt(t, '2027-01-04T15:10:00Z');
    expect(keptNews()).toHaveLength(1);
    for (const u of [chloe, dev]) expect(dmsWith(t, u, PairActions.survey).length).toBe(surveysBefore[u]! + 1);
    // The survey button of this cycle, pressed by a member of the kept pair, is refused, naming the partner.
    const cycle2Survey = dmsWith(t, chloe, PairActions.survey).at(-1)!;
    const viewsBefore = t.emulator.openViewsOf(ana).length;
    await t.slack.clickButton(
      ana,
      { ephemeral: { blocks: cycle2Survey.blocks, channelId: CHANNELS.general } },
      PairActions.survey,
    );
    expect(lastEphemeralText(t, ana)).toContain(`You stay paired with <@${ben}> in cycle 2 of *Coaching*`);
    expect(t.emulator.openViewsOf(ana)).toHaveLength(viewsBefore);

    await t.slack.command(hiro, 'match Coaching');
    const view = lastEphemeralText(t, hiro);
    expect(view).toContain('cycle 2: 0 of 3 active members have answered');
    expect(view).toContain(`Staying together from the last cycle (not surveyed or matched again): <@${ana}> and <@${ben}>`);
    expect(view).toContain('Rematch requests');
    expect(view).toContain(`<@${dev}> asked for a rematch (pair: <@${chloe}> and <@${dev}>)`);
    expect(view).toContain(`<@${farid}> asked for a rematch (pair: <@${elena}> and <@${farid}>)`);
    expect(view).not.toContain(`<@${ana}> asked`);

    // Matching the others leaves the kept pair alone, and resolves the requests it took in.
    await seedSurveysFor(second!, [chloe, dev, farid]);
    await t.slack.command(hiro, 'match Coaching');
    await clickEphemeral(t, hiro, PairActions.confirm);
    const now = await pairsOf(second!);
    expect(now).toHaveLength(2);
    expect(now[0]!.members).toEqual([ana, ben].sort());
    expect(now[1]!.members.sort()).toEqual([chloe, dev, farid].sort());
    expect(await openRematches(t.db, TEAM.id, circleId)).toEqual([]);
    // Ana and Ben were not told they were left out.
    for (const u of [ana, ben])
      expect(t.emulator.dmsTo(u).some((m) => /not matched|could not be matched/i.test(m.text))).toBe(false);
  });

  it('after forget-me, no table holds the member’s id or survey answers, and the meeting rate still adds up', async () => {
    expect((await membershipsOf(t.db, circleId)).find((m) => m.user_id === elena)?.status).toBe('left');
    const before = (await reportOfCycle1()).filter((l) => l.startsWith('*Pair meetings*'));
    await t.slack.command(elena, 'forget-me', { channelId: CHANNELS.general });
    const ask = t.emulator.ephemeralsTo(elena).at(-1)!;
    await t.slack.clickButton(elena, { ephemeral: ask }, MyDataActions.forgetConfirm);
    expect(lastEphemeral(t.emulator, elena)).toContain('your answers and personal details are erased');
    expect(await traces(t, [elena, elenaGoals])).toEqual([]);
    expect((await reportOfCycle1()).filter((l) => l.startsWith('*Pair meetings*'))).toEqual(before);
  });

  async function seedSurveysFor(cycleId: number, userIds: string[]) {
    const at = t.clock.now();
    for (const u of userIds)
      await t.db
        .insertInto('pair_surveys')
        .values({
          team_id: TEAM.id,
          circle_id: circleId,
          cycle_id: cycleId,
          user_id: u,
          goals: 'Grow',
          topics: [],
          times: [],
          wishes: [],
          avoid: [],
          time_zone: 'America/New_York',
          submitted_at: at,
          updated_at: at,
        })
        .execute();
  }

  /** The pairs' figures of cycle 1, as the service reads them for the report. */
  async function reportOfCycle1(): Promise<string[]> {
    const [first] = await cycleIds();
    const rate = await t.services.features.pairs.cyclesPort.pairMeetingRate(TEAM.id, circleId, first!);
    const pairs = await t.services.features.pairs.cyclesPort.currentPairs(TEAM.id, circleId, first!);
    return [`*Pair meetings* ${rate?.met}/${rate?.planned}`, `pairs ${pairs.length}`];
  }
});
