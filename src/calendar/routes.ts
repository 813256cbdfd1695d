import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/database';
import { feedFor } from './service';

const FILE_PATTERN = /^([A-Za-z0-9_-]+)\.ics$/;
// Every method is routed here: an unrouted request is logged by Bolt with its URL, and the URL holds the token.
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** GET /calendar/<token>.ics: a person's private feed, for calendar apps to subscribe to. */
type RouteDeps = { db: Db; clock: Clock; logger: Logger };

export const calendarRoutes = (deps: RouteDeps): CustomRoute[] => [
  { path: '/calendar/:file', method: ALL_METHODS, handler: (req, res) => serveFeed(deps, req, res) },
  // Deeper paths would otherwise fall through to Bolt's unhandled-request log line, URL and all.
  { path: '/calendar/*rest', method: ALL_METHODS, handler: (_req, res) => notFound(res) },
];

function serveFeed(deps: RouteDeps, req: Parameters<CustomRoute['handler']>[0], res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    plain(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
    return;
  }
  const file = req.params?.file;
  const token = typeof file === 'string' ? FILE_PATTERN.exec(file)?.[1] : undefined;
  if (token === undefined) {
    notFound(res);
    return;
  }
  feedFor(deps.db, token, deps.clock())
    .then((ics) => {
      if (ics === null) {
        notFound(res);
        return;
      }
      const etag = `"${createHash('sha256').update(ics).digest('base64url')}"`;
      const headers = { 'cache-control': 'private, max-age=300', etag };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/calendar; charset=utf-8',
        'content-length': Buffer.byteLength(ics, 'utf8'),
        'content-disposition': 'inline; filename="peer-circles.ics"',
        'x-content-type-options': 'nosniff',
      });
      res.end(ics);
    })
    .catch((error: unknown) => {
      deps.logger.warn('Calendar feed: could not read the database', withoutToken(error, token));
      plain(res, 503, 'The calendar is unavailable right now. Please try again later.\n', { 'retry-after': '60' });
    });
}

function notFound(res: ServerResponse): void {
  plain(res, 404, 'Not found\n');
}

function plain(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body, 'utf8'),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}

/** The error as text with the token blanked out, in case a driver echoed the query's parameters. */
function withoutToken(error: unknown, token: string): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split(token).join('***');
}
