import { sql } from 'kysely';
import type { TestApp } from './app';

/** Every text, JSON and array column of every table, from the schema: where each needle still appears. */
export async function traces(t: TestApp, needles: string[]): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY'))`.execute(t.db);
  expect(columns.length).toBeGreaterThan(30);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await sql<{ needle: string }>`
      select n as needle from unnest(${needles}::text[]) as n
      where exists (select 1 from ${sql.table(table_name)} where ${sql.ref(column_name)}::text like '%' || n || '%')`.execute(
      t.db,
    );
    for (const { needle } of rows) found.push(`${table_name}.${column_name}: ${needle}`);
  }
  return found;
}
