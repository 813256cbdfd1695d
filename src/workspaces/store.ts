import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';

type Conn = Kysely<Database> | Transaction<Database>;

export async function upsertWorkspace(db: Conn, teamId: string, now: Date): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({ team_id: teamId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
}

export async function saveInstallation(
  db: Conn,
  teamId: string,
  name: string | null,
  botUserId: string | null,
  installation: unknown,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(installation);
  await db
    .insertInto('workspaces')
    .values({
      team_id: teamId,
      name,
      bot_user_id: botUserId,
      installation: json,
      installed_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet({ name, bot_user_id: botUserId, installation: json, installed_at: now, updated_at: now }),
    )
    .execute();
}

export async function findInstallation(db: Conn, teamId: string): Promise<unknown | null> {
  const row = await db.selectFrom('workspaces').select('installation').where('team_id', '=', teamId).executeTakeFirst();
  return row?.installation ?? null;
}

export async function clearInstallation(db: Conn, teamId: string, now: Date): Promise<void> {
  await db.updateTable('workspaces').set({ installation: null, updated_at: now }).where('team_id', '=', teamId).execute();
}
