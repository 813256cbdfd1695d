import { PairActions, PairFields as F, PairViews } from '../../src/pairs/ids';
import { ACK_TIMEOUT_MS, CHANNELS, type DriverResult, type SlackDriver, USERS } from '../../src/sandbox';
import { settled } from '../../src/slack/app';
import { startTestApp, type TestApp } from '../support/app';
import { seedProgram, seedSurveys, surveyValues } from '../support/pairs';

const { ana, ben, chloe, dev, elena, farid } = USERS;

/**
 * As test/e2e/ack-latency.test.ts does for the rest of the app: with the emulator adding a second
 * to every Web API answer, `/circle match`, every pairs button and both pairs modals are still
 * acknowledged within Slack's 3 seconds.
 */
describe('pairs: every request is acknowledged within 3 seconds when Slack answers slowly', () => {
  let t: TestApp;
  let slack: SlackDriver;
  let circleId = 0;
  let cycleId = 0;
  const acks: Array<{ what: string; elapsedMs: number; timedOut: boolean; status: number }> = [];
  const record = (what: string, r: DriverResult) =>
    acks.push({ what, elapsedMs: r.elapsedMs, timedOut: r.timedOut, status: r.status });
  const slow = () => acks.filter((a) => a.timedOut || a.elapsedMs >= ACK_TIMEOUT_MS || a.status !== 200);
  const settle = () => settled(t.services.deps.inflight);
  const click = async (user: string, actionId: string, value: string) => {
    const blocks = [
      { type: 'actions', elements: [{ type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: 'Go' } }] },
    ];
    record(`button ${actionId}`, await slack.clickButton(user, { ephemeral: { blocks, channelId: CHANNELS.general } }, actionId));
    await settle();
  };
  const waitForView = (userId: string, callbackId: string) =>
    t.emulator.waitFor(() => t.emulator.openViewsOf(userId).find((v) => v.view.callback_id === callbackId), 10_000);
  const draft = () => t.db.selectFrom('match_drafts').selectAll().executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Latency', facilitators: [ana], members: [ben, chloe, dev, elena, farid] });
    circleId = circle.id;
    await seedSurveys(t, circle, { [ben]: {}, [chloe]: {}, [elena]: {}, [farid]: {} });
    cycleId = (await t.db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).executeTakeFirstOrThrow()).id;
    slack = t.emulator.driver(`${t.baseUrl}/slack/events`);
    t.emulator.setLatency(1000);
  });
  afterAll(async () => {
    await settle();
    t.emulator.setLatency(0);
    await t.close();
  });

  // Each step waits for the work after its ack, every Web API call of it a second late: a loaded
  // machine needs more than jest's default 30 s for a handful of them.
  const SLOW_STEPS_MS = 90_000;

  it(
    'the command and the survey',
    async () => {
      record('/circle match', await slack.command(ana, 'match Latency', { channelId: CHANNELS.general }));
      await settle();
      await click(dev, PairActions.survey, String(cycleId));
      const survey = await waitForView(dev, PairViews.survey);
      record(
        'submit the survey',
        await slack.submitView(dev, survey.id, surveyValues({ goals: 'Patience', stage: 1, timeZone: 'UTC' })),
      );
      await settle();
      expect(slow()).toEqual([]);
    },
    SLOW_STEPS_MS,
  );

  it(
    'the preview, shuffle, swap and confirm',
    async () => {
      await click(ana, PairActions.pick, String(circleId));
      await click(ana, PairActions.remind, JSON.stringify({ circleId, deadline: '2026-11-26T15:00:00.000Z' }));
      await click(ana, PairActions.preview, String(circleId));
      await click(ana, PairActions.shuffle, JSON.stringify({ cycleId, version: (await draft()).version }));
      await click(ana, PairActions.swap, JSON.stringify({ cycleId, version: (await draft()).version }));
      const swap = await waitForView(ana, PairViews.swap);
      const groups = ((await draft()).arrangement as { groups: Array<{ members: string[] }> }).groups.map((g) => g.members);
      record('submit a swap', await slack.submitView(ana, swap.id, { [F.swapA]: groups[0]![0], [F.swapB]: groups[1]![0] }));
      await settle();
      await click(ana, PairActions.confirm, JSON.stringify({ cycleId, version: (await draft()).version }));
      expect(await t.db.selectFrom('pairs').selectAll().execute()).toHaveLength(2);
      expect(slow()).toEqual([]);
    },
    SLOW_STEPS_MS,
  );

  it(
    'the meeting check and the rematch request',
    async () => {
      const pair = (await t.db.selectFrom('pairs').selectAll().execute())[0]!;
      const member = pair.user_ids[0]!;
      for (const actionId of [PairActions.metYes, PairActions.metNotYet, PairActions.metStuck])
        await click(member, actionId, JSON.stringify({ pairId: pair.id, date: '2026-12-01' }));
      await click(member, PairActions.rematch, String(pair.id));
      expect(new Set(acks.filter((a) => a.what.startsWith('button')).map((a) => a.what.slice('button '.length)))).toEqual(
        new Set(Object.values(PairActions)),
      );
      expect(slow()).toEqual([]);
    },
    SLOW_STEPS_MS,
  );
});
