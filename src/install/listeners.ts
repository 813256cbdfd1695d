import type { SlackApp } from '../slack/app';
import { type Deps, uninstallEnterprise, uninstallWorkspace } from './service';

/**
 * Slack tells the app when it is uninstalled or its tokens are revoked (Bolt delivers these two
 * events without looking up an installation, which may be gone already).
 */
export function registerUninstallListeners(app: SlackApp, deps: Deps): void {
  app.event('app_uninstalled', async ({ body, context }) => {
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (context.isEnterpriseInstall && context.enterpriseId) await uninstallEnterprise(deps, context.enterpriseId);
    if (teamId) await uninstallWorkspace(deps, teamId, 'uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot's token matters here: the app keeps no user tokens.
    if (!event.tokens.bot?.length) return;
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (teamId) await uninstallWorkspace(deps, teamId, 'tokens revoked');
  });
}
