import type { Conn, Db } from '../db/database';
import {
  clearEnterpriseInstallation,
  clearTokenFailed,
  eraseTeamRows,
  markOrgWorkspacesUninstalled,
  markTokenFailed,
  markUninstalled,
  teamsAwaitingToken,
  teamScopedTables,
  teamsToErase,
  type TokenFailure,
  tokenFailed,
  tokenFailures,
  unservedTeams,
  upsertWorkspace,
} from './store';

/**
 * How long this process trusts that a workspace row it saw still exists. Erasing a workspace here
 * forgets it at once; another replica's erase is noticed within this time (and only a reinstall,
 * which writes the row itself, brings requests from an erased workspace).
 */
const KNOWN_FOR_MS = 10 * 60_000;

// The registries over each database, so that erasing a workspace's rows makes every one of them
// forget it (the Slack app's middleware has one; the erase job runs elsewhere in the process).
const registries = new WeakMap<Db, Set<Map<string, number>>>();

/**
 * Makes sure a workspace row exists before anything refers to it. Teams seen lately stay in
 * memory so a request costs no extra query after the first; never for longer than the row.
 */
export function workspaceRegistry(db: Db, now: () => number = () => performance.now()) {
  const known = new Map<string, number>();
  const mine = registries.get(db) ?? new Set();
  registries.set(db, mine.add(known));
  const isKnown = (teamId: string) => (known.get(teamId) ?? -Infinity) > now();
  return {
    /** Seen already by this process: no need to call `ensure` (nor to wait on it). */
    known: isKnown,
    async ensure(teamId: string, at: Date, enterpriseId?: string): Promise<void> {
      if (isKnown(teamId)) return;
      await upsertWorkspace(db, teamId, at, enterpriseId);
      known.set(teamId, now() + KNOWN_FOR_MS);
    },
  };
}
export type WorkspaceRegistry = ReturnType<typeof workspaceRegistry>;

function forgetEverywhere(db: Db, teamId: string): void {
  for (const known of registries.get(db) ?? []) known.delete(teamId);
}

/** Teams nothing is planned or sent for: uninstalled, or (single-token mode) whose token fails. */
export const unservedTeamIds = (db: Db): Promise<Set<string>> => unservedTeams(db);

/** Forgets a workspace's tokens and keeps its data until `eraseAfter`; false if it was already uninstalled. */
export const markWorkspaceUninstalled = (db: Conn, teamId: string, now: Date, eraseAfter: Date): Promise<boolean> =>
  markUninstalled(db, teamId, now, eraseAfter);

/**
 * An org-wide install is gone: the org's install is forgotten, and the workspaces it served are
 * uninstalled with it (data kept until `eraseAfter`); returns those workspaces.
 */
export async function markEnterpriseUninstalled(db: Conn, enterpriseId: string, now: Date, eraseAfter: Date): Promise<string[]> {
  await clearEnterpriseInstallation(db, enterpriseId, now);
  return markOrgWorkspacesUninstalled(db, enterpriseId, now, eraseAfter);
}

/** Single-token mode: the configured token fails for this workspace; false if that was known already. */
export const markTokenFailing = (db: Conn, teamId: string, error: string, now: Date): Promise<boolean> =>
  markTokenFailed(db, teamId, error, now);

/** Single-token mode: the configured token works for this workspace again; false if nothing was held. */
export const markTokenWorking = (db: Conn, teamId: string, now: Date): Promise<boolean> => clearTokenFailed(db, teamId, now);

/** Single-token mode: whether the configured token was found failing for this workspace. */
export const isTokenFailing = (db: Db, teamId: string): Promise<boolean> => tokenFailed(db, teamId);

/** Single-token mode: workspaces held back until the configured token is seen working. */
export const workspacesAwaitingToken = (db: Db): Promise<string[]> => teamsAwaitingToken(db);

/** Workspaces whose configured token was found failing, for /readyz. */
export const failingTokens = (db: Db): Promise<TokenFailure[]> => tokenFailures(db);
export type { TokenFailure };

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
    if (rows >= 0) {
      erased.set(teamId, rows);
      forgetEverywhere(db, teamId);
    }
  }
  return erased;
}
