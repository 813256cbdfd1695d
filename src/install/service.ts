import type { Installation } from '@slack/bolt';
import type { AppDeps } from '../app/deps';
import { skipPendingForTeam } from '../scheduler/ledger';
import { eraseExpiredWorkspaces, markEnterpriseUninstalled, markWorkspaceUninstalled } from '../workspaces/service';
import { welcomeKind } from './deliveries';

export type Deps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'outbox' | 'gateway' | 'logger'>;

const DAY_MS = 86_400_000;

/** After an install: the installer's welcome DM, through the ledger so it goes out once. */
export async function welcomeInstaller(deps: Deps, installation: Installation): Promise<void> {
  const teamId = installation.team?.id;
  const userId = installation.user?.id;
  // An org-wide install names no workspace to write in; its installer finds the app in each one.
  if (!teamId || !userId || installation.isEnterpriseInstall) return;
  const keys = await deps.outbox.enqueue(deps.db, welcomeKind, [
    { teamId, key: `install-welcome:${userId}`, userId, channelId: userId, dueAt: deps.clock(), payload: {} },
  ]);
  await deps.outbox.flush(teamId, keys);
}

/**
 * The app was uninstalled from a workspace, or its bot token revoked: the tokens are forgotten,
 * everything not yet sent is stopped (marked, not retried), and the data waits out the retention
 * window. An install within it picks up where things stopped.
 */
export async function uninstallWorkspace(deps: Deps, teamId: string, why: 'uninstalled' | 'tokens revoked'): Promise<void> {
  const now = deps.clock();
  const eraseAfter = new Date(now.getTime() + deps.config.installations.retentionDays * DAY_MS);
  const stopped = await deps.db.transaction().execute(async (trx) => {
    const changed = await markWorkspaceUninstalled(trx, teamId, now, eraseAfter);
    const skipped = await skipPendingForTeam(trx, teamId, why, now);
    return { changed, skipped };
  });
  deps.gateway.forget(teamId);
  if (stopped.changed) {
    deps.logger.info(
      `Team ${teamId}: ${why}; ${stopped.skipped} pending deliveries stopped; data kept until ${eraseAfter.toISOString()}`,
    );
  }
}

/**
 * An org-wide (Enterprise Grid) install was removed: the org's install is forgotten and every
 * workspace it served is uninstalled as one workspace would be (pending deliveries stopped,
 * nothing more planned, data erased after the retention window). A workspace of the org with an
 * install of its own keeps it. Installing for the org again within the window resumes them all.
 */
export async function uninstallEnterprise(
  deps: Deps,
  enterpriseId: string,
  why: 'uninstalled' | 'tokens revoked',
): Promise<void> {
  const now = deps.clock();
  const eraseAfter = new Date(now.getTime() + deps.config.installations.retentionDays * DAY_MS);
  const stopped = await deps.db.transaction().execute(async (trx) => {
    const teams = await markEnterpriseUninstalled(trx, enterpriseId, now, eraseAfter);
    let skipped = 0;
    for (const teamId of teams) skipped += await skipPendingForTeam(trx, teamId, why, now);
    return { teams, skipped };
  });
  for (const teamId of stopped.teams) deps.gateway.forget(teamId);
  deps.logger.info(
    `Org ${enterpriseId}: ${why}; ${stopped.teams.length} workspace(s) it served stopped${
      stopped.teams.length ? ` (${stopped.teams.join(', ')})` : ''
    }, ${stopped.skipped} pending deliveries stopped; data kept until ${eraseAfter.toISOString()}`,
  );
}

export async function eraseExpired(deps: Pick<Deps, 'db' | 'logger'>, now: Date): Promise<{ erased: number; rows: number }> {
  const erased = await eraseExpiredWorkspaces(deps.db, now);
  let rows = 0;
  for (const [teamId, count] of erased) {
    rows += count;
    deps.logger.info(`Team ${teamId}: retention over, ${count} rows erased`);
  }
  return { erased: erased.size, rows };
}
