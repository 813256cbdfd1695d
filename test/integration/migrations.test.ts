import { createHash } from 'node:crypto';
import { Migrator } from 'kysely/migration';
import { migrations } from '../../migrations';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate';
import { createTestDatabase, itOnPostgres, type TestDatabase } from '../support/db';

const TABLES = [
  'agenda_items',
  'attendance',
  'checkins',
  'circles',
  'commitments',
  'cycle_stays',
  'cycles',
  'deliveries',
  'enterprise_installations',
  'evaluations',
  'formation_drafts',
  'match_drafts',
  'membership_events',
  'memberships',
  'pair_meetings',
  'pair_surveys',
  'pair_tips_used',
  'pairs',
  'program_groups',
  'program_intakes',
  'programs',
  'prompts',
  'rate_limits',
  'rematch_requests',
  'scheduler_state',
  'session_notes',
  'session_rosters',
  'sessions',
  'time_poll_answers',
  'time_polls',
  'users',
  'workspaces',
];

async function tableNames(t: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(t.db);
  return rows.map((r) => r.table_name);
}

async function schemaFingerprint(t: TestDatabase): Promise<string> {
  const { rows } = await sql<{ d: string }>`
    select table_name || '.' || column_name || ':' || data_type || ':' || is_nullable as d
    from information_schema.columns where table_schema = 'public' order by 1`.execute(t.db);
  const idx = await sql<{ d: string }>`select indexdef as d from pg_indexes where schemaname = 'public' order by 1`.execute(t.db);
  return [...rows, ...idx.rows].map((r) => r.d).join('\n');
}

describe('migrations', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterEach(async () => {
    await t.close();
  });

  it('apply to an empty database and create every table of the design', async () => {
    expect(await tableNames(t)).toEqual([]);
    const applied = await migrateToLatest(t.db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(await tableNames(t)).toEqual(TABLES);
  });

  it('applied twice change nothing the second time', async () => {
    await migrateToLatest(t.db);
    const before = await schemaFingerprint(t);
    expect(await migrateToLatest(t.db)).toEqual([]);
    expect(await schemaFingerprint(t)).toBe(before);
  });

  it('0016 keeps a calendar link made before it working, stored only as its hash', async () => {
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0015_formation_drafts')).error).toBeUndefined();
    const token = 'a'.repeat(43);
    await sql`INSERT INTO workspaces (team_id) VALUES ('T1')`.execute(t.db);
    await sql`INSERT INTO users (team_id, user_id, calendar_token) VALUES ('T1', 'U1', ${token})`.execute(t.db);
    await migrateToLatest(t.db);
    const rows = await sql<Record<string, unknown>>`SELECT * FROM users`.execute(t.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({
      calendar_token_hash: createHash('sha256').update(token).digest('hex'),
      calendar_link_nonce: null,
    });
    expect(Object.values(rows.rows[0]!)).not.toContain(token);
  });

  it('encode the rules as constraints', async () => {
    await migrateToLatest(t.db);
    const now = new Date();
    await t.db.insertInto('workspaces').values({ team_id: 'T1' }).execute();
    await t.db.insertInto('workspaces').values({ team_id: 'T2' }).execute();
    await t.db.insertInto('users').values({ team_id: 'T1', user_id: 'U1', time_zone: null, refreshed_at: null }).execute();
    const cadence = JSON.stringify({ kind: 'weekly' });
    const circle = {
      team_id: 'T1',
      name: 'Leaders',
      kind: 'group' as const,
      channel_id: null,
      cadence,
      video_link: null,
      created_by: 'U1',
    };
    const { id } = await t.db.insertInto('circles').values(circle).returning('id').executeTakeFirstOrThrow();
    // circle names are unique per workspace, whatever the case
    await expect(
      t.db
        .insertInto('circles')
        .values({ ...circle, name: 'LEADERS' })
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    await t.db
      .insertInto('circles')
      .values({ ...circle, team_id: 'T2', name: 'leaders' })
      .execute();
    // lead times only from the menus the planner scans
    await expect(
      t.db
        .updateTable('circles')
        .set({ reminder_lead_minutes: [10080, 90] })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/check constraint/i);
    await expect(t.db.updateTable('circles').set({ agenda_lead_minutes: 30 }).where('id', '=', id).execute()).rejects.toThrow(
      /check constraint/i,
    );
    // one membership per person per circle
    const membership = {
      team_id: 'T1',
      circle_id: id,
      user_id: 'U1',
      status: 'active' as const,
      paused_until: null,
      joined_at: now,
      left_at: null,
    };
    await t.db.insertInto('memberships').values(membership).execute();
    await expect(t.db.insertInto('memberships').values(membership).execute()).rejects.toThrow(/unique|duplicate/i);
    // a row cannot point into another workspace
    await expect(
      t.db
        .insertInto('memberships')
        .values({ ...membership, team_id: 'T2', user_id: 'U9' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    // one delivery per key
    const delivery = {
      team_id: 'T1',
      key: 'reminder:1:U1:60',
      kind: 'reminder',
      circle_id: null,
      session_id: null,
      user_id: 'U1',
      channel_id: null,
      due_at: now,
      expires_at: null,
      next_attempt_at: now,
      lease_until: null,
      sent_channel: null,
      sent_ts: null,
      last_error: null,
    };
    await t.db.insertInto('deliveries').values(delivery).execute();
    const again = await t.db
      .insertInto('deliveries')
      .values(delivery)
      .onConflict((oc) => oc.columns(['team_id', 'key']).doNothing())
      .execute();
    expect(Number(again[0]?.numInsertedOrUpdatedRows ?? 0)).toBe(0);
    // DATE reads back as the calendar date it is, bigint ids as numbers
    const cycle = await t.db
      .insertInto('cycles')
      .values({ team_id: 'T1', circle_id: id, number: 1, start_date: '2026-12-01', end_date: '2027-04-01' })
      .returning(['id', 'start_date'])
      .executeTakeFirstOrThrow();
    expect(cycle.start_date).toBe('2026-12-01');
    expect(typeof cycle.id).toBe('number');
  });

  itOnPostgres('on PostgreSQL only: two replicas migrating at once apply each migration exactly once', async () => {
    // Two pools, as two replicas would have.
    const a = t.connect(2);
    const b = t.connect(2);
    const [ra, rb] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
    expect([...ra, ...rb].sort()).toEqual(Object.keys(migrations));
    expect(await tableNames(t)).toEqual(TABLES);
  });
});
