import { skipPendingForTeam } from '../scheduler/ledger';
import { checkConfiguredToken } from '../workspaces/tokenCheck';
import { markTokenFailing, markTokenWorking, workspacesAwaitingToken } from '../workspaces/service';
import type { Deps } from './service';

/**
 * Single-token mode (SLACK_BOT_TOKEN): the configured token is the installation. An uninstall or
 * revocation event is taken as a reason to ask Slack, not as the answer: if auth.test says the
 * token fails, sends to the workspace stop (pending ones are skipped, nothing more is planned)
 * until it works again; if it works, nothing changes. Nothing is ever erased: there is no other
 * install to wait for, and only the operator can change the token.
 */
export async function tokenEventReceived(deps: Deps, teamId: string, why: 'uninstalled' | 'tokens revoked'): Promise<void> {
  const check = await checkConfiguredToken(deps.config, deps.logger);
  if (check.state === 'works') {
    const other = check.teamId === teamId ? '' : ` for team ${check.teamId}`;
    deps.logger.info(`Team ${teamId}: ${why}, but SLACK_BOT_TOKEN still works${other} (auth.test): nothing is stopped`);
    return;
  }
  if (check.state === 'unknown') {
    deps.logger.warn(
      `Team ${teamId}: ${why}, but SLACK_BOT_TOKEN could not be checked (${check.error}): nothing is stopped; a send that fails for the token is recorded as failed`,
    );
    return;
  }
  const now = deps.clock();
  const held = await deps.db.transaction().execute(async (trx) => {
    const changed = await markTokenFailing(trx, teamId, check.error, now);
    const skipped = await skipPendingForTeam(trx, teamId, 'token failing', now);
    return { changed, skipped };
  });
  deps.gateway.forget(teamId);
  if (held.changed) {
    deps.logger.warn(
      `Team ${teamId}: ${why}; SLACK_BOT_TOKEN fails auth.test (${check.error}): ${held.skipped} pending deliveries stopped, and nothing is sent until it works again (checked at every scheduler pass). No data is erased.`,
    );
  }
}

/**
 * At each scheduler pass, while a workspace is held back: one auth.test. As soon as the token
 * works (the app installed again and SLACK_BOT_TOKEN updated, or Slack answering again), the
 * workspace is served again and the same pass plans and sends for it.
 */
export function tokenRechecker(deps: Deps) {
  // The workspace the token answered for last: once known, other held workspaces (left from an
  // earlier OAuth deployment) cost no call to Slack.
  let tokenTeam: string | undefined;
  return async (now: Date): Promise<{ held: number; resumed: number }> => {
    const held = await workspacesAwaitingToken(deps.db);
    if (held.length === 0 || (tokenTeam !== undefined && !held.includes(tokenTeam))) return { held: held.length, resumed: 0 };
    const check = await checkConfiguredToken(deps.config, deps.logger);
    if (check.state !== 'works') {
      deps.logger.debug(`SLACK_BOT_TOKEN still fails (${check.error}); held back: ${held.join(', ')}`);
      return { held: held.length, resumed: 0 };
    }
    tokenTeam = check.teamId;
    if (!held.includes(check.teamId)) return { held: held.length, resumed: 0 };
    const resumed = await markTokenWorking(deps.db, check.teamId, now);
    deps.gateway.forget(check.teamId);
    if (resumed) deps.logger.info(`Team ${check.teamId}: SLACK_BOT_TOKEN works again (auth.test): sends resume`);
    return { held: held.length - (resumed ? 1 : 0), resumed: resumed ? 1 : 0 };
  };
}
