import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Conn } from '../db/database';

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

/**
 * Teams nothing is planned or sent for now: uninstalled, or (single-token mode) whose token fails.
 */
export async function unservedTeams(db: Conn): Promise<Set<string>> {
  const rows = await db
    .selectFrom('workspaces')
    .select('team_id')
    .where((eb) => eb.or([eb('uninstalled_at', 'is not', null), eb('token_failed_at', 'is not', null)]))
    .execute();
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

/**
 * The workspaces an org-wide install served (no install of their own), marked uninstalled with it;
 * returns their team ids. A workspace with its own install keeps it.
 */
export async function markOrgWorkspacesUninstalled(
  db: Conn,
  enterpriseId: string,
  now: Date,
  eraseAfter: Date,
): Promise<string[]> {
  const rows = await db
    .updateTable('workspaces')
    .set({ uninstalled_at: now, erase_after: eraseAfter, updated_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .where('sealed_installation', 'is', null)
    .where('uninstalled_at', 'is', null)
    .returning('team_id')
    .execute();
  return rows.map((r) => r.team_id);
}

/** The org is installed again: its workspaces without an install of their own are served by it again. */
export async function reinstateOrgWorkspaces(db: Conn, enterpriseId: string, now: Date): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ uninstalled_at: null, erase_after: null, updated_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .where('sealed_installation', 'is', null)
    .where('uninstalled_at', 'is not', null)
    .execute();
}

/** Single-token mode: the configured token failed auth.test; false if it was already marked. */
export async function markTokenFailed(db: Conn, teamId: string, error: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('workspaces')
    .values({ team_id: teamId, token_failed_at: now, token_error: error, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('team_id')
        .doUpdateSet({ token_failed_at: now, token_error: error, updated_at: now })
        .where('workspaces.token_failed_at', 'is', null),
    )
    .returning('team_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Single-token mode: the configured token works for this workspace, which is served again. Also
 * lifts an uninstall an earlier version recorded for it (it marked single-token workspaces
 * uninstalled on these events, and would have erased them).
 */
export async function clearTokenFailed(db: Conn, teamId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('workspaces')
    .set({ token_failed_at: null, token_error: null, uninstalled_at: null, erase_after: null, updated_at: now })
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('token_failed_at', 'is not', null), eb('uninstalled_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface TokenFailure {
  teamId: string;
  since: Date;
  error: string | null;
}

/** Workspaces whose configured token was found failing (single-token mode), and since when. */
export async function tokenFailures(db: Conn): Promise<TokenFailure[]> {
  const rows = await db
    .selectFrom('workspaces')
    .select(['team_id', 'token_failed_at', 'token_error'])
    .where('token_failed_at', 'is not', null)
    .orderBy('team_id')
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, since: r.token_failed_at!, error: r.token_error }));
}

/**
 * Single-token mode: the workspaces held back until the configured token is seen working: its
 * token failed, or an earlier version marked it uninstalled.
 */
export async function teamsAwaitingToken(db: Conn): Promise<string[]> {
  const rows = await db
    .selectFrom('workspaces')
    .select('team_id')
    .where((eb) => eb.or([eb('token_failed_at', 'is not', null), eb('uninstalled_at', 'is not', null)]))
    .orderBy('team_id')
    .execute();
  return rows.map((r) => r.team_id);
}

/** Whether the configured token was found failing for this workspace (single-token mode). */
export async function tokenFailed(db: Conn, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('token_failed_at').where('team_id', '=', teamId).executeTakeFirst();
  return Boolean(row?.token_failed_at);
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
