import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * Installations sealed at rest, org-wide (Enterprise Grid) installs, uninstalls kept for a while,
 * and rate limits every replica honours.
 *
 * A plain installation stored before this migration is sealed here, with the first key of
 * TOKEN_ENCRYPTION_KEY, and the plain column is dropped, so no token is left in clear. A migration
 * runs before the app reads its configuration, so this one reads the key itself; the sealed
 * format is written out here (not imported) because a landed migration must not change with the
 * code: it is the `v1` format of src/workspaces/sealing.ts.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`
    ALTER TABLE workspaces
      ADD COLUMN sealed_installation text,
      ADD COLUMN enterprise_id text,
      ADD COLUMN uninstalled_at timestamptz,
      ADD COLUMN erase_after timestamptz`.execute(db);

  const { rows } = await sql<{ team_id: string; installation: unknown }>`
    SELECT team_id, installation FROM workspaces WHERE installation IS NOT NULL`.execute(db);
  if (rows.length > 0) {
    const key = firstKey(process.env.TOKEN_ENCRYPTION_KEY);
    if (!key) {
      throw new Error(
        `${rows.length} installation(s) are stored with their tokens in clear: set TOKEN_ENCRYPTION_KEY (a base64 key of 32 bytes) so this migration can encrypt them.`,
      );
    }
    for (const row of rows) {
      const plain = typeof row.installation === 'string' ? row.installation : JSON.stringify(row.installation);
      await sql`UPDATE workspaces SET sealed_installation = ${seal(key, plain)} WHERE team_id = ${row.team_id}`.execute(db);
    }
  }
  await sql`ALTER TABLE workspaces DROP COLUMN installation`.execute(db);

  await sql`
    CREATE TABLE enterprise_installations (
      enterprise_id        text PRIMARY KEY,
      name                 text,
      sealed_installation  text,
      installed_at         timestamptz NOT NULL,
      uninstalled_at       timestamptz,
      updated_at           timestamptz NOT NULL
    )`.execute(db);

  // Slack's Retry-After for a workspace (bucket '*') or one of its methods, so every replica waits it out.
  await sql`
    CREATE TABLE rate_limits (
      team_id  text NOT NULL,
      bucket   text NOT NULL,
      until    timestamptz NOT NULL,
      PRIMARY KEY (team_id, bucket)
    )`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP TABLE rate_limits`.execute(db);
  await sql`DROP TABLE enterprise_installations`.execute(db);
  await sql`ALTER TABLE workspaces ADD COLUMN installation jsonb`.execute(db);
  await sql`
    ALTER TABLE workspaces
      DROP COLUMN sealed_installation, DROP COLUMN enterprise_id, DROP COLUMN uninstalled_at, DROP COLUMN erase_after`.execute(
    db,
  );
}

function firstKey(value: string | undefined): Buffer | undefined {
  const first = value?.split(',')[0]?.trim();
  if (!first) return undefined;
  const key = Buffer.from(first, 'base64');
  if (key.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must be a base64 key of 32 bytes');
  return key;
}

function seal(key: Buffer, plain: string): string {
  const print = createHash('sha256').update('peer-circles token key').update(key).digest('base64url').slice(0, 8);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', print, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}
