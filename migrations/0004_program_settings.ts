import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * What a circle's organizers set for its program beyond the rhythm: when the check-in DM follows
 * a session, the coaching topics and partner cool-off of a pairs program, and how a cycle ends.
 * Values that the scheduler scans by come from fixed menus, held here as constraints.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`
    ALTER TABLE circles
      ADD COLUMN checkin_delay_minutes integer NOT NULL DEFAULT 15
        CONSTRAINT circles_checkin_delay_from_menu CHECK (checkin_delay_minutes IN (0, 15, 60, 180, 720)),
      ADD COLUMN topics text[] NOT NULL DEFAULT '{}'
        CONSTRAINT circles_topics_bounded CHECK (cardinality(topics) <= 20),
      ADD COLUMN pair_cooloff_cycles integer
        CONSTRAINT circles_pair_cooloff_range CHECK (pair_cooloff_cycles BETWEEN 1 AND 10),
      ADD COLUMN evaluations_anonymous boolean NOT NULL DEFAULT false,
      ADD COLUMN continue_automatically boolean NOT NULL DEFAULT false,
      ADD COLUMN survey_close_days integer NOT NULL DEFAULT 14
        CONSTRAINT circles_survey_close_range CHECK (survey_close_days BETWEEN 3 AND 60)`.execute(db);
  await sql`ALTER TABLE circles ADD CONSTRAINT circles_lapse_threshold_range CHECK (lapse_threshold BETWEEN 1 AND 10)`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE circles DROP CONSTRAINT circles_lapse_threshold_range`.execute(db);
  await sql`
    ALTER TABLE circles
      DROP COLUMN survey_close_days,
      DROP COLUMN continue_automatically,
      DROP COLUMN evaluations_anonymous,
      DROP COLUMN pair_cooloff_cycles,
      DROP COLUMN topics,
      DROP COLUMN checkin_delay_minutes`.execute(db);
}
