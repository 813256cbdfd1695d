import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, createPGlite, type Db, overPGlite } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

export interface TestDatabase {
  db: Db;
  /** The connection string of this test's own database (PostgreSQL only). */
  url: string | undefined;
  /** A second, independent handle on the same database (PostgreSQL only), for concurrency tests. */
  connect(maxConnections?: number): Db;
  close(): Promise<void>;
}

let embedded: { pglite: PGlite; db: Db } | undefined;

/**
 * initdb and the migrations cost most of an embedded database's start (seconds per test file on a
 * busy machine), so the first file to need one migrates it and dumps it to a file named for the
 * migrations' contents; later files load that dump.
 */
async function migratedTemplate(): Promise<Blob> {
  const dir = join(__dirname, '../../migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  const path = join(tmpdir(), `peer-circles-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const pglite = createPGlite();
  const db = overPGlite(pglite);
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  // Written aside and renamed: parallel workers may race to make it, and none may read half a file.
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  return dump;
}

/** Emptying tables costs milliseconds: the tests of one file share one migrated instance, emptied before each use. */
async function reusedEmbedded(): Promise<Db> {
  if (!embedded || embedded.pglite.closed) {
    const pglite = createPGlite(undefined, await migratedTemplate());
    const db = overPGlite(pglite);
    // A no-op on a current template; a safety net should the dump ever lag the migrations.
    await migrateToLatest(db);
    embedded = { pglite, db };
    return db;
  }
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(embedded.db);
  if (rows.length) {
    await sql`TRUNCATE ${sql.join(rows.map((r) => sql.table(r.tablename)))} RESTART IDENTITY CASCADE`.execute(embedded.db);
  }
  return embedded.db;
}

/** Closes this file's shared embedded database (registered for every test file in setup.ts). */
export async function closeSharedEmbedded(): Promise<void> {
  const current = embedded;
  embedded = undefined;
  if (current && !current.pglite.closed) await current.db.destroy();
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
    const db = migrate ? await reusedEmbedded() : createDatabase({});
    return {
      db,
      url: undefined,
      connect: () => {
        throw new Error('A second connection needs PostgreSQL (set DATABASE_URL)');
      },
      // The reused instance stays open for the next test of this file; it goes with the file.
      close: async () => {
        if (!migrate) await db.destroy();
      },
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

/**
 * For tests about concurrency (row locks, SKIP LOCKED, replicas racing): PGlite runs one statement
 * at a time, so there they would pass without proving anything. They run when DATABASE_URL is set
 * (as CI's second run does) and are reported as skipped on the embedded database.
 */
export const itOnPostgres: jest.It = usingPostgres() ? it : it.skip;
