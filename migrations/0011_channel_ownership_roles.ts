import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Channels the app does not own, and roles that end with the place.
 *
 * `circles.channel_created` records that the app created the circle's channel: only from such a
 * channel does it remove people on their own. For circles saved before this migration nobody knows,
 * so they count as not created (the safe side): people are removed from their channel only while its
 * members are exactly the circle's.
 *
 * A facilitator who left, or waits for a place, is no facilitator: such rows become members, so
 * rejoining comes back as a member.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE circles ADD COLUMN channel_created boolean NOT NULL DEFAULT false`.execute(db);
  await sql`
    UPDATE memberships SET role = 'member'
    WHERE role = 'facilitator' AND status IN ('left', 'waitlisted')`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE circles DROP COLUMN channel_created`.execute(db);
}
