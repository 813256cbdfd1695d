/** The way a failed Slack call should be treated by code that can retry later. */
export type SlackFailure =
  | { type: 'rate_limited'; retryAfterSeconds: number; reason: string }
  | { type: 'transient'; reason: string }
  | { type: 'permanent'; reason: string };

// Errors that will not go away by trying again: the person, channel or message is gone or not ours.
const PERMANENT = new Set([
  'account_inactive',
  'user_disabled',
  'user_not_found',
  'cannot_dm_bot',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'restricted_action',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
]);

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return { type: 'rate_limited', retryAfterSeconds: Math.max(1, Number(e.retryAfter ?? 30)), reason: 'ratelimited' };
  }
  const platform = e?.data?.error;
  if (e?.code === 'slack_webapi_platform_error' && platform) {
    return PERMANENT.has(platform) ? { type: 'permanent', reason: platform } : { type: 'transient', reason: platform };
  }
  if (e?.code === 'slack_webapi_http_error') return { type: 'transient', reason: `http ${e.statusCode ?? 'error'}` };
  return { type: 'transient', reason: e?.message ?? String(error) };
}
