import { CycleActions, EvaluationFields as F } from '../../src/cycles/ids';
import { dmsWithButton } from '../support/checkins';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { evaluate, evaluationValues, FULL, invitations, openEvaluation, reminders } from '../support/cycles';
import { lastDm, lastEphemeral, seedCircle, textOf } from '../support/fixtures';

/**
 * A cycle runs to its end: the channel hears it is closing a week before, every member is invited
 * to evaluate it, those who have not answered are reminded once, and the evaluation closes.
 * Cycle: 2026-12-01 to 2026-12-29, New York; messages at 09:00 there (14:00 UTC).
 */
describe('cycles: the end of a cycle', () => {
  let t: TestApp;
  let channel = '';
  let circleId = 0;
  const people = [USERS.ana, USERS.ben, USERS.chloe, USERS.dev];

  const tickAt = async (at: string) => {
    t.clock.set(at);
    const result = await t.tick(at);
    expect(result.failed).toEqual([]);
  };
  const closingPosts = () => t.emulator.messages(channel).filter((m) => m.text.includes('is closing'));

  // A fresh app and database, and the passes that bring the cycle to its point: seconds, more on a loaded machine.
  beforeAll(async () => {
    t = await startTestApp({ start: '2026-12-20T12:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Closers',
      facilitators: [USERS.ana],
      members: people.slice(1),
      startDate: '2026-12-01',
      endDate: '2026-12-29',
    });
    channel = circle.channel_id!;
    circleId = circle.id;
    // Set to continue by itself: the next cycle opens when the evaluation closes.
    await t.db.updateTable('circles').set({ continue_automatically: true }).where('id', '=', circle.id).execute();
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    await tickAt('2026-12-20T12:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('tells the channel a week before the last day, once', async () => {
    await tickAt('2026-12-22T13:59:00Z');
    expect(closingPosts()).toHaveLength(0);
    await tickAt('2026-12-22T14:01:00Z');
    await tickAt('2026-12-22T14:05:00Z');
    expect(closingPosts()).toHaveLength(1);
    expect(closingPosts()[0]!.text).toContain('Cycle 1 of *Closers* is closing');
  });

  it('invites every member to the evaluation when the cycle ends, once', async () => {
    await tickAt('2026-12-30T13:59:00Z');
    for (const u of people) expect(invitations(t, u)).toHaveLength(0);
    await tickAt('2026-12-30T14:01:00Z');
    await tickAt('2026-12-30T14:10:00Z');
    for (const u of people) expect(invitations(t, u)).toHaveLength(1);
    expect(invitations(t, USERS.owner)).toHaveLength(0);
  });

  it('members answer in the modal; bad input is refused on its field and stores nothing', async () => {
    const ok = await evaluate(t, USERS.ben, { ...FULL, mostUseful: 'Hearing how others plan', toImprove: 'Shorter sessions' });
    expect(ok.body).toBe('');
    expect(lastDm(t.emulator, USERS.ben).text).toContain('Thank you for your evaluation');
    await evaluate(t, USERS.chloe, { ...FULL, value: 2, recommend: 'no', choice: 'end' });

    const view = await openEvaluation(t, USERS.dev);
    const refused = await t.slack.submitView(USERS.dev, view!.id, evaluationValues({ keptOwn: 3, recommend: 'yes' }), {
      allowMissingRequired: true,
    });
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: {
        [F.value]: expect.stringContaining('1 to 5'),
        [F.keptOthers]: expect.stringContaining('1 to 5'),
        [F.choice]: expect.stringContaining('continue, rematch or end'),
      },
    });
    await t.slack.closeView(USERS.dev, view!.id);
    const rows = await t.db
      .selectFrom('evaluations')
      .select(['user_id', 'value_rating', 'choice', 'recommend'])
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual([
      { user_id: USERS.ben, value_rating: 4, choice: 'continue', recommend: true },
      { user_id: USERS.chloe, value_rating: 2, choice: 'end', recommend: false },
    ]);
  });

  it('reminds, three days later, only those who have not answered', async () => {
    await tickAt('2027-01-02T14:01:00Z');
    await tickAt('2027-01-02T14:05:00Z');
    expect(reminders(t, USERS.ana)).toHaveLength(1);
    expect(reminders(t, USERS.dev)).toHaveLength(1);
    expect(reminders(t, USERS.ben)).toHaveLength(0);
    expect(reminders(t, USERS.chloe)).toHaveLength(0);
  });

  it('answers can be changed until the evaluation closes; the form shows them', async () => {
    const view = await openEvaluation(t, USERS.ben);
    expect(textOf(view!.view)).toContain('You have answered already');
    await t.slack.submitView(USERS.ben, view!.id, evaluationValues({ choice: 'rematch' }));
    expect(lastDm(t.emulator, USERS.ben).text).toContain('Your evaluation is updated');
    const ben = await t.db.selectFrom('evaluations').selectAll().where('user_id', '=', USERS.ben).executeTakeFirstOrThrow();
    expect(ben).toMatchObject({ choice: 'rematch', value_rating: 4, most_useful: 'Hearing how others plan' });
  });

  it('closes after the circle’s survey days: answers are refused politely and nothing changes', async () => {
    const view = await openEvaluation(t, USERS.dev);
    await tickAt('2027-01-13T14:01:00Z');
    const late = await t.slack.submitView(USERS.dev, view!.id, evaluationValues(FULL));
    expect(late.body).toMatchObject({ response_action: 'errors', errors: { [F.value]: expect.stringContaining('closed (') } });
    await t.slack.closeView(USERS.dev, view!.id);
    expect(await openEvaluation(t, USERS.ana)).toBeUndefined();
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain('can no longer be given or changed');
    expect(await t.db.selectFrom('evaluations').select('user_id').execute()).toHaveLength(2);
  });

  it('a circle set to continue opened its next cycle by itself when the evaluation closed, applying the choices', async () => {
    const cycles = await t.db.selectFrom('cycles').selectAll().where('circle_id', '=', circleId).orderBy('number').execute();
    expect(cycles.map((c) => [c.number, c.start_date, c.status])).toEqual([
      [1, '2026-12-01', 'ended'],
      [2, '2027-01-13', 'active'],
    ]);
    const status = Object.fromEntries(
      (await t.db.selectFrom('memberships').select(['user_id', 'status']).where('circle_id', '=', circleId).execute()).map(
        (m) => [m.user_id, m.status] as const,
      ),
    );
    // ben asked for another circle, chloe chose to end; ana and dev said nothing and are asked.
    expect(status).toEqual({ [USERS.ana]: 'active', [USERS.ben]: 'left', [USERS.chloe]: 'left', [USERS.dev]: 'active' });
    for (const u of [USERS.ana, USERS.dev]) expect(dmsWithButton(t, u, CycleActions.stay)).toHaveLength(1);
    await tickAt('2027-01-13T14:05:00Z');
    expect(await t.db.selectFrom('cycles').select('id').where('circle_id', '=', circleId).execute()).toHaveLength(2);
  });
});
