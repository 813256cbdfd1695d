import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { sql } from 'kysely';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Db } from '../db/database';
import { pendingMigrations } from '../db/migrate';
import { failingTokens } from '../workspaces/service';

/** What the operator's routes need. */
export interface OpsDeps {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
  /** OPS_TOKEN: when set, only requests bearing it are answered. */
  token?: string | undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Readiness, beside /healthz's liveness: this replica should take traffic only when its database
 * answers and has every migration this build expects (a replica of a newer build started against
 * an older schema says so instead of failing requests).
 *
 * It also says when sends are held back because SLACK_BOT_TOKEN fails (single-token mode), and
 * since when; that alone does not make a replica unready: every replica has the same token, and
 * taking them all out of rotation would leave slash commands unanswered too.
 */
export function readyRoute({ db, logger }: OpsDeps): CustomRoute {
  const slackStatus = async () => {
    const failing = await failingTokens(db);
    if (failing.length === 0) return { slack: 'ok' };
    return {
      slack: 'token failing',
      held: failing.map((f) => ({ team: f.teamId, since: f.since.toISOString(), error: f.error })),
    };
  };
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      pendingMigrations(db)
        .then(async (pending) =>
          pending.length === 0
            ? json(res, 200, { ok: true, database: 'up', migrations: 'current', ...(await slackStatus()) })
            : json(res, 503, { ok: false, database: 'up', migrations: 'pending', pending }),
        )
        .catch((error: unknown) => {
          logger.warn('Readiness check: the database did not answer', error);
          json(res, 503, { ok: false, database: 'down' });
        });
    },
  };
}

/** Prometheus' text format; the due backlog is read from the ledger at each scrape. */
export function metricsRoute({ db, logger, metrics, clock }: OpsDeps): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      const scrape = async () => {
        try {
          await refreshBacklog(db, metrics, clock());
        } catch (error) {
          // The other figures are still worth serving when the database is away.
          logger.warn('Metrics: the due backlog could not be read', error);
        }
        return metrics.registry.metrics();
      };
      scrape()
        .then((text) => {
          res.writeHead(200, { 'content-type': metrics.registry.contentType });
          res.end(text);
        })
        .catch((error: unknown) => {
          logger.error('Metrics could not be rendered', error);
          res.writeHead(500);
          res.end();
        });
    },
  };
}

async function refreshBacklog(db: Db, metrics: Metrics, now: Date): Promise<void> {
  const { rows } = await sql<{ team_id: string; due: number }>`
    SELECT team_id, count(*)::int AS due FROM deliveries
    WHERE status IN ('pending', 'sending') AND next_attempt_at <= ${now}
    GROUP BY team_id`.execute(db);
  metrics.dueBacklog.reset();
  for (const r of rows) metrics.dueBacklog.set({ team: r.team_id }, r.due);
}

/** Whether the request carries `Authorization: Bearer <token>`; compared in constant time. */
function bears(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  // Hashed first so the comparison takes as long whatever the lengths.
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The route, answered only to requests bearing the token (they list workspaces). */
function guarded(route: CustomRoute, token: string | undefined): CustomRoute {
  if (!token) return route;
  return {
    ...route,
    handler: (req, res) => {
      if (bears(req, token)) return route.handler(req, res);
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="peer-circles ops"' });
      res.end(JSON.stringify({ ok: false, error: 'this endpoint needs Authorization: Bearer <OPS_TOKEN>' }));
    },
  };
}

/** /readyz and /metrics, behind OPS_TOKEN when it is set. */
export function opsRoutes(deps: OpsDeps): CustomRoute[] {
  return [readyRoute(deps), metricsRoute(deps)].map((route) => guarded(route, deps.token));
}
