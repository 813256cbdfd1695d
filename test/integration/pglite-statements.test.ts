import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { createPGlite, type Db, overPGlite } from '../../src/db/database';
import { PGliteStatements } from '../../src/db/pgliteStatements';

/**
 * The embedded database runs the app's statements as named prepared statements
 * (src/db/pgliteStatements.ts): they must give what PGlite's own `query` gives, whatever the values,
 * the plan PostgreSQL settles on after a few runs, the number of texts, a change of schema, a failure.
 * On the embedded database whatever DATABASE_URL says: this is its adapter.
 */
describe('statements on the embedded database', () => {
  let pglite: PGlite;
  let db: Db;
  beforeAll(async () => {
    pglite = createPGlite();
    db = overPGlite(pglite);
    await sql`CREATE TABLE things (
      id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, at timestamptz, day date, leads int[], tags text[],
      data jsonb, on_off boolean, note text)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const prepared = async (text: string) =>
    (await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [text]))
      .rows[0]!.n;
  const insert = (name: string, leads: number[] = []) =>
    sql`INSERT INTO things (name, leads) VALUES (${name}, ${leads})`.execute(db);
  const named = (name: string) => sql`SELECT name FROM things WHERE name = ${name}`.execute(db);

  it("gives what PGlite's own query gives, for each kind of value the app stores", async () => {
    const row = {
      name: 'first',
      at: new Date('2025-03-30T01:30:00.000Z'),
      day: '2025-03-30',
      leads: [1440, 60],
      tags: ['a "quoted" tag', 'b,c', 'Zoë'],
      data: { nested: { list: [1, 'two', null] }, text: 'Zoë' },
      on_off: false,
      note: null,
    };
    const { rows: inserted } = await sql`
      INSERT INTO things (name, at, day, leads, tags, data, on_off, note)
      VALUES (${row.name}, ${row.at}, ${row.day}, ${row.leads}, ${row.tags}, ${JSON.stringify(row.data)}, ${row.on_off}, ${row.note})
      RETURNING *`.execute(db);
    expect(inserted).toEqual([{ ...row, id: 1 }]);
    const text = 'SELECT * FROM things WHERE name = $1 AND at = $2 AND day = $3 AND leads = $4 AND tags = $5 AND data = $6';
    const params = [row.name, row.at, row.day, row.leads, row.tags, row.data];
    const theirs = await pglite.query(text, params);
    expect((await new PGliteStatements(pglite).run(text, params)).rows).toEqual(theirs.rows);
    expect(theirs.rows).toEqual(inserted);
  });

  it('runs one text with other values, past the runs after which PostgreSQL may plan once for any values', async () => {
    for (let i = 0; i < 12; i++) await insert(`n${i}`, [i]);
    const read = (lead: number) =>
      sql<{ name: string }>`SELECT name FROM things WHERE ${lead}::int = ANY(leads) ORDER BY id`.execute(db);
    for (let i = 0; i < 12; i++) expect((await read(i)).rows).toEqual([{ name: `n${i}` }]);
    expect((await read(99)).rows).toEqual([]);
    // Parsed once, however often it ran.
    expect(await prepared('SELECT name FROM things WHERE $1::int = ANY(leads) ORDER BY id')).toBe(1);
  });

  it('keeps only so many statements, the least recently used going first', async () => {
    const statements = new PGliteStatements(pglite, 3);
    const texts = [1, 2, 3, 4, 5].map((n) => `SELECT $1::int + ${n} AS n`);
    for (const [i, text] of texts.entries()) expect((await statements.run(text, [10])).rows).toEqual([{ n: 11 + i }]);
    expect(await Promise.all(texts.map(prepared))).toEqual([0, 0, 1, 1, 1]);
    await statements.run(texts[2]!, [0]);
    expect((await statements.run(texts[0]!, [0])).rows).toEqual([{ n: 1 }]);
    expect(await Promise.all(texts.map(prepared))).toEqual([1, 0, 1, 0, 1]);
  });

  it('reads a table whose shape changed after a statement on it was prepared', async () => {
    const read = () => sql<Record<string, unknown>>`SELECT * FROM things WHERE name = ${'n1'}`.execute(db);
    for (let i = 0; i < 6; i++) await read();
    await sql`ALTER TABLE things ADD COLUMN extra text DEFAULT 'new'`.execute(db);
    expect((await read()).rows[0]).toMatchObject({ name: 'n1', extra: 'new' });
  });

  it("fails as PGlite's query fails, and a transaction the failure aborts rolls back whole", async () => {
    const failure = await db
      .transaction()
      .execute(async (tx) => {
        await sql`INSERT INTO things (name) VALUES (${'in the transaction'})`.execute(tx);
        await sql`INSERT INTO things (name) VALUES (${'n1'})`.execute(tx);
      })
      .catch((error: unknown) => error);
    const direct = await pglite.query('INSERT INTO things (name) VALUES ($1)', ['n1']).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '23505', constraint: 'things_name_key' });
    expect(Object.getPrototypeOf(failure)).toBe(Object.getPrototypeOf(direct));
    // Nothing of the transaction stayed, and the same statements run on.
    expect((await named('in the transaction')).rows).toEqual([]);
    await insert('after the failure');
    expect((await named('after the failure')).rows).toHaveLength(1);
  });
});
