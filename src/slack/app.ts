import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions, type CustomRoute, type HTTPReceiverOptions, type InstallationStore } from '@slack/bolt';

/** Bolt's settings for the install page and what follows an install. */
export type InstallerParts = Pick<
  NonNullable<HTTPReceiverOptions['installerOptions']>,
  'callbackOptions' | 'renderHtmlForInstallPath'
>;
import { type WebClient, WebClientEvent } from '@slack/web-api';
import { sql } from 'kysely';
import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import { withLogContext } from '../core/logContext';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Db } from '../db/database';
import { workspaceRegistry } from '../workspaces/service';
import { registerCircleCommand, type SubcommandHandlers } from './commands';
import { isSubcommand } from './usage';
import { type AppContext, newActor, requestParties } from './context';
import { sanitizePayload } from './sanitize';

/** The scopes the code uses, the same as manifest.yml's (a test keeps the two equal). */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'channels:manage',
  'channels:join',
  'channels:read',
  'groups:write',
  'groups:read',
  'users:read',
  'mpim:write',
  'im:write',
  'files:write',
] as const;

/** What the Slack app itself needs; features get more (see app/deps.ts). */
export interface SlackAppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /**
   * Listener work still running after its ack. Tests wait on it to see what a request did;
   * shutdown waits on it so no reply is cut off halfway.
   */
  inflight: Set<Promise<unknown>>;
  /** Where commands handled and their latency are counted (GET /metrics). */
  metrics?: Metrics;
}

export type SlackApp = App<AppContext>;

/** A feature's registration, bound to its dependencies: it adds its listeners and its /circle subcommands. */
export type Registration = (app: SlackApp) => SubcommandHandlers;

export interface RunningSlackApp {
  app: SlackApp;
  /** The HTTP port actually bound (useful when asked for port 0). */
  port: number;
  /** The address the HTTP server listens on (`::` or `0.0.0.0` for every interface); unset in Socket Mode. */
  address?: string;
  stop(): Promise<void>;
}

export interface SlackAppParts {
  registrations?: Registration[];
  /** Extra HTTP routes served beside /slack/events (the calendar feed, for instance). */
  routes?: CustomRoute[];
  installationStore?: InstallationStore;
  /** The install page and what follows an install (OAuth mode). */
  installer?: InstallerParts;
}

/**
 * Bolt's options for this configuration. In Socket Mode Bolt serves custom routes (the health
 * check, calendar feeds) from its own small HTTP server, which listens on `installerOptions.port`:
 * it is set to PORT so they are where the README says.
 */
export function boltOptions(config: Config, logger: Logger, parts: SlackAppParts): AppOptions {
  const oauth = config.slack.oauth;
  return {
    logger,
    // Without it Bolt resets its logger to info, whatever LOG_LEVEL says.
    logLevel: logger.getLevel(),
    deferInitialization: true,
    // No feature keeps state per conversation; Bolt's store would read one on every request.
    convoStore: false,
    clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 } },
    customRoutes: parts.routes ?? [],
    ...(config.slack.appToken
      ? { socketMode: true, appToken: config.slack.appToken, port: config.port }
      : { signingSecret: config.slack.signingSecret ?? '' }),
    ...(oauth && parts.installationStore
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: parts.installationStore,
          // Slack sends the installer back here; its authorize page sits beside the Web API (the emulator's too).
          redirectUri: `${config.publicUrl}/slack/oauth_redirect`,
          installerOptions: {
            directInstall: !parts.installer?.renderHtmlForInstallPath,
            redirectUriPath: '/slack/oauth_redirect',
            authorizationUrl: new URL('/oauth/v2/authorize', config.slack.apiUrl).toString(),
            clientOptions: { slackApiUrl: config.slack.apiUrl },
            ...parts.installer,
            ...(config.slack.appToken ? { port: config.port } : {}),
          },
        }
      : { token: config.slack.botToken }),
  };
}

export function createSlackApp(deps: SlackAppDeps, parts: SlackAppParts = {}): SlackApp {
  const { config, db, clock, logger } = deps;
  const app = new App<AppContext>(
    boltOptions(config, logger, { ...parts, routes: [healthRoute(db, logger), ...(parts.routes ?? [])] }),
  );

  const workspaces = workspaceRegistry(db);
  const counted = new WeakSet<WebClient>();
  // One middleware, not one per concern: Bolt copies a request's arguments for every middleware
  // it runs, and what runs before the ack is what a person waits for.
  app.use(async ({ context, body, next, client }) => {
    // Before any listener reads the payload (see sanitize.ts).
    sanitizePayload(body);
    // Bolt's own clients make the calls inside a request (modals, lookups); their 429s count too.
    if (deps.metrics && !counted.has(client)) {
      counted.add(client);
      const { rateLimited } = deps.metrics;
      client.on(WebClientEvent.RATE_LIMITED, () => rateLimited.inc({ source: 'request' }));
    }
    const { teamId, userId } = requestParties(context, body);
    if (teamId && userId) context.actor = newActor(db, client, clock, teamId, userId);
    // Every line logged while handling this request, after its ack included, carries its id.
    const requestId = randomUUID();
    const command = commandOf(body);
    const started = performance.now();
    let outcome = 'ok';
    const work = withLogContext({ requestId, ...(context.teamId ? { teamId: context.teamId } : {}) }, async () => {
      try {
        if (context.teamId && !workspaces.known(context.teamId)) {
          await workspaces.ensure(context.teamId, clock(), context.enterpriseId);
        }
        await next();
      } catch (error) {
        outcome = 'error';
        throw error;
      } finally {
        const seconds = (performance.now() - started) / 1000;
        if (command) deps.metrics?.commands.observe({ subcommand: command, outcome }, seconds);
        logger.debug(`Slack request handled in ${Math.round(seconds * 1000)} ms`, { type: command ?? typeOf(body) });
      }
    });
    deps.inflight.add(work);
    try {
      await work;
    } finally {
      deps.inflight.delete(work);
    }
  });

  const handlers: SubcommandHandlers = {};
  for (const register of parts.registrations ?? []) Object.assign(handlers, register(app));
  registerCircleCommand(app, handlers, logger);

  app.error(async (error) => {
    logger.error('Unhandled error in a Slack listener', error);
  });
  return app;
}

/** Initializes (checks the token with auth.test) and starts listening, on every interface unless given a `host`. */
export async function startSlackApp(app: SlackApp, port: number, host?: string): Promise<RunningSlackApp> {
  await app.init();
  const started = (await app.start(host ? { port, host } : port)) as unknown;
  // Not `instanceof`: under a test runner's sandbox the server comes from another realm.
  const server = typeof started === 'object' && started !== null && 'address' in started ? (started as Server) : undefined;
  const bound = server ? (server.address() as AddressInfo) : undefined;
  return {
    app,
    port: bound?.port ?? port,
    ...(bound ? { address: bound.address } : {}),
    stop: () => app.stop().then(() => undefined),
  };
}

/** A slash command's subcommand word (bounded to the known ones, so labels stay few), or undefined for other requests. */
function commandOf(body: unknown): string | undefined {
  const b = body as { command?: unknown; text?: unknown };
  if (typeof b?.command !== 'string') return undefined;
  const word = (typeof b.text === 'string' ? b.text.trim().split(/\s+/)[0] : '')?.toLowerCase() ?? '';
  if (word === '' || word === 'help') return 'help';
  return isSubcommand(word) ? word : 'unknown';
}

function typeOf(body: unknown): string {
  const type = (body as { type?: unknown; event?: { type?: unknown } })?.event?.type ?? (body as { type?: unknown })?.type;
  return typeof type === 'string' ? type : 'request';
}

/** Resolves when no listener work is running (new work started meanwhile is waited for too). */
export async function settled(inflight: Set<Promise<unknown>>): Promise<void> {
  // Events are acked before Bolt enters the middleware; one turn of the loop lets that work register.
  await new Promise((resolve) => setImmediate(resolve));
  while (inflight.size > 0) await Promise.allSettled([...inflight]);
}

function healthRoute(db: Db, logger: Logger): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      sql`select 1`
        .execute(db)
        .then(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true,"database":"up"}');
        })
        .catch((error: unknown) => {
          logger.warn('Health check: the database did not answer', error);
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"ok":false,"database":"down"}');
        });
    },
  };
}
