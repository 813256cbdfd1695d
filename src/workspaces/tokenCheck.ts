import { WebClient } from '@slack/web-api';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import { webClientOptions } from './gateway';

/** What auth.test says of the configured token. */
export type TokenCheck =
  | { state: 'works'; teamId: string }
  /** Slack says the token is no good: revoked, expired, the bot deactivated. */
  | { state: 'fails'; error: string }
  /** No answer to go by (Slack unreachable, 5xx, rate limited): nothing is concluded. */
  | { state: 'unknown'; error: string };

// auth.test's answers that mean the token itself does not work (https://api.slack.com/methods/auth.test).
const TOKEN_FAILURES = new Set([
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'team_access_not_granted',
  'org_login_required',
  'ekm_access_denied',
]);

/** Asks Slack whether SLACK_BOT_TOKEN works (single-token mode), and for which workspace. */
export async function checkConfiguredToken(config: Config, logger: Logger): Promise<TokenCheck> {
  const token = config.slack.botToken;
  if (!token) return { state: 'unknown', error: 'no SLACK_BOT_TOKEN' };
  try {
    const res = await new WebClient(token, webClientOptions(config, logger)).auth.test();
    return res.team_id ? { state: 'works', teamId: res.team_id } : { state: 'unknown', error: 'auth.test named no team' };
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; message?: string };
    const code = e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
    if (code && TOKEN_FAILURES.has(code)) return { state: 'fails', error: code };
    return { state: 'unknown', error: code ?? e?.code ?? e?.message ?? 'no answer' };
  }
}
