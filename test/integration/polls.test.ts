import type { CircleRow } from '../../src/circles/store';
import { knownPerson } from '../../src/people/service';
import { pollKinds } from '../../src/polls/deliveries';
import { pollsPersonalData } from '../../src/polls/privacy';
import { loadPoll, openPoll, pick, type PollEffects, ranking, saveAnswers } from '../../src/polls/service';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import type { CandidateTime } from '../../src/availability';
import { startTestApp, type TestApp } from '../support/app';
import { itOnPostgres } from '../support/db';
import { seedCircle } from '../support/fixtures';

const NY = 'America/New_York';
const at = (localTime: string): CandidateTime => ({
  kind: 'weekly',
  weekday: 'tuesday',
  localTime,
  timeZone: NY,
  durationMinutes: 60,
});

/** The poll's use cases against the database: answers, the ranking, erasure, and a pick applied once. */
describe('time polls in the database', () => {
  let t: TestApp;
  let circle: CircleRow;
  let fx: PollEffects;

  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-25T12:00:00Z' });
    circle = await seedCircle(t.db, t.emulator, {
      name: 'Growth',
      facilitators: [USERS.ben],
      members: [USERS.chloe, USERS.dev],
      cadence: { kind: 'weekly', everyWeeks: 1, weekday: 'tuesday', localTime: '09:00', durationMinutes: 60, timeZone: NY },
    });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    // As if Slack had been asked who they are (a command or a button does that).
    await t.db.updateTable('users').set({ refreshed_at: t.clock.now() }).where('team_id', '=', TEAM.id).execute();
    fx = { outbox: t.services.deps.outbox, kinds: pollKinds(t.db) };
  });
  afterEach(async () => {
    await t.close();
  });

  const now = () => t.clock.now();
  const ben = async () => (await knownPerson(t.db, TEAM.id, USERS.ben))!;

  it('keeps one open poll per circle, ranks the answers, and forgets a member’s answers on request', async () => {
    const first = await openPoll(t.db, fx, circle, USERS.ben, [at('08:00'), at('17:00')], 5, now());
    const second = await openPoll(t.db, fx, circle, USERS.ben, [at('08:00'), at('17:00')], 5, now());
    expect((await loadPoll(t.db, TEAM.id, first.poll.id)).poll.status).toBe('cancelled');
    const id = second.poll.id;
    await saveAnswers(t.db, TEAM.id, id, USERS.chloe, { [`weekly:tuesday:17:00:${NY}`]: 'yes' }, 'Late is fine', now());
    await saveAnswers(t.db, TEAM.id, id, USERS.chloe, { [`weekly:tuesday:08:00:${NY}`]: 'yes' }, null, now());
    await saveAnswers(t.db, TEAM.id, id, USERS.dev, { [`weekly:tuesday:08:00:${NY}`]: 'ifneedbe' }, 'Tired <!here>', now());
    await expect(saveAnswers(t.db, TEAM.id, id, USERS.grace, {}, null, now())).rejects.toThrow('Only the members');

    const r = await ranking(t.db, TEAM.id, id, await ben(), [], now());
    expect(r.ranked.map((x) => [x.candidate.localTime, x.yes, x.ifNeedBe, x.unanswered])).toEqual([
      ['08:00', [USERS.chloe], [USERS.dev], [USERS.ben]],
      ['17:00', [], [], [USERS.ben, USERS.chloe, USERS.dev]],
    ]);
    expect(r.answered).toBe(2);

    const described = await pollsPersonalData.describe(t.db, TEAM.id, USERS.dev);
    expect(described[0]!.lines).toEqual(['Growth: Tue 08:00 New York: If need be (note: Tired <!here>)']);
    await t.db.transaction().execute((trx) => pollsPersonalData.forget(trx, TEAM.id, USERS.dev, 'Uforgotten'));
    expect((await pollsPersonalData.describe(t.db, TEAM.id, USERS.dev))[0]!.lines).toEqual([]);
    expect((await pollsPersonalData.describe(t.db, TEAM.id, USERS.chloe))[0]!.lines).toHaveLength(1);

    // Answers close with the poll.
    t.clock.set('2026-12-01T12:00:01Z');
    await expect(saveAnswers(t.db, TEAM.id, id, USERS.chloe, {}, null, now())).rejects.toThrow('closed');
  });

  itOnPostgres('two Picks at once apply once (PostgreSQL only: PGlite runs one statement at a time)', async () => {
    const { poll } = await openPoll(t.db, fx, circle, USERS.ben, [at('08:00'), at('17:00')], 5, now());
    const person = await ben();
    const other = t.database.connect(4);
    try {
      const results = await Promise.allSettled([
        pick(t.db, fx, TEAM.id, poll.id, person, [], [0], false, now()),
        pick(other, fx, TEAM.id, poll.id, person, [], [1], false, now()),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(String(refused.reason)).toContain('a time has been picked');
      const deliveries = await t.db.selectFrom('deliveries').select('key').where('kind', '=', 'poll_picked').execute();
      expect(deliveries).toHaveLength(1);
    } finally {
      await other.destroy();
    }
  });
});
