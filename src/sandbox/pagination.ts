import { ApiError, int, str } from './apiArgs';
import type { JsonObject } from './types';

export interface Page<T> {
  items: T[];
  response_metadata: { next_cursor: string };
}

/**
 * Slack-style cursor pagination. Cursors are opaque base64 like Slack's, so an app that builds
 * its own cursor or reuses one from another method gets `invalid_cursor`, not silent garbage.
 */
export function paginate<T>(all: T[], args: JsonObject, method: string, defaultLimit: number): Page<T> {
  const requested = int(args, 'limit');
  const limit = requested === undefined || requested <= 0 ? defaultLimit : Math.min(requested, 1000);
  const cursor = str(args, 'cursor');
  let offset = 0;
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const match = /^(.+):(\d+)$/.exec(decoded);
    if (!match || match[1] !== method) throw new ApiError('invalid_cursor');
    offset = Number(match[2]);
  }
  const items = all.slice(offset, offset + limit);
  const nextOffset = offset + items.length;
  const next_cursor = nextOffset < all.length ? Buffer.from(`${method}:${nextOffset}`).toString('base64') : '';
  return { items, response_metadata: { next_cursor } };
}
