import { USERS } from '../../src/sandbox';
import type { TestApp } from './app';

/** Text the hostile tests type that the bot must never send back as Slack markup. */
export const FORGERIES = ['<!channel>', '<!here>', '<!everyone>', '<@U0BOSS>', '<#C0SECRET>', '<http://evil.example'] as const;

/**
 * Everything the app sent to Slack as one string: Web API calls (posts, updates, ephemerals,
 * modals, home tabs), response_url posts and the ephemerals people saw (command acks included).
 */
export function everythingSent(t: Pick<TestApp, 'emulator'>): string {
  const ephemerals = Object.values(USERS).flatMap((u) => t.emulator.ephemeralsTo(u));
  return JSON.stringify([t.emulator.calls.map((c) => c.args), t.emulator.responseUrlPosts, ephemerals]);
}
