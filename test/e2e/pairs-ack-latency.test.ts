import { PairActions, PairFields as F, PairViews } from '../../src/pairs/ids';
import { CHANNELS, USERS } from '../../src/sandbox';
import { ackTimer } from '../support/acks';
import { startTestApp, type TestApp } from '../support/app';
import { seedProgram, seedSurveys, surveyValues } from '../support/pairs';

const { ana, ben, chloe, dev, elena, farid } = USERS;

/**
 * As test/e2e/ack-latency.test.ts does for the rest of the app: with the emulator adding a second
 * to every Web API answer, `/circle match`, every pairs button and both pairs modals are
 * acknowledged before the app has anything back from Slack.
 */
describe('pairs: every request is acknowledged before the app calls Slack', () => {
  let t: TestApp;
  let timer: ReturnType<typeof ackTimer>;
  let circleId = 0;
  let cycleId = 0;
  const draft = () => t.db.selectFrom('match_drafts').selectAll().executeTakeFirstOrThrow();
  const submit = async (userId: string, callbackId: string, values: Record<string, unknown>) => {
    const view = await timer.openedView(userId, callbackId);
    await timer.time(`submit ${callbackId}`, (s) => s.submitView(userId, view.id, values));
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedProgram(t, { name: 'Latency', facilitators: [ana], members: [ben, chloe, dev, elena, farid] });
    circleId = circle.id;
    await seedSurveys(t, circle, { [ben]: {}, [chloe]: {}, [elena]: {}, [farid]: {} });
    cycleId = (await t.db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).executeTakeFirstOrThrow()).id;
    timer = ackTimer(t);
    t.emulator.setLatency(1000);
  });
  afterAll(async () => {
    await t.settle();
    t.emulator.setLatency(0);
    await t.close();
  });

  // Each step waits for the work after its ack, every Web API call of it a second late: a loaded
  // machine needs more than jest's default 30 s for a handful of them.
  const SLOW_STEPS_MS = 90_000;

  it(
    'the command and the survey',
    async () => {
      await timer.time('/circle match', (s) => s.command(ana, 'match Latency', { channelId: CHANNELS.general }));
      await timer.click(dev, PairActions.survey, String(cycleId));
      await submit(dev, PairViews.survey, surveyValues({ goals: 'Patience', stage: 1, timeZone: 'UTC' }));
      expect(timer.late()).toEqual([]);
    },
    SLOW_STEPS_MS,
  );

  it(
    'the preview, shuffle, swap and confirm',
    async () => {
      await timer.click(ana, PairActions.pick, String(circleId));
      await timer.click(ana, PairActions.remind, JSON.stringify({ circleId, deadline: '2026-11-26T15:00:00.000Z' }));
      await timer.click(ana, PairActions.preview, String(circleId));
      await timer.click(ana, PairActions.shuffle, JSON.stringify({ cycleId, version: (await draft()).version }));
      await timer.click(ana, PairActions.swap, JSON.stringify({ cycleId, version: (await draft()).version }));
      const groups = ((await draft()).arrangement as { groups: Array<{ members: string[] }> }).groups.map((g) => g.members);
      await submit(ana, PairViews.swap, { [F.swapA]: groups[0]![0], [F.swapB]: groups[1]![0] });
      await timer.click(ana, PairActions.confirm, JSON.stringify({ cycleId, version: (await draft()).version }));
      await t.settle();
      expect(await t.db.selectFrom('pairs').selectAll().execute()).toHaveLength(2);
      expect(timer.late()).toEqual([]);
    },
    SLOW_STEPS_MS,
  );

  it(
    'the meeting check and the rematch request; every pairs button and modal was tried',
    async () => {
      const pair = (await t.db.selectFrom('pairs').selectAll().execute())[0]!;
      const member = pair.user_ids[0]!;
      for (const actionId of [PairActions.metYes, PairActions.metNotYet, PairActions.metStuck])
        await timer.click(member, actionId, JSON.stringify({ pairId: pair.id, date: '2026-12-01' }));
      await timer.click(member, PairActions.rematch, String(pair.id));
      expect(timer.late()).toEqual([]);
      const tried = (prefix: string) =>
        new Set(timer.acks.filter((a) => a.what.startsWith(prefix)).map((a) => a.what.slice(prefix.length)));
      expect(tried('button ')).toEqual(new Set(Object.values(PairActions)));
      const submissions = timer.acks.filter((a) => a.what.startsWith('submit '));
      // Accepted (the modal closed), so the work after the ack ran too.
      expect(submissions.filter((a) => a.body !== '')).toEqual([]);
      expect(tried('submit ')).toEqual(new Set(Object.values(PairViews)));
    },
    SLOW_STEPS_MS,
  );
});
