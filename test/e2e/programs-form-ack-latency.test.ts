import { candidateKey } from '../../src/availability';
import { FormActions, FormFields as FF, FormViews } from '../../src/programs/form/ids';
import { createProgram, joinProgram, saveIntake } from '../../src/programs/service';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { ackTimer } from '../support/acks';
import { startTestApp, type TestApp } from '../support/app';
import { intakeAnswers, NEW_YORK_TIMES, programInput } from '../support/programs';

const { owner } = USERS;
const [TUE, THU] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
const PEOPLE = Array.from({ length: 14 }, (_, i) => `U0SLOW${String(i).padStart(3, '0')}`);

/**
 * As test/e2e/ack-latency.test.ts does for the rest of the app: with the emulator adding a second
 * to every Web API answer, `/circle form`, every button under its preview and both of its modals
 * are acknowledged before the app has anything back from Slack.
 */
describe('forming: every request is acknowledged before the app calls Slack', () => {
  let t: TestApp;
  let timer: ReturnType<typeof ackTimer>;
  let programId = 0;

  beforeAll(async () => {
    t = await startTestApp({ start: '2027-01-04T15:00:00Z', organizers: [owner] });
    timer = ackTimer(t);
    await t.slack.command(owner, 'help', { channelId: CHANNELS.random });
    const now = t.clock.now();
    programId = (await createProgram(t.db, TEAM.id, programInput({ name: 'Slow Slack' }), owner, now)).id;
    for (const [i, id] of PEOPLE.entries()) {
      await joinProgram(t.db, TEAM.id, programId, id, now);
      await saveIntake(
        t.db,
        TEAM.id,
        programId,
        id,
        intakeAnswers({ organization: `Org ${i}`, times: { [TUE]: 'yes', [THU]: 'no' } }),
        now,
      );
    }
    t.emulator.setLatency(1000);
  }, 120_000);
  afterAll(async () => {
    await t.settle();
    t.emulator.setLatency(0);
    await t.close();
  });

  const version = async () => (await t.db.selectFrom('formation_drafts').select('version').executeTakeFirstOrThrow()).version;
  const ref = async (extra: Record<string, unknown> = {}) => JSON.stringify({ programId, version: await version(), ...extra });

  it('/circle form, every button and both modals', async () => {
    await timer.time('/circle form', (s) => s.command(owner, 'form Slow Slack', { channelId: CHANNELS.random }));
    await t.settle();
    await timer.click(owner, FormActions.page, await ref({ page: 0 }));
    await timer.click(owner, FormActions.lock, await ref({ circle: 0 }));
    await t.settle();
    await timer.click(owner, FormActions.shuffle, await ref());
    await t.settle();
    await timer.click(owner, FormActions.csv, await ref());
    await timer.click(owner, FormActions.edit, await ref());
    await t.settle();
    const edit = await timer.openedView(owner, FormViews.edit);
    const arrangement = (await t.db.selectFrom('formation_drafts').selectAll().executeTakeFirstOrThrow()).arrangement as {
      circles: Array<{ members: string[] }>;
    };
    const [a, b] = [arrangement.circles[0]!.members[0]!, arrangement.circles[1]!.members[0]!];
    await timer.time(`submit ${FormViews.edit}`, (s) => s.submitView(owner, edit.id, { [FF.person]: a, [FF.swapWith]: b }));
    await t.settle();
    const apply = t.emulator.openViewsOf(owner).at(-1)!;
    expect(apply.view.callback_id).toBe(FormViews.apply);
    await timer.time(`submit ${FormViews.apply}`, (s) => s.submitView(owner, apply.id, {}));
    await t.settle();
    for (const view of t.emulator.openViewsOf(owner)) await timer.slack.closeView(owner, view.id);
    await timer.click(owner, FormActions.confirm, await ref());
    await t.settle();

    expect(timer.late()).toEqual([]);
    const tried = (prefix: string) =>
      new Set(timer.acks.filter((x) => x.what.startsWith(prefix)).map((x) => x.what.slice(prefix.length)));
    expect(tried('button ')).toEqual(new Set(Object.values(FormActions)));
    expect(tried('submit ')).toEqual(new Set(Object.values(FormViews)));
    expect(await t.db.selectFrom('circles').selectAll().execute()).toHaveLength(2);
  }, 300_000);
});
