import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute } from '@slack/bolt';
import { sql } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { workspaceRegistry } from '../workspaces/service';
import { registerCircleCommand, type SubcommandHandlers } from './commands';
import type { SlackGateway } from './gateway';
import { postgresInstallationStore } from './installationStore';

export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'channels:manage',
  'channels:join',
  'channels:read',
  'groups:write',
  'groups:read',
  'im:write',
  'users:read',
  'files:write',
  'reactions:write',
] as const;

export interface SlackAppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  gateway: SlackGateway;
  /**
   * Listener work still running after its ack. Tests wait on it to see what a request did;
   * shutdown waits on it so no reply is cut off halfway.
   */
  inflight: Set<Promise<unknown>>;
}

/** A feature's registration function: it adds its listeners and its /circle subcommands. */
export type Feature = (app: App, deps: SlackAppDeps) => SubcommandHandlers;

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually bound (useful when asked for port 0). */
  port: number;
  stop(): Promise<void>;
}

/** Extra HTTP routes served beside /slack/events (the calendar feed, for instance). */
export type RouteFactory = (deps: SlackAppDeps) => CustomRoute[];

export function createSlackApp(deps: SlackAppDeps, features: Feature[] = [], routes: RouteFactory[] = []): App {
  const { config, db, clock, logger } = deps;
  const customRoutes: CustomRoute[] = [healthRoute(db, logger), ...routes.flatMap((r) => r(deps))];
  const oauth = config.slack.oauth;
  const app = new App({
    logger,
    deferInitialization: true,
    clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 } },
    customRoutes,
    ...(config.slack.appToken
      ? { socketMode: true, appToken: config.slack.appToken }
      : { signingSecret: config.slack.signingSecret ?? '' }),
    ...(oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: postgresInstallationStore(db, clock),
          installerOptions: { directInstall: true },
        }
      : { token: config.slack.botToken }),
  });

  const workspaces = workspaceRegistry(db);
  app.use(async ({ context, next }) => {
    const work = (async () => {
      if (context.teamId) await workspaces.ensure(context.teamId, clock());
      await next();
    })();
    deps.inflight.add(work);
    try {
      await work;
    } finally {
      deps.inflight.delete(work);
    }
  });

  const handlers: SubcommandHandlers = {};
  for (const feature of features) Object.assign(handlers, feature(app, deps));
  registerCircleCommand(app, handlers, logger);

  app.error(async (error) => {
    logger.error('Unhandled error in a Slack listener', error);
  });
  return app;
}

/** Initializes (checks the token with auth.test) and starts listening. */
export async function startSlackApp(app: App, port: number): Promise<RunningSlackApp> {
  await app.init();
  const started = (await app.start(port)) as unknown;
  // Not `instanceof`: under a test runner's sandbox the server comes from another realm.
  const server = typeof started === 'object' && started !== null && 'address' in started ? (started as Server) : undefined;
  const bound = server ? (server.address() as AddressInfo).port : port;
  return { app, port: bound, stop: () => app.stop().then(() => undefined) };
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
