import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/** What the session rhythm and the scheduler need beyond the initial schema. */
export async function up(db: AnyDb): Promise<void> {
  // How far ahead a circle's sessions are stored; the horizon job extends it day by day.
  await sql`ALTER TABLE circles ADD COLUMN sessions_planned_until timestamptz`.execute(db);
  // A session moved by hand keeps its time when the cadence is regenerated.
  await sql`ALTER TABLE sessions ADD COLUMN rescheduled boolean NOT NULL DEFAULT false`.execute(db);
  // People who passed this session's warm-up on, so it is not handed straight back to them.
  await sql`ALTER TABLE sessions ADD COLUMN warmup_passed text[] NOT NULL DEFAULT '{}'`.execute(db);
  // The planner scans sessions by start time across workspaces, a narrow window each pass.
  await sql`CREATE INDEX sessions_scheduled_by_start ON sessions (starts_at) WHERE status = 'scheduled'`.execute(db);
  // Watermarks of the scheduler: up to when deliveries have been planned.
  await sql`
    CREATE TABLE scheduler_state (
      name        text PRIMARY KEY,
      value       timestamptz NOT NULL,
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP TABLE scheduler_state`.execute(db);
  await sql`DROP INDEX sessions_scheduled_by_start`.execute(db);
  await sql`ALTER TABLE sessions DROP COLUMN warmup_passed`.execute(db);
  await sql`ALTER TABLE sessions DROP COLUMN rescheduled`.execute(db);
  await sql`ALTER TABLE circles DROP COLUMN sessions_planned_until`.execute(db);
}
