import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Calendar feed tokens stored hashed: a copy of the database no longer opens anyone's feed.
 *
 * A link is now derived from a per-person nonce and the app's calendar link secret (HMAC), and
 * only the token's SHA-256 is stored, which is all a feed request needs to find its owner. Links
 * handed out before this migration keep working (their hash is kept), but having no nonce they
 * cannot be shown again: the App Home offers a new link instead.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN calendar_token_hash text`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN calendar_link_nonce text`.execute(db);
  await sql`
    UPDATE users SET calendar_token_hash = encode(sha256(convert_to(calendar_token, 'UTF8')), 'hex')
    WHERE calendar_token IS NOT NULL`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN calendar_token`.execute(db);
  await sql`CREATE UNIQUE INDEX users_calendar_token_hash_key ON users (calendar_token_hash)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  // The tokens themselves are gone: going back leaves everyone without a link until they ask again.
  await sql`DROP INDEX users_calendar_token_hash_key`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN calendar_link_nonce`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN calendar_token_hash`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN calendar_token text UNIQUE`.execute(db);
}
