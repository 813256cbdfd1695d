import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, createPGlite, type Db, overPGlite } from '../src/db/database';

export interface BenchDatabase {
  /** What the figures were measured on: "PGlite" or "PostgreSQL 15.x". */
  name: string;
  db: Db;
  close(): Promise<void>;
}

/** An in-memory PGlite, or with DATABASE_URL a throwaway PostgreSQL database beside it, dropped on close. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const db = overPGlite(createPGlite());
    return { name: 'PGlite', db, close: () => db.destroy() };
  }
  const name = `pc_bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: baseUrl, max: 1 }) }),
  });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ databaseUrl: url.toString() });
  const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(db);
  return {
    name: `PostgreSQL ${rows[0]?.server_version.split(' ')[0] ?? ''}`.trim(),
    db,
    async close() {
      await db.destroy();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}
