import { IntakeFields as I, ProgramActions, ProgramFields as F, ProgramViews } from '../../src/programs/ids';
import { CHANNELS, USERS } from '../../src/sandbox';
import { ackTimer } from '../support/acks';
import { startTestApp, type TestApp } from '../support/app';

const { owner, ana, ben } = USERS;

/**
 * As test/e2e/ack-latency.test.ts does for the rest of the app: with the emulator adding a second
 * to every Web API answer, every `/circle program` subcommand, every programs button and both
 * programs modals are acknowledged before the app has anything back from Slack.
 */
describe('programs: every request is acknowledged before the app calls Slack', () => {
  let t: TestApp;
  let timer: ReturnType<typeof ackTimer>;
  let programId = 0;
  const submit = async (userId: string, callbackId: string, values: Record<string, unknown>) => {
    const view = await timer.openedView(userId, callbackId);
    await timer.time(`submit ${callbackId}`, (s) => s.submitView(userId, view.id, values));
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2027-01-04T15:00:00Z', organizers: [owner] });
    timer = ackTimer(t);
    t.emulator.setLatency(1000);
  }, 120_000);
  afterAll(async () => {
    await t.settle();
    t.emulator.setLatency(0);
    await t.close();
  });

  const SLOW_STEPS_MS = 300_000;

  it(
    'every subcommand, button and modal of programs',
    async () => {
      await timer.time('/circle program new', (s) => s.command(owner, 'program new', { channelId: CHANNELS.random }));
      await submit(owner, ProgramViews.settings, {
        [F.name]: 'Slow Slack',
        [F.times]: 'Tue 09:00\nThu 16:00',
        [F.deadline]: '2027-01-20',
      });
      programId = (await t.db.selectFrom('programs').select('id').executeTakeFirstOrThrow()).id;
      await timer.time('/circle program edit', (s) =>
        s.command(owner, 'program edit Slow Slack', { channelId: CHANNELS.random }),
      );
      await submit(owner, ProgramViews.settings, { [F.purpose]: 'Patience' });
      await timer.time('/circle program post', (s) =>
        s.command(owner, 'program post Slow Slack', { channelId: CHANNELS.random }),
      );
      await timer.time('/circle program invite', (s) =>
        s.command(owner, `program invite <#${CHANNELS.random}|random> Slow Slack`, { channelId: CHANNELS.random }),
      );
      await timer.time('/circle program list', (s) => s.command(ben, 'program', { channelId: CHANNELS.random }));
      await timer.time('/circle program join', (s) => s.command(ana, 'program join Slow Slack', { channelId: CHANNELS.random }));
      await t.settle();
      for (const view of t.emulator.openViewsOf(ana)) await timer.slack.closeView(ana, view.id);

      await timer.click(ben, ProgramActions.join, String(programId));
      await submit(ben, ProgramViews.intake, {
        [I.stage]: '1',
        [I.sector]: 'nonprofit',
        [I.organization]: 'Oxfam',
        [I.role]: 'Programs',
        [I.topics]: 'Fundraising',
        [`${I.timePrefix}0`]: 'yes',
        [`${I.timePrefix}1`]: 'no',
      });
      await timer.click(owner, ProgramActions.create, 'new');
      await t.settle();
      for (const view of t.emulator.openViewsOf(owner)) await timer.slack.closeView(owner, view.id);
      await timer.click(owner, ProgramActions.edit, String(programId));
      await t.settle();

      expect(timer.late()).toEqual([]);
      const tried = (prefix: string) =>
        new Set(timer.acks.filter((a) => a.what.startsWith(prefix)).map((a) => a.what.slice(prefix.length)));
      expect(tried('button ')).toEqual(new Set(Object.values(ProgramActions)));
      const submissions = timer.acks.filter((a) => a.what.startsWith('submit '));
      // Accepted (the modal closed), so the work after the ack ran too.
      expect(submissions.filter((a) => a.body !== '')).toEqual([]);
      expect(tried('submit ')).toEqual(new Set(Object.values(ProgramViews)));
      expect(await t.db.selectFrom('program_intakes').select('user_id').where('submitted_at', 'is not', null).execute()).toEqual([
        { user_id: ben },
      ]);
    },
    SLOW_STEPS_MS,
  );
});
