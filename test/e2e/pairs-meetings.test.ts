import { PairActions } from '../../src/pairs/ids';
import { TIPS } from '../../src/pairs/tips';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { textOf } from '../support/fixtures';
import { itOnPostgres } from '../support/db';
import { clickEphemeral, ephemeralWith, groupDms, lastEphemeralText, seedProgram, seedSurveys, tickAt } from '../support/pairs';

const { ana, ben, chloe, dev, elena, hiro } = USERS;

/** Checks follow the cadence: every other Tuesday 09:00 New York (14:00 UTC) from 2026-12-01. */
const S1 = '2026-12-01T14:01:00Z';
const S2 = '2026-12-15T14:01:00Z';

describe('pairs: "did you meet?"', () => {
  let t: TestApp;
  let circleId = 0;
  /** The group DM of the pair with this person. */
  const dmOf = (userId: string) => groupDms(t).find((d) => d.members.includes(userId))!.id;
  const checks = (userId: string) =>
    t.emulator.messages(dmOf(userId)).filter((m) => JSON.stringify(m.blocks).includes(PairActions.metYes));
  const press = async (userId: string, actionId: string) => {
    const check = checks(userId).at(-1)!;
    await t.slack.clickButton(userId, { channelId: check.channel, ts: check.ts }, actionId);
    return t.emulator.messages(check.channel).find((m) => m.ts === check.ts)!;
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Coaching', facilitators: [hiro], members: [ana, ben, chloe, dev] });
    circleId = circle.id;
    // Ana and Ben share everything and ask for each other; so do Chloe and Dev.
    await seedSurveys(t, circle, {
      [ana]: { topics: ['fundraising'], wishes: [ben] },
      [ben]: { topics: ['fundraising'], wishes: [ana] },
      [chloe]: { topics: ['hiring'], wishes: [dev] },
      [dev]: { topics: ['hiring'], wishes: [chloe] },
    });
    // Everyone answered: the preview comes straight away.
    await t.slack.command(hiro, 'match Coaching');
    await clickEphemeral(t, hiro, PairActions.confirm);
    expect(groupDms(t).map((d) => d.members)).toEqual(expect.arrayContaining([[ana, ben].sort(), [chloe, dev].sort()]));
  });
  afterAll(async () => {
    await t.close();
  });

  it("asks each pair in its group DM on the circle's cadence, once", async () => {
    await tickAt(t, '2026-11-30T14:00:00Z');
    expect(checks(ana)).toEqual([]);
    await tickAt(t, S1);
    await tickAt(t, '2026-12-01T14:10:00Z');
    expect(checks(ana)).toHaveLength(1);
    expect(checks(chloe)).toHaveLength(1);
    expect(checks(ana)[0]!.text).toBe('Did you meet since the last check?');
  });

  it('Yes is recorded for the pair and the question is replaced', async () => {
    const after = await press(ana, PairActions.metYes);
    expect(after.text).toContain(`<@${ana}> says you met`);
    expect(JSON.stringify(after.blocks)).not.toContain(PairActions.metYes);
  });

  it('someone outside the pair cannot answer for it, and nothing is recorded', async () => {
    const check = checks(chloe).at(-1)!;
    await t.slack.clickButton(ana, { ephemeral: { blocks: check.blocks, channelId: CHANNELS.general } }, PairActions.metNotYet);
    expect(lastEphemeralText(t, ana)).toContain('Only the people in this pair can answer for it');
    const pair = (await t.db.selectFrom('pairs').selectAll().execute()).find((p) => p.user_ids.includes(chloe))!;
    expect(await t.db.selectFrom('pair_meetings').selectAll().where('pair_id', '=', pair.id).execute()).toEqual([]);
  });

  it('a button answers only for the date it was sent for: a forged date records nothing', async () => {
    const check = checks(chloe).at(-1)!;
    const pair = (await t.db.selectFrom('pairs').selectAll().execute()).find((p) => p.user_ids.includes(chloe))!;
    for (const date of ['2026-12-15', '2027-06-01', '2026-11-17']) {
      await t.slack.clickButton(chloe, { channelId: check.channel, ts: check.ts }, PairActions.metNotYet, {
        value: JSON.stringify({ pairId: pair.id, date }),
      });
      expect(lastEphemeralText(t, chloe)).toContain('This button is out of date: answer the latest "Did you meet?" message.');
    }
    expect(await t.db.selectFrom('pair_meetings').selectAll().where('pair_id', '=', pair.id).execute()).toEqual([]);
    expect(JSON.stringify(t.emulator.messages(check.channel).find((m) => m.ts === check.ts)!.blocks)).toContain(
      PairActions.metYes,
    );
  });

  it('two "not yet" in a row bring the pair tips on commitment and the organizer a heads-up', async () => {
    const first = await press(chloe, PairActions.metNotYet);
    expect(first.text).toContain('says not yet');
    const tips = () =>
      t.emulator.messages(dmOf(chloe)).filter((m) => m.text.includes('courageous conversation about commitment'));
    const headsUps = () => t.emulator.dmsTo(hiro).filter((m) => m.text.startsWith(':eyes: Heads-up'));
    expect(tips()).toEqual([]);
    expect(headsUps()).toEqual([]);

    await tickAt(t, S2);
    // The first question was replaced by its answer; the second is the one with buttons.
    expect(checks(chloe)).toHaveLength(1);
    expect(JSON.stringify(checks(chloe)[0]!.blocks)).toContain('2026-12-15');
    await press(dev, PairActions.metNotYet);
    expect(tips()).toHaveLength(1);
    expect(tips()[0]!.text).toContain('ask the organizer for a rematch');
    expect(headsUps()).toHaveLength(1);
    expect(headsUps()[0]!.text).toContain(`<@${chloe}> and <@${dev}>`);
    expect(t.emulator.dmsTo(ana).some((m) => m.text.includes('Heads-up'))).toBe(false);
  });

  it('"We\'re stuck" offers a rematch request, which the organizer sees in /circle match', async () => {
    const stuck = await press(ben, PairActions.metStuck);
    expect(textOf(stuck.blocks)).toContain('says you are stuck');
    await t.slack.clickButton(ben, { channelId: stuck.channel, ts: stuck.ts }, PairActions.rematch);
    const requested = t.emulator.messages(stuck.channel).find((m) => m.ts === stuck.ts)!;
    expect(requested.text).toContain('Your rematch request is with the organizers');
    await t.slack.command(hiro, 'match Coaching');
    const view = lastEphemeralText(t, hiro);
    expect(view).toContain('Rematch requests');
    expect(view).toContain(`<@${ben}> asked for a rematch (pair: <@${ana}> and <@${ben}>)`);
  });

  it('offers the cycles feature the meeting rate, the pairs and the rematch requests', async () => {
    const read = t.services.features.pairs.read;
    const cycle = await t.db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).executeTakeFirstOrThrow();
    // Ana and Ben: yes then stuck; Chloe and Dev: not yet twice.
    expect(await read.meetingRate(TEAM.id, cycle.id)).toEqual({ answered: 4, met: 1, rate: 0.25 });
    expect((await read.currentPairs(TEAM.id, circleId)).map((p) => [...p.user_ids].sort())).toHaveLength(2);
    expect((await read.rematchRequests(TEAM.id, circleId)).map((r) => r.user_id)).toEqual([ben]);
  });

  it("a program's report shows its pairs, their answers and the meeting rate, not sessions nobody holds", async () => {
    const before = t.emulator.files().length;
    await t.slack.command(hiro, 'report Coaching', { channelId: CHANNELS.general });
    const seen = textOf(t.emulator.ephemeralsTo(hiro).at(-1)?.blocks);
    expect(seen).toContain('coaching program: 2 pairs, meeting on their own');
    expect(seen).toContain('*Pair meetings* 1/4 (25%) of "did you meet?" answers said they met');
    expect(seen).toMatch(
      new RegExp(`<@(${ana}|${ben})> & <@(${ana}|${ben})>: met 1 time of 2 answers \\(2026-12-01 met, 2026-12-15 stuck\\)`),
    );
    expect(seen).toMatch(new RegExp(`<@(${chloe}|${dev})> & <@(${chloe}|${dev})>: met 0 times of 2 answers`));
    expect(seen).not.toContain('sessions held');
    expect(seen).not.toContain('there, 0 check-ins');
    const pairsCsv = t.emulator
      .files()
      .slice(before)
      .find((f) => f.filename.endsWith('-pairs.csv'));
    expect(pairsCsv?.content.split('\n')[0]).toBe('pair,members,check_date,answer');
    expect(pairsCsv?.content).toContain('2026-12-15,stuck');
  });
});

describe('pairs: monthly tips', () => {
  let t: TestApp;
  let channel = '';

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-20T12:00:00Z' });
    const circle = await seedProgram(t, { name: 'Tips', facilitators: [hiro], members: [] });
    channel = circle.channel_id!;
  });
  afterAll(async () => {
    await t.close();
  });

  it('post one tip a month to the channel, none repeated until all have been used', async () => {
    const months: string[] = [];
    for (let i = 0; i <= TIPS.length; i++) {
      const year = 2026 + Math.floor((11 + i) / 12);
      const month = ((11 + i) % 12) + 1;
      months.push(`${year}-${String(month).padStart(2, '0')}`);
    }
    // 10:00 New York is 15:00 UTC in winter and 14:00 in summer: 15:05 is after it either way.
    for (const m of months) await tickAt(t, `${m}-01T15:05:00Z`);
    const tips = t.emulator.messages(channel).filter((msg) => msg.text.startsWith('Peer-coaching tip of the month'));
    expect(tips).toHaveLength(TIPS.length + 1);
    const titles = tips.map((msg) => msg.text.replace('Peer-coaching tip of the month: ', ''));
    expect(new Set(titles.slice(0, TIPS.length)).size).toBe(TIPS.length);
    expect(titles[TIPS.length]).toBe(titles[0]);
    expect(TIPS.length).toBeGreaterThanOrEqual(12);
  });
});

describe('pairs: joining, and two organizers confirming at once', () => {
  let t: TestApp;
  let circleId = 0;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Joiners', facilitators: [hiro, elena], members: [ana, ben, chloe] });
    circleId = circle.id;
    await seedSurveys(t, circle, { [ana]: {}, [ben]: {}, [chloe]: {} });
  });
  afterAll(async () => {
    await t.close();
  });

  it('someone who joins a coaching program gets the survey at the next pass', async () => {
    await t.slack.command(dev, 'join Joiners');
    expect(
      (
        await t.db
          .selectFrom('memberships')
          .select('status')
          .where('circle_id', '=', circleId)
          .where('user_id', '=', dev)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('active');
    await tickAt(t, '2026-11-23T15:02:00Z');
    expect(t.emulator.dmsTo(dev).filter((m) => m.text.startsWith('Answer the matching survey of Joiners'))).toHaveLength(1);
    // Those who answered already are not asked.
    expect(t.emulator.dmsTo(ana).filter((m) => m.text.startsWith('Answer the matching survey'))).toEqual([]);
  });

  itOnPostgres('two organizers pressing Confirm at once confirm once (PostgreSQL)', async () => {
    await seedSurveys(t, { id: circleId }, { [dev]: {} });
    await t.slack.command(hiro, 'match Joiners');
    const preview = ephemeralWith(t, hiro, PairActions.confirm);
    const bare = t.emulator.driver(`${t.baseUrl}/slack/events`);
    await Promise.all(
      [hiro, elena].map((u) =>
        bare.clickButton(u, { ephemeral: { blocks: preview.blocks, channelId: CHANNELS.general } }, PairActions.confirm),
      ),
    );
    await t.settle();
    expect(await t.db.selectFrom('pairs').selectAll().where('circle_id', '=', circleId).execute()).toHaveLength(2);
    expect(groupDms(t).flatMap((d) => t.emulator.messages(d.id))).toHaveLength(2);
    const texts = [lastEphemeralText(t, hiro), lastEphemeralText(t, elena)].join('\n');
    expect(texts).toContain('Confirmed: 2 groups');
    expect(texts).toContain('already confirmed');
  });
});
