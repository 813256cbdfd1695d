import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from '../../migrations';
import { migrateToLatest } from '../../src/db/migrate';
import { createTestDatabase, type TestDatabase } from '../support/db';

/** 0017: pair reasons stored as sentences become `text` reasons, in order; down brings the sentences back. */
describe('migration 0017: pair reasons as data', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterEach(async () => {
    await t.close();
  });

  const migrator = () => new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
  const reasons = async () =>
    (await sql<{ id: number; reasons: unknown }>`SELECT id, reasons FROM pairs ORDER BY id`.execute(t.db)).rows.map(
      (r) => r.reasons,
    );

  it('turns each stored sentence into a text reason, keeps empty lists, and goes back down', async () => {
    const before = await migrator().migrateTo('0015_formation_drafts');
    expect(before.error).toBeUndefined();
    await sql`INSERT INTO workspaces (team_id) VALUES ('T1')`.execute(t.db);
    const circle = await sql<{ id: number }>`
      INSERT INTO circles (team_id, name, kind, cadence, created_by)
      VALUES ('T1', 'Coaching', 'pairs', '{}', 'U0') RETURNING id`.execute(t.db);
    const circleId = circle.rows[0]!.id;
    const cycle = await sql<{ id: number }>`
      INSERT INTO cycles (team_id, circle_id, number, start_date, end_date)
      VALUES ('T1', ${circleId}, 1, '2026-12-01', '2026-12-29') RETURNING id`.execute(t.db);
    const cycleId = cycle.rows[0]!.id;
    const legacy = ['both: fundraising; 1 h apart; <@U1> asked for <@U2>', '<@U2> & <@U3>: same time zone'];
    for (const list of [legacy, []])
      await sql`
        INSERT INTO pairs (team_id, circle_id, cycle_id, user_ids, status, reasons)
        VALUES ('T1', ${circleId}, ${cycleId}, ${['U1', 'U2', 'U3']}, 'confirmed', ${JSON.stringify(list)}::jsonb)`.execute(t.db);

    await migrateToLatest(t.db);
    expect(await reasons()).toEqual([legacy.map((text) => ({ kind: 'text', text })), []]);

    const down = await migrator().migrateTo('0015_formation_drafts');
    expect(down.error).toBeUndefined();
    expect(await reasons()).toEqual([legacy, []]);
  });
});
