import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

export interface TestDatabase {
  db: Db;
  /** The connection string of this test's own database (PostgreSQL only). */
  url: string | undefined;
  /** A second, independent handle on the same database (PostgreSQL only), for concurrency tests. */
  connect(maxConnections?: number): Db;
  close(): Promise<void>;
}

export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/**
 * A fresh, empty database for one test file: an in-memory PGlite by default, or a throwaway
 * PostgreSQL database created beside DATABASE_URL's and dropped afterwards.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const db = createDatabase({});
    if (migrate) await migrateToLatest(db);
    return {
      db,
      url: undefined,
      connect: () => {
        throw new Error('A second connection needs PostgreSQL (set DATABASE_URL)');
      },
      close: () => db.destroy(),
    };
  }
  const name = `pc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: baseUrl, max: 1 }) }),
  });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handles: Db[] = [];
  const connect = (maxConnections = 10) => {
    const handle = createDatabase({ databaseUrl: url.toString(), maxConnections });
    handles.push(handle);
    return handle;
  };
  const db = connect();
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    connect,
    async close() {
      await Promise.all(handles.map((h) => h.destroy()));
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}
