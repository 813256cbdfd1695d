import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/types';
import {
  clearEnterpriseInstallation,
  eraseTeamRows,
  markUninstalled,
  teamScopedTables,
  teamsToErase,
  uninstalledTeams,
  upsertWorkspace,
} from './store';

/**
 * Makes sure a workspace row exists before anything refers to it. Teams seen once stay in a
 * process-local set so a request costs no extra query after the first.
 */
export function workspaceRegistry(db: Db) {
  const known = new Set<string>();
  return {
    /** Seen already by this process: no need to call `ensure` (nor to wait on it). */
    known: (teamId: string): boolean => known.has(teamId),
    async ensure(teamId: string, now: Date, enterpriseId?: string): Promise<void> {
      if (known.has(teamId)) return;
      await upsertWorkspace(db, teamId, now, enterpriseId);
      known.add(teamId);
    },
  };
}
export type WorkspaceRegistry = ReturnType<typeof workspaceRegistry>;

/** Teams that uninstalled the app: nothing is planned or sent for them. */
export const uninstalledTeamIds = (db: Db): Promise<Set<string>> => uninstalledTeams(db);

/** Forgets a workspace's tokens and keeps its data until `eraseAfter`; false if it was already uninstalled. */
export const markWorkspaceUninstalled = (
  db: Db | Transaction<Database>,
  teamId: string,
  now: Date,
  eraseAfter: Date,
): Promise<boolean> => markUninstalled(db, teamId, now, eraseAfter);

export const markEnterpriseUninstalled = (db: Db, enterpriseId: string, now: Date): Promise<void> =>
  clearEnterpriseInstallation(db, enterpriseId, now);

/**
 * Erases every row of the workspaces whose retention ran out, table by table (children first),
 * each workspace in its own transaction; returns how many rows went per workspace.
 */
export async function eraseExpiredWorkspaces(db: Db, now: Date): Promise<Map<string, number>> {
  const erased = new Map<string, number>();
  const teams = await teamsToErase(db, now);
  if (teams.length === 0) return erased;
  const tables = await teamScopedTables(db);
  for (const teamId of teams) {
    const rows = await db.transaction().execute(async (trx) => {
      // Someone may have installed it again since the list was read.
      if (!(await teamsToErase(trx, now)).includes(teamId)) return -1;
      let count = 0;
      for (const table of tables) count += await eraseTeamRows(trx, table, teamId);
      return count;
    });
    if (rows >= 0) erased.set(teamId, rows);
  }
  return erased;
}
