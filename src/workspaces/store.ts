import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';

type Conn = Kysely<Database> | Transaction<Database>;

export async function upsertWorkspace(db: Conn, teamId: string, now: Date, enterpriseId?: string): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({ team_id: teamId, enterprise_id: enterpriseId ?? null, created_at: now, updated_at: now })
    .onConflict((oc) =>
      enterpriseId ? oc.column('team_id').doUpdateSet({ enterprise_id: enterpriseId }) : oc.column('team_id').doNothing(),
    )
    .execute();
}

/** Stores a workspace's sealed installation; an install (not a token refresh) also ends an uninstall. */
export async function saveInstallation(
  db: Conn,
  teamId: string,
  fields: { name: string | null; botUserId: string | null; enterpriseId: string | null; sealed: string },
  now: Date,
  isNewInstall: boolean,
): Promise<void> {
  const values = {
    name: fields.name,
    bot_user_id: fields.botUserId,
    enterprise_id: fields.enterpriseId,
    sealed_installation: fields.sealed,
    updated_at: now,
    ...(isNewInstall ? { installed_at: now, uninstalled_at: null, erase_after: null } : {}),
  };
  await db
    .insertInto('workspaces')
    .values({ team_id: teamId, ...values, installed_at: now, created_at: now })
    .onConflict((oc) => oc.column('team_id').doUpdateSet(values))
    .execute();
}

export interface StoredInstallation {
  sealed: string | null;
  enterpriseId: string | null;
  uninstalledAt: Date | null;
}

export async function findInstallation(db: Conn, teamId: string): Promise<StoredInstallation | null> {
  const row = await db
    .selectFrom('workspaces')
    .select(['sealed_installation', 'enterprise_id', 'uninstalled_at'])
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row ? { sealed: row.sealed_installation, enterpriseId: row.enterprise_id, uninstalledAt: row.uninstalled_at } : null;
}

/**
 * The same, locked until the transaction ends: one replica refreshes a rotating token while the
 * others wait and then read the new one.
 */
export async function lockInstallation(db: Transaction<Database>, teamId: string): Promise<StoredInstallation | null> {
  const row = await db
    .selectFrom('workspaces')
    .select(['sealed_installation', 'enterprise_id', 'uninstalled_at'])
    .where('team_id', '=', teamId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { sealed: row.sealed_installation, enterpriseId: row.enterprise_id, uninstalledAt: row.uninstalled_at } : null;
}

export async function updateSealed(db: Conn, teamId: string, sealed: string, now: Date): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ sealed_installation: sealed, updated_at: now })
    .where('team_id', '=', teamId)
    .execute();
}

/**
 * Replaces a workspace's sealed installation only if it is still `expected` (compare and swap):
 * false if another replica wrote a newer one (a refreshed token) since it was read.
 */
export async function replaceSealed(db: Conn, teamId: string, expected: string, sealed: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('workspaces')
    .set({ sealed_installation: sealed, updated_at: now })
    .where('team_id', '=', teamId)
    .where('sealed_installation', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function clearInstallation(db: Conn, teamId: string, now: Date): Promise<void> {
  await db.updateTable('workspaces').set({ sealed_installation: null, updated_at: now }).where('team_id', '=', teamId).execute();
}

export async function saveEnterpriseInstallation(
  db: Conn,
  enterpriseId: string,
  name: string | null,
  sealed: string,
  now: Date,
  isNewInstall: boolean,
): Promise<void> {
  const values = {
    name,
    sealed_installation: sealed,
    updated_at: now,
    ...(isNewInstall ? { installed_at: now, uninstalled_at: null } : {}),
  };
  await db
    .insertInto('enterprise_installations')
    .values({ enterprise_id: enterpriseId, ...values, installed_at: now })
    .onConflict((oc) => oc.column('enterprise_id').doUpdateSet(values))
    .execute();
}

export async function findEnterpriseInstallation(db: Conn, enterpriseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('enterprise_installations')
    .select('sealed_installation')
    .where('enterprise_id', '=', enterpriseId)
    .where('uninstalled_at', 'is', null)
    .executeTakeFirst();
  return row?.sealed_installation ?? null;
}

/** Replaces an org's sealed installation only if it is still `expected`; false if it changed meanwhile. */
export async function replaceEnterpriseSealed(
  db: Conn,
  enterpriseId: string,
  expected: string,
  sealed: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('enterprise_installations')
    .set({ sealed_installation: sealed, updated_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .where('sealed_installation', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function clearEnterpriseInstallation(db: Conn, enterpriseId: string, now: Date): Promise<void> {
  await db
    .updateTable('enterprise_installations')
    .set({ sealed_installation: null, uninstalled_at: now, updated_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .execute();
}

/** Teams that are uninstalled now: nothing is planned or sent for them. */
export async function uninstalledTeams(db: Conn): Promise<Set<string>> {
  const rows = await db.selectFrom('workspaces').select('team_id').where('uninstalled_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.team_id));
}

/** Marks a workspace uninstalled (tokens forgotten, data kept until `eraseAfter`); false if it already was. */
export async function markUninstalled(db: Conn, teamId: string, now: Date, eraseAfter: Date): Promise<boolean> {
  const result = await db
    .updateTable('workspaces')
    .set({ sealed_installation: null, uninstalled_at: now, erase_after: eraseAfter, updated_at: now })
    .where('team_id', '=', teamId)
    .where('uninstalled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function teamsToErase(db: Conn, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaces')
    .select('team_id')
    .where('uninstalled_at', 'is not', null)
    .where('erase_after', '<=', now)
    .orderBy('team_id')
    .execute();
  return rows.map((r) => r.team_id);
}

/**
 * Every table with a team_id column, children before the tables they reference, so deleting a
 * workspace's rows in this order never trips a foreign key. Read from the catalog, not a hand-kept
 * list, so a table added later is erased too.
 */
export async function teamScopedTables(db: Conn): Promise<string[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'team_id' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name`.execute(db);
  const { rows: edges } = await sql<{ child: string; parent: string }>`
    SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
    JOIN pg_class cl ON cl.oid = k.conrelid
    JOIN pg_class pl ON pl.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema() AND cl.relname <> pl.relname`.execute(db);
  const names = tables.map((t) => t.table_name);
  const ordered: string[] = [];
  const remaining = new Set(names);
  while (remaining.size > 0) {
    // A table goes once nothing left still references it.
    const next = [...remaining].filter((t) => !edges.some((e) => e.parent === t && remaining.has(e.child)));
    if (next.length === 0) throw new Error(`foreign keys form a cycle among ${[...remaining].join(', ')}`);
    for (const t of next) {
      ordered.push(t);
      remaining.delete(t);
    }
  }
  return ordered;
}

export async function eraseTeamRows(db: Conn, table: string, teamId: string): Promise<number> {
  const result = await sql`DELETE FROM ${sql.table(table)} WHERE team_id = ${teamId}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The Retry-After values in force for a workspace, by bucket, as epoch ms. */
export async function readRateLimits(db: Conn, teamId: string, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('rate_limits')
    .select(['bucket', 'until'])
    .where('team_id', '=', teamId)
    .where('until', '>', now)
    .execute();
  return new Map(rows.map((r) => [r.bucket, r.until.getTime()]));
}

export async function storeRateLimit(db: Conn, teamId: string, bucket: string, until: Date): Promise<void> {
  await db
    .insertInto('rate_limits')
    .values({ team_id: teamId, bucket, until })
    .onConflict((oc) =>
      oc.columns(['team_id', 'bucket']).doUpdateSet({ until: sql`GREATEST(rate_limits.until, excluded.until)` }),
    )
    .execute();
}
