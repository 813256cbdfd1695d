import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and do not use today's table types
type AnyDb = Kysely<any>;

/**
 * A pair's reasons become data: each two members' fit (`{"kind":"fit","a":…,"b":…,…}`), which the
 * app words when it shows them, rather than sentences with Slack mentions in them. Reasons already
 * stored as sentences cannot be read back into facts: each becomes `{"kind":"text","text":…}`,
 * shown as it was, its mentions still swapped on erasure.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`
    UPDATE pairs SET reasons = (
      SELECT coalesce(
        jsonb_agg(
          CASE WHEN jsonb_typeof(r.item) = 'string'
            THEN jsonb_build_object('kind', 'text', 'text', r.item #>> '{}')
            ELSE r.item END
          ORDER BY r.n),
        '[]'::jsonb)
      FROM jsonb_array_elements(pairs.reasons) WITH ORDINALITY AS r(item, n))
    WHERE jsonb_typeof(reasons) = 'array'
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(pairs.reasons) AS s(item) WHERE jsonb_typeof(s.item) = 'string')`.execute(
    db,
  );
  // Anything else that was never a list of reasons reads as none, as the app already treated it.
  await sql`UPDATE pairs SET reasons = '[]'::jsonb WHERE jsonb_typeof(reasons) <> 'array'`.execute(db);
}

/**
 * Back to sentences: a reason kept as words is itself again; a fit cannot be worded here (the
 * words live in the app, not the schema), so it is dropped and the pair's intro shows the default.
 */
export async function down(db: AnyDb): Promise<void> {
  await sql`
    UPDATE pairs SET reasons = (
      SELECT coalesce(jsonb_agg(r.item -> 'text' ORDER BY r.n), '[]'::jsonb)
      FROM jsonb_array_elements(pairs.reasons) WITH ORDINALITY AS r(item, n)
      WHERE jsonb_typeof(r.item) = 'object' AND r.item ->> 'kind' = 'text')
    WHERE jsonb_typeof(reasons) = 'array' AND jsonb_array_length(reasons) > 0`.execute(db);
}
