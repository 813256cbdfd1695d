import { sql } from 'kysely';
import { CycleActions } from '../../src/cycles/ids';
import type { PairsPort } from '../../src/cycles/ports';
import { rollover } from '../../src/cycles/service';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { dmsWithButton } from '../support/checkins';
import { evaluate, FULL } from '../support/cycles';
import { lastEphemeral, membershipsOf, seedCircle } from '../support/fixtures';

/**
 * The next cycle, with each choice: continue stays, end leaves with thanks, rematch (in a group:
 * another circle) leaves pointed to the others, and silence is asked once, then dropped.
 * Cycle 1: 2026-12-01 to 2026-12-29 (New York); the evaluation opens 2026-12-30 14:00 UTC.
 */
describe('cycles: rollover', () => {
  let t: TestApp;
  let circleId = 0;
  const farewells = (u: string) =>
    t.emulator
      .dmsTo(u)
      .filter((m) => /^:(pray|twisted_rightwards_arrows|wave): (Thank you for being|As you asked|We did not hear)/.test(m.text));
  const stayAsks = (u: string) => dmsWithButton(t, u, CycleActions.stay);
  const statusOf = async () =>
    Object.fromEntries((await membershipsOf(t.db, circleId)).map((m) => [m.user_id, m.status] as const));
  const tickAt = async (at: string) => {
    t.clock.set(at);
    expect((await t.tick(at)).failed).toEqual([]);
  };

  // A fresh app and database, and the passes that bring the cycle to its point: seconds, more on a loaded machine.
  beforeAll(async () => {
    t = await startTestApp({ start: '2026-12-28T12:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Rollers',
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe, USERS.dev, USERS.elena, USERS.farid],
      startDate: '2026-12-01',
      endDate: '2026-12-29',
    });
    circleId = circle.id;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    await tickAt('2026-12-28T12:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('refuses before the cycle has ended, and refuses people who are not organizers', async () => {
    await t.slack.command(USERS.owner, 'cycle next Rollers', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.owner)).toContain('can be opened once it has ended');
    await tickAt('2026-12-30T14:01:00Z');
    await t.slack.command(USERS.ana, 'cycle next Rollers', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain('Only organizers');
    await t.slack.command(USERS.owner, 'cycle after Rollers', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.owner)).toContain('cycle next [name]');
    expect(await t.db.selectFrom('cycles').select('number').where('circle_id', '=', circleId).execute()).toHaveLength(1);
  });

  it('applies each choice when an organizer opens the next cycle', async () => {
    await evaluate(t, USERS.ana, FULL);
    await evaluate(t, USERS.ben, FULL);
    await evaluate(t, USERS.chloe, { ...FULL, choice: 'end' });
    await evaluate(t, USERS.dev, { ...FULL, choice: 'rematch' });
    // elena and farid say nothing.
    await tickAt('2027-01-04T15:00:00Z');

    // The database fails in the middle, as dev leaves: the next cycle is not opened, and nobody has
    // left or been thanked yet, so asking again does everything once.
    await sql`CREATE FUNCTION fail_leave() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'left' AND NEW.user_id = ${sql.lit(USERS.dev)} THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`.execute(
      t.db,
    );
    await sql`CREATE TRIGGER fail_leave BEFORE UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION fail_leave()`.execute(t.db);
    await t.slack.command(USERS.owner, 'cycle next Rollers', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.owner)).toContain('Something went wrong on our side and nothing was changed');
    expect(await t.db.selectFrom('cycles').select('number').where('circle_id', '=', circleId).execute()).toHaveLength(1);
    expect(Object.values(await statusOf()).every((status) => status === 'active')).toBe(true);
    const rolloverMessages = () =>
      t.db
        .selectFrom('deliveries')
        .select('key')
        .where((eb) => eb.or([eb('key', 'like', 'cycle-farewell:%'), eb('key', 'like', 'cycle-stay:%')]))
        .execute();
    expect(await rolloverMessages()).toEqual([]);
    await sql`DROP TRIGGER fail_leave ON memberships`.execute(t.db);
    await sql`DROP FUNCTION fail_leave()`.execute(t.db);

    await t.slack.command(USERS.owner, 'cycle next Rollers', { channelId: CHANNELS.general });
    const reply = lastEphemeral(t.emulator, USERS.owner);
    expect(reply).toContain('Cycle 2 of *Rollers* is open');
    expect(reply).toContain('2 members continue; 1 leaves with thanks');
    expect(reply).toContain('1 moves on to another circle');
    expect(reply).toContain('2 members did not answer');

    expect(await statusOf()).toEqual({
      [USERS.ana]: 'active',
      [USERS.ben]: 'active',
      [USERS.chloe]: 'left',
      [USERS.dev]: 'left',
      [USERS.elena]: 'active',
      [USERS.farid]: 'active',
    });
    expect(farewells(USERS.chloe).map((m) => m.text)).toEqual([expect.stringContaining('Thank you for being part of *Rollers*')]);
    expect(farewells(USERS.dev).map((m) => m.text)).toEqual([
      expect.stringContaining('`/circle list` shows the circles you can join'),
    ]);
    expect(farewells(USERS.ben)).toEqual([]);
    for (const u of [USERS.elena, USERS.farid]) expect(stayAsks(u)).toHaveLength(1);
    for (const u of [USERS.ana, USERS.ben]) expect(stayAsks(u)).toHaveLength(0);

    // The new cycle's sessions are on the schedule.
    const cycles = await t.db.selectFrom('cycles').selectAll().where('circle_id', '=', circleId).orderBy('number').execute();
    expect(cycles.map((c) => [c.number, c.start_date, c.end_date, c.status])).toEqual([
      [1, '2026-12-01', '2026-12-29', 'ended'],
      [2, '2027-01-04', '2027-02-01', 'active'],
    ]);
    const sessions = await t.db.selectFrom('sessions').select('starts_at').where('cycle_id', '=', cycles[1]!.id).execute();
    expect(sessions.length).toBeGreaterThan(0);

    // Once is once.
    await t.slack.command(USERS.owner, 'cycle next Rollers', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, USERS.owner)).toContain('can be opened once it has ended');
  });

  it('a silent member asked once may stay; one who never answers is dropped with a word', async () => {
    const ask = stayAsks(USERS.elena)[0]!;
    await t.slack.clickButton(USERS.elena, { channelId: ask.channel, ts: ask.ts }, CycleActions.stay);
    // The question is replaced by its answer, so it cannot be pressed twice.
    const answered = t.emulator.messages(ask.channel).find((m) => m.ts === ask.ts)!;
    expect(answered.text).toContain('you keep your place in *Rollers*');
    expect(JSON.stringify(answered.blocks ?? [])).not.toContain(CycleActions.leave);

    await tickAt('2027-01-10T15:00:00Z');
    expect((await statusOf())[USERS.farid]).toBe('active');
    await tickAt('2027-01-11T15:01:00Z');
    const status = await statusOf();
    expect(status[USERS.farid]).toBe('left');
    expect(status[USERS.elena]).toBe('active');
    expect(farewells(USERS.farid).map((m) => m.text)).toEqual([expect.stringContaining('We did not hear back from you')]);
    await tickAt('2027-01-11T15:05:00Z');
    expect(farewells(USERS.farid)).toHaveLength(1);
  });

  it('in a pairs program, pairs who both continue stay paired and rematches go to the next matching (pairs port)', async () => {
    const pairs = await seedCircle(t.db, t.emulator, {
      name: 'Pairs Program',
      kind: 'pairs',
      members: [USERS.grace, USERS.hiro, USERS.isha, USERS.jonas, USERS.kofi, USERS.priya],
      startDate: '2026-12-01',
      endDate: '2026-12-29',
    });
    const cycle1 = await t.db.selectFrom('cycles').selectAll().where('circle_id', '=', pairs.id).executeTakeFirstOrThrow();
    const choices = {
      [USERS.grace]: 'continue',
      [USERS.hiro]: 'continue',
      [USERS.isha]: 'continue',
      [USERS.jonas]: 'rematch',
      [USERS.kofi]: 'end',
    } as const;
    const now = new Date('2027-01-11T16:00:00Z');
    for (const [userId, choice] of Object.entries(choices)) {
      await t.db
        .insertInto('evaluations')
        .values({
          team_id: TEAM.id,
          circle_id: pairs.id,
          cycle_id: cycle1.id,
          user_id: userId,
          value_rating: 4,
          kept_own: 4,
          kept_others: 4,
          recommend: true,
          choice,
          submitted_at: now,
          updated_at: now,
        })
        .execute();
    }
    const calls: Record<string, unknown[]> = { keepPairs: [], requestRematch: [] };
    const port: PairsPort = {
      currentPairs: async () => [
        [USERS.grace, USERS.hiro],
        [USERS.isha, USERS.jonas],
        [USERS.kofi, USERS.priya],
      ],
      pairMeetingRate: async () => null,
      pairMeetings: async () => [],
      keepPairs: async (...args) => void calls.keepPairs!.push(args.slice(4)),
      requestRematch: async (...args) => void calls.requestRematch!.push(args.slice(3)),
    };
    const fx = { ...t.services.features.cycles.effects, pairs: port };
    const done = await rollover(t.db, fx, pairs, now);
    expect(done.keptPairs).toEqual([[USERS.grace, USERS.hiro]]);
    expect(calls.keepPairs).toEqual([[[[USERS.grace, USERS.hiro]]]]);
    // jonas asked for a new partner; isha chose continue but her partner did not.
    expect(calls.requestRematch).toEqual([[[USERS.jonas, USERS.isha]]]);
    expect(done.plan.silent).toEqual([USERS.priya]);
    const status = Object.fromEntries((await membershipsOf(t.db, pairs.id)).map((m) => [m.user_id, m.status] as const));
    expect(status).toMatchObject({ [USERS.kofi]: 'left', [USERS.jonas]: 'active', [USERS.isha]: 'active' });
  });
});
