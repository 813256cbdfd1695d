import { messages, parse, type PGlite, protocol, type Results } from '@electric-sql/pglite';

const { serialize } = protocol;

/**
 * Named statements kept, the least recently used closed beyond this: each holds a parse tree and plans
 * inside the embedded database's memory. The demo's five acts and a week after them use 232 texts
 * (6.7 MB of cached plans); Kysely spells an `in` list of n values as a text of its own, so some
 * statements come in several lengths.
 */
const MAX_STATEMENTS = 500;

/** Statements worth keeping prepared: those that read and write rows (a sixteen-part `UNION ALL` opens with a bracket). */
const REUSABLE = /^[\s(]*(?:select|insert|update|delete|with|values)\b/i;
/** Of the others, those that leave the schema as it was: transaction control and settings. */
const SCHEMA_KEPT = /^\s*(?:begin|start|commit|end|rollback|abort|savepoint|release|set|reset|show)\b/i;

/** Each instance names its statements apart: two adapters on one database must not take each other's names. */
let instances = 0;

interface Prepared {
  name: string;
  /** The parameter types the database inferred, which pick each value's serializer. */
  types: number[];
}

/**
 * Runs the statements that read and write rows on an embedded database as named prepared statements:
 * each text parsed and described once, then run in a single call into the database.
 *
 * PGlite's own `query` parses, describes and plans every statement afresh, in six calls into the
 * WebAssembly (parse, describe, bind, describe, execute, sync): most of a small statement's cost
 * there (0.36 ms of a one-row read, 0.14 ms prepared), and 5 of the 6 ms of the scheduler's
 * sixteen-part scan, which runs on every pass. A named statement is planned as PostgreSQL plans any
 * prepared statement: afresh for its first five runs, then once for any values if that plan is
 * estimated to cost no more than planning for each (`plan_cache_mode` auto), which is what drivers
 * that prepare statements (`pg` with a name, asyncpg, JDBC) get from PostgreSQL too. Values are
 * serialized by the parameter types the database inferred, as `query` does, so the same values
 * reach it.
 */
export class PGliteStatements {
  // In order of last use: a Map iterates in insertion order, and a used entry is moved to the end.
  private readonly prepared = new Map<string, Prepared>();
  private readonly prefix = `pc${++instances}_`;
  private next = 0;

  constructor(
    private readonly pg: PGlite,
    private readonly max = MAX_STATEMENTS,
  ) {}

  async run<R>(text: string, params: readonly unknown[]): Promise<Results<R>> {
    if (!REUSABLE.test(text)) {
      // Transaction control, settings and schema changes run as PGlite runs them, and nothing is kept.
      const result = await this.pg.query<R>(text, [...params]);
      // A cached plan over a table that changed shape would fail ("cached plan must not change result type").
      if (!SCHEMA_KEPT.test(text)) await this.pg.runExclusive(() => this.forgetAll());
      return result;
    }
    if (this.pg.closed) throw new Error('PGlite is closed');
    await this.pg.waitReady;
    const result = await this.pg.runExclusive(async () => {
      try {
        return await this.named(text, params);
      } catch (error) {
        // As PGlite's `query` reports a failed statement (the log redaction leaves these fields out).
        if (error instanceof messages.DatabaseError) Object.assign(error, { query: text, params });
        throw error;
      }
    });
    await this.pg.syncToFs();
    return result as Results<R>;
  }

  private async named(text: string, params: readonly unknown[]): Promise<Results> {
    const statement = this.prepared.get(text) ?? (await this.prepare(text));
    this.prepared.delete(text);
    this.prepared.set(text, statement);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pg.serializers[statement.types[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const { messages: answer } = await this.pg.execProtocol(
      concat(
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ),
      { syncToFs: false },
    );
    return parse.parseResults(answer, this.pg.parsers)[0]!;
  }

  private async prepare(text: string): Promise<Prepared> {
    const oldest = this.prepared.size >= this.max ? this.prepared.entries().next().value : undefined;
    if (oldest) {
      this.prepared.delete(oldest[0]);
      await this.pg.execProtocol(concat(serialize.close({ type: 'S', name: oldest[1].name }), serialize.sync()), {
        syncToFs: false,
      });
    }
    const name = `${this.prefix}${++this.next}`;
    const { messages: answer } = await this.pg.execProtocol(
      concat(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()),
      { syncToFs: false },
    );
    const prepared = { name, types: parse.parseDescribeStatementResults(answer) };
    this.prepared.set(text, prepared);
    return prepared;
  }

  private async forgetAll(): Promise<void> {
    if (this.prepared.size === 0) return;
    const closes = [...this.prepared.values()].map((p) => serialize.close({ type: 'S', name: p.name }));
    this.prepared.clear();
    await this.pg.execProtocol(concat(...closes, serialize.sync()), { syncToFs: false });
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
