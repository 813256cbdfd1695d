import { type WebAPICallResult, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import type { AnyInstallation, Installations } from './installations';
import type { Pacer } from './pacer';

/**
 * The way out to Slack for work that no request started (the scheduler, waitlist promotions):
 * a WebClient for a team, with that team's bot token, whose every call waits its turn with the pacer.
 */
export interface SlackGateway {
  client(teamId: string): Promise<WebClient>;
  /** Forgets a workspace's client (uninstalled, reinstalled, token failing or working again): the next call reads the database. */
  forget(teamId: string): void;
}

/** Nothing can be sent to the workspace now; `reason` says why (and is what the ledger records). */
export abstract class WorkspaceUnavailableError extends Error {
  abstract readonly reason: string;
  constructor(
    readonly teamId: string,
    message: string,
  ) {
    super(message);
  }
}

/** The workspace uninstalled the app (or revoked its token): nothing more is sent there. */
export class WorkspaceUninstalledError extends WorkspaceUnavailableError {
  override readonly name = 'WorkspaceUninstalledError';
  readonly reason = 'uninstalled';
  constructor(teamId: string) {
    super(teamId, `Peer Circles was uninstalled from team ${teamId}`);
  }
}

/** Single-token mode: the configured token fails auth.test; nothing is sent until it works again. */
export class TokenFailingError extends WorkspaceUnavailableError {
  override readonly name = 'TokenFailingError';
  readonly reason = 'token failing';
  constructor(teamId: string) {
    super(teamId, `The configured bot token fails for team ${teamId} (SLACK_BOT_TOKEN)`);
  }
}

export function webClientOptions(config: Config, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: config.slack.apiUrl,
    logger,
    // The scheduler does its own retrying with the delivery ledger, so a 429 or a 5xx must come
    // back at once rather than block a tick for minutes inside the client.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

/** Rotating tokens are refreshed when they have less than this left (Bolt refreshes at two hours too). */
export const REFRESH_MARGIN_MS = 2 * 3_600_000;
/** Another replica may have refreshed or reinstalled: a cached client is read again after this. */
const CACHE_MS = 60_000;

/** Every call this client makes, from any feature, goes through the pacer first. */
class PacedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    private readonly pacedTeam: string,
    private readonly pacer: Pacer,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const channel = typeof options?.channel === 'string' ? options.channel : undefined;
    await this.pacer.acquire(this.pacedTeam, method, channel);
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      const e = error as { code?: string; retryAfter?: number };
      if (e?.code === 'slack_webapi_rate_limited_error')
        await this.pacer.rateLimited(this.pacedTeam, method, Math.max(1, Number(e.retryAfter ?? 30)));
      throw error;
    }
  }
}

export interface GatewayDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  pacer: Pacer;
  /** The stored installations (OAuth mode); without them the one bot token serves. */
  installations?: Installations;
  /** Single-token mode: whether the token was found failing for a workspace (read at most once a minute). */
  tokenFailed?: (teamId: string) => Promise<boolean>;
}

export function createGateway(deps: GatewayDeps): SlackGateway {
  const { config, logger, clock, pacer, installations, tokenFailed } = deps;
  const options = webClientOptions(config, logger);
  const cache = new Map<string, { client: WebClient; expiresAt: number | undefined; readAt: number }>();
  const single = config.slack.botToken;

  async function refreshed(teamId: string, installation: AnyInstallation): Promise<AnyInstallation> {
    const expiring = (i: AnyInstallation) =>
      Boolean(i.bot?.refreshToken && i.bot.expiresAt && i.bot.expiresAt * 1000 - clock().getTime() < REFRESH_MARGIN_MS);
    if (!expiring(installation) || !installations || !config.slack.oauth) return installation;
    const oauth = config.slack.oauth;
    const next = await installations.update(teamId, async (current) => {
      // Another replica may have refreshed it while this one waited for the lock.
      if (!expiring(current) || !current.bot?.refreshToken) return undefined;
      const res = await new WebClient(undefined, options).oauth.v2.access({
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: current.bot.refreshToken,
      });
      if (!res.access_token || !res.refresh_token || !res.expires_in) throw new Error('oauth.v2.access returned no token');
      logger.info(`Refreshed the bot token of team ${teamId}`);
      return {
        ...current,
        bot: {
          ...current.bot,
          token: res.access_token,
          refreshToken: res.refresh_token,
          expiresAt: Math.floor(clock().getTime() / 1000) + res.expires_in,
        },
      };
    });
    return next ?? installation;
  }

  return {
    async client(teamId) {
      const now = clock().getTime();
      const cached = cache.get(teamId);
      const fresh = cached && Date.now() - cached.readAt < CACHE_MS;
      if (cached && fresh && (cached.expiresAt === undefined || cached.expiresAt - now >= REFRESH_MARGIN_MS))
        return cached.client;
      if (single) {
        // Read again like an installation: another replica (or `cli tick`) may have found the token failing or working.
        if (await tokenFailed?.(teamId)) throw new TokenFailingError(teamId);
        const client = cached?.client ?? new PacedWebClient(single, options, teamId, pacer);
        cache.set(teamId, { client, expiresAt: undefined, readAt: Date.now() });
        return client;
      }
      const found = installations ? await installations.forTeam(teamId) : { state: 'unknown' as const };
      if (found.state === 'uninstalled') throw new WorkspaceUninstalledError(teamId);
      if (found.state === 'unknown' || !found.installation.bot?.token)
        throw new Error(`Peer Circles is not installed in team ${teamId}`);
      const installation = await refreshed(teamId, found.installation);
      const token = installation.bot!.token;
      const client = new PacedWebClient(token, options, teamId, pacer);
      const expiresAt = installation.bot?.expiresAt ? installation.bot.expiresAt * 1000 : undefined;
      cache.set(teamId, { client, expiresAt, readAt: Date.now() });
      return client;
    },
    forget(teamId) {
      cache.delete(teamId);
      pacer.forget(teamId);
    },
  };
}
