import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../core/config';
import type { Db } from '../db/database';
import type { Logger } from '../core/logger';
import { findInstallation } from './store';

/**
 * The way out to Slack for work that no request started (the scheduler, waitlist promotions):
 * a WebClient for a team, with that team's bot token.
 */
export interface SlackGateway {
  client(teamId: string): Promise<WebClient>;
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

export function createGateway(config: Config, db: Db, logger: Logger): SlackGateway {
  const options = webClientOptions(config, logger);
  const single = config.slack.botToken ? new WebClient(config.slack.botToken, options) : undefined;
  const perTeam = new Map<string, WebClient>();
  return {
    async client(teamId) {
      if (single) return single;
      const cached = perTeam.get(teamId);
      if (cached) return cached;
      const installation = (await findInstallation(db, teamId)) as { bot?: { token?: string } } | null;
      const token = installation?.bot?.token;
      if (!token) throw new Error(`Peer Circles is not installed in team ${teamId}`);
      const client = new WebClient(token, options);
      perTeam.set(teamId, client);
      return client;
    },
  };
}
