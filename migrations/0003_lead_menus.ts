import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Lead times come from fixed menus (src/sessions/leads.ts at the time of writing): the planner
 * scans one range per menu lead, so a value outside the menu would never be planned. The
 * constraints make such a value impossible to store rather than silently ignored.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`
    ALTER TABLE circles ADD CONSTRAINT circles_reminder_leads_from_menu
    CHECK (reminder_lead_minutes <@ ARRAY[10080, 4320, 1440, 120, 60, 15])`.execute(db);
  await sql`
    ALTER TABLE circles ADD CONSTRAINT circles_agenda_lead_from_menu
    CHECK (agenda_lead_minutes IN (2880, 1440, 720, 120))`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE circles DROP CONSTRAINT circles_agenda_lead_from_menu`.execute(db);
  await sql`ALTER TABLE circles DROP CONSTRAINT circles_reminder_leads_from_menu`.execute(db);
}
