import { candidateKey } from '../../src/availability';
import { isAppError } from '../../src/core/errors';
import type { Arrangement } from '../../src/programs/formation/types';
import { confirm, shuffle, startPreview, toggleLock } from '../../src/programs/form/service';
import { createProgram, joinProgram, saveIntake } from '../../src/programs/service';
import { TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { itOnPostgres } from '../support/db';
import { intakeAnswers, NEW_YORK_TIMES, programInput } from '../support/programs';

const [TUE, THU] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
const PEOPLE = Array.from({ length: 16 }, (_, i) => `U0CONF${String(i).padStart(3, '0')}`);

/**
 * Confirm is all or nothing and happens once: the draft row is locked while the circles are
 * created, so a second press (or two at once) creates nothing more. Lock and Shuffle through the
 * service: a locked circle survives Shuffle, and Shuffle does not show an arrangement again.
 */
describe('forming: confirm once, lock and shuffle', () => {
  let t: TestApp;
  let programId: number;
  const fx = () => t.services.features.form.fx;

  beforeEach(async () => {
    t = await startTestApp({ start: '2027-01-04T15:00:00Z', organizers: [USERS.owner] });
    // The workspace row exists once Slack has sent a request, as it would have before any program.
    await t.slack.command(USERS.owner, 'help');
    const now = t.clock.now();
    programId = (await createProgram(t.db, TEAM.id, programInput(), USERS.owner, now)).id;
    for (const [i, id] of PEOPLE.entries()) {
      await joinProgram(t.db, TEAM.id, programId, id, now);
      await saveIntake(
        t.db,
        TEAM.id,
        programId,
        id,
        intakeAnswers({
          organization: `Org ${i}`,
          stage: i % 3,
          sector: (['government', 'business', 'nonprofit', 'academia'] as const)[i % 4],
          times: { [TUE]: i < 8 ? 'yes' : 'no', [THU]: i >= 8 ? 'yes' : 'no' },
          volunteer: i % 8 === 0,
        }),
        now,
      );
    }
  }, 60_000);
  afterEach(async () => {
    await t.close();
  });

  const circles = () => t.db.selectFrom('circles').selectAll().execute();

  it('a second Confirm of the same preview creates nothing more', async () => {
    const p = await startPreview(t.db, fx(), TEAM.id, 'Fellows 2027', USERS.owner, t.clock.now());
    expect(p.circles).toHaveLength(2);
    const ref = { programId, version: p.version };
    await confirm(t.db, fx(), TEAM.id, ref, USERS.owner, t.clock.now());
    await expect(confirm(t.db, fx(), TEAM.id, ref, USERS.owner, t.clock.now())).rejects.toThrow('is already formed');
    expect(await circles()).toHaveLength(2);
    expect(await t.db.selectFrom('program_groups').selectAll().execute()).toHaveLength(2);
  });

  itOnPostgres(
    'two Confirm presses at once create the circles once (PostgreSQL only: PGlite runs one statement at a time)',
    async () => {
      const p = await startPreview(t.db, fx(), TEAM.id, 'Fellows 2027', USERS.owner, t.clock.now());
      const ref = { programId, version: p.version };
      const outcomes = await Promise.allSettled([
        confirm(t.db, fx(), TEAM.id, ref, USERS.owner, t.clock.now()),
        confirm(t.db, fx(), TEAM.id, ref, USERS.admin, t.clock.now()),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(isAppError(refused.reason)).toBe(true);
      expect(await circles()).toHaveLength(2);
      const memberships = await t.db.selectFrom('memberships').selectAll().where('role', '=', 'member').execute();
      expect(memberships).toHaveLength(14);
    },
  );

  it('a locked circle survives Shuffle; Shuffle does not show an arrangement again while another as good exists', async () => {
    const now = t.clock.now();
    const p = await startPreview(t.db, fx(), TEAM.id, 'Fellows 2027', USERS.owner, now);
    const kept = p.circles[0]!.members;
    const locked = await toggleLock(t.db, fx(), TEAM.id, { programId, version: p.version }, 0, now);
    expect(locked.locked).toBe(true);
    let version = locked.preview.version;
    const keys = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const s = await shuffle(t.db, fx(), TEAM.id, { programId, version }, now);
      version = s.preview.version;
      const arrangement = (await t.db.selectFrom('formation_drafts').selectAll().executeTakeFirstOrThrow())
        .arrangement as Arrangement;
      expect(arrangement.circles.some((c) => [...c.members].sort().join() === [...kept].sort().join())).toBe(true);
      const key = arrangement.circles
        .map((c) => [...c.members].sort().join())
        .sort()
        .join('|');
      if (s.changed) expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    // A stale button changes nothing.
    await expect(shuffle(t.db, fx(), TEAM.id, { programId, version: p.version }, now)).rejects.toThrow('out of date');
  });
});
