import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Membership events by time: every scheduler pass looks for places taken in the last week (to
 * send a newcomer the reminder whose lead had passed), and the history only grows.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`CREATE INDEX membership_events_by_time ON membership_events (at) WHERE status = 'active'`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP INDEX membership_events_by_time`.execute(db);
}
