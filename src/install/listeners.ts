import type { SlackApp } from '../slack/app';
import { type Deps, uninstallEnterprise, uninstallWorkspace } from './service';
import { tokenEventReceived } from './singleToken';

/**
 * Slack tells the app when it is uninstalled or its tokens are revoked (Bolt delivers these two
 * events without looking up an installation, which may be gone already). An org-wide install's
 * event stands for the org, whichever workspace it names; in single-token mode the event is
 * checked against the configured token before anything stops.
 */
export function registerUninstallListeners(app: SlackApp, deps: Deps): void {
  const removed = async (
    why: 'uninstalled' | 'tokens revoked',
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
    body: unknown,
  ) => {
    if (context.isEnterpriseInstall && context.enterpriseId) return uninstallEnterprise(deps, context.enterpriseId, why);
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (!teamId) return;
    if (deps.config.slack.botToken) return tokenEventReceived(deps, teamId, why);
    return uninstallWorkspace(deps, teamId, why);
  };
  app.event('app_uninstalled', async ({ body, context }) => {
    await removed('uninstalled', context, body);
  });
  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot's token matters here: the app keeps no user tokens.
    if (!event.tokens.bot?.length) return;
    await removed('tokens revoked', context, body);
  });
}
