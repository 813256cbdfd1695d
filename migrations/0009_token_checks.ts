import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Single-token mode (SLACK_BOT_TOKEN): the configured token is the installation, so an uninstall
 * or revocation event no longer marks the workspace uninstalled (which stopped it for good and
 * erased it after the retention window). It records that the token failed auth.test, and since
 * when: sends to the workspace wait until it works again, and nothing is erased.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`
    ALTER TABLE workspaces
      ADD COLUMN token_failed_at timestamptz,
      ADD COLUMN token_error text`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE workspaces DROP COLUMN token_failed_at, DROP COLUMN token_error`.execute(db);
}
