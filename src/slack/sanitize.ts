import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppContext } from './context';

/**
 * PostgreSQL text cannot hold a NUL character, so a payload carrying one would fail at the first
 * query that stores or even compares it. Slack clients never send one; a request that does is
 * forged or broken, and the invisible character is dropped before any listener reads the payload.
 */
export function dropNulCharacters(): Middleware<AnyMiddlewareArgs, AppContext> {
  return async ({ body, next }) => {
    scrub(body);
    await next();
  };
}

function scrub(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (typeof item === 'string') node[i] = item.replaceAll('\u0000', '');
      else scrub(item);
    });
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        if (value.includes('\u0000')) record[key] = value.replaceAll('\u0000', '');
      } else scrub(value);
    }
  }
}
