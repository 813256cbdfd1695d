import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Forming a program's circles: what the organizer is looking at until Confirm. One draft per
 * program: the current arrangement, the circles locked against Shuffle, the keys of the
 * arrangements already shown (capped, so Shuffle moves on), and a version that every button and
 * modal carries, so two organizers' edits (or two Confirm presses) cannot both apply. Confirm
 * records the circles it created.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`
    CREATE TABLE formation_drafts (
      team_id       text NOT NULL,
      program_id    bigint NOT NULL,
      seed          integer NOT NULL,
      version       integer NOT NULL DEFAULT 1,
      shuffles      integer NOT NULL DEFAULT 0,
      arrangement   jsonb NOT NULL,
      locked        jsonb NOT NULL DEFAULT '[]',
      shown         text[] NOT NULL DEFAULT '{}',
      participants  text[] NOT NULL,
      created_by    text NOT NULL,
      updated_at    timestamptz NOT NULL,
      confirmed_at  timestamptz,
      confirmed_by  text,
      circle_ids    jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (team_id, program_id)
    )`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP TABLE formation_drafts`.execute(db);
}
