import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, FormationDraftsTable } from '../../db/types';

type Conn = Kysely<Database> | Transaction<Database>;
export type FormDraftRow = Selectable<FormationDraftsTable>;

export async function findDraft(db: Conn, teamId: string, programId: number): Promise<FormDraftRow | undefined> {
  return db
    .selectFrom('formation_drafts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .executeTakeFirst();
}

/** The draft locked for the rest of the transaction: two organizers pressing at once queue here. */
export async function lockDraft(db: Transaction<Database>, teamId: string, programId: number): Promise<FormDraftRow | undefined> {
  return db
    .selectFrom('formation_drafts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A fresh draft, or the one there replaced (`/circle form` again). Inserting takes the row's lock
 * too, so two first previews at once still leave one draft and one version.
 */
export async function saveDraft(db: Conn, row: Insertable<FormationDraftsTable>): Promise<FormDraftRow> {
  return db
    .insertInto('formation_drafts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['team_id', 'program_id']).doUpdateSet({
        seed: row.seed,
        version: row.version ?? 1,
        shuffles: row.shuffles ?? 0,
        arrangement: row.arrangement,
        locked: row.locked ?? '[]',
        shown: row.shown ?? [],
        participants: row.participants,
        created_by: row.created_by,
        updated_at: row.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markConfirmed(
  db: Conn,
  teamId: string,
  programId: number,
  by: string,
  circleIds: number[],
  now: Date,
): Promise<void> {
  await db
    .updateTable('formation_drafts')
    .set({ confirmed_at: now, confirmed_by: by, circle_ids: JSON.stringify(circleIds), updated_at: now })
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .execute();
}
