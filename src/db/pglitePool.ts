import type { PGlite } from '@electric-sql/pglite';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { PGliteStatements } from './pgliteStatements';

/**
 * Adapts one embedded PGlite instance to the pool interface Kysely's PostgresDialect expects,
 * so both back ends share the dialect, the SQL and the migrations.
 *
 * PGlite is a single session: two interleaved transactions would corrupt each other, so the
 * pool lends its one connection to one borrower at a time and the rest wait their turn.
 */
export class PGlitePool implements PostgresPool {
  /**
   * What Kysely would open a second connection with to cancel a query; with no `Client` beside it,
   * it cancels through the pool instead, and nothing here cancels queries.
   */
  readonly options = {};
  private tail: Promise<void> = Promise.resolve();
  /** Prepared statements belong to the database's one session, so the pool keeps them for every borrower. */
  private readonly statements: PGliteStatements;

  constructor(private readonly pg: PGlite) {
    this.statements = new PGliteStatements(pg);
  }

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail;
    this.tail = this.tail.then(() => turn);
    return ready.then(() => new PGliteClient(this.statements, release));
  }

  async end(): Promise<void> {
    await this.tail;
    await this.pg.close();
  }
}

class PGliteClient implements PostgresPoolClient {
  private released = false;

  constructor(
    private readonly statements: PGliteStatements,
    private readonly onRelease: () => void,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') {
      throw new Error('Streaming cursors are not supported on the embedded database');
    }
    return this.statements.run<R>(sqlOrCursor, parameters ?? []).then((result) => ({
      command: commandOf(sqlOrCursor),
      rowCount: result.affectedRows ?? result.rows.length,
      rows: result.rows,
    }));
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }
}

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  switch (word) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
      return word;
    default:
      return 'SELECT';
  }
}
