import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlitePool } from './pglitePool';
import type { Database } from './types';

export type Db = Kysely<Database>;
/** What a store function runs on: the database, or a transaction a service opened to compose several. */
export type Conn = Kysely<Database> | Transaction<Database>;

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `undefined` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** How long to wait for a connection before failing (default 10 s): an unreachable server fails fast instead of hanging. */
  connectTimeoutMs?: number;
  /** Told when an idle pooled connection dies (database restart, failover); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

const INT8 = 20;
const DATE = 1082;

// Both back ends must hand the code the same shapes: bigint ids and counts as numbers, DATE as
// the 'YYYY-MM-DD' it is (pg's default turns it into a Date at local midnight, off by a day in
// half the world).
const parseInt8 = (value: string) => Number(value);
const keepDate = (value: string) => value;

export function createDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return keepDate;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // Without a listener, an idle connection dropped by the server would crash the process.
    pool.on('error', options.onIdleError ?? (() => undefined));
    // So would one dropped while checked out between two statements (a restart mid-tick): the
    // statement in progress, or the next one, fails on its own and the pool replaces the client.
    pool.on('connect', (client) => {
      client.on('error', options.onIdleError ?? (() => undefined));
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return overPGlite(createPGlite(options.dataDir));
}

/**
 * An embedded database with the type parsers the app expects; in memory without a folder. `template`
 * is a data directory dumped earlier (`dumpDataDir`), which skips initdb and migrations.
 */
export function createPGlite(dataDir?: string, template?: Blob): PGlite {
  // Options go in the one-argument form: PGlite ignores some parsers when given (dataDir, options).
  return new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: keepDate },
  });
}

export function overPGlite(embedded: PGlite): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(embedded) }) });
}
