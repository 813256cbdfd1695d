import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../core/clock';
import type { Db } from '../db/database';
import { readRateLimits, storeRateLimit } from './store';

/**
 * Slack's Web API limits, per workspace (https://api.slack.com/apis/rate-limits): posting is
 * limited per channel, everything else by its method's tier. Calls per minute, kept a little under
 * the published floor of each tier.
 */
const TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
const METHOD_TIER: Record<string, keyof typeof TIERS> = {
  'conversations.create': 2,
  'conversations.invite': 3,
  'conversations.kick': 3,
  'conversations.join': 3,
  'conversations.info': 3,
  'conversations.open': 3,
  'chat.update': 3,
  'chat.delete': 3,
  'chat.getPermalink': 4,
  'users.info': 4,
  'views.publish': 4,
  'views.open': 4,
  'views.update': 4,
  'auth.test': 4,
};

export interface PacerLimits {
  /** chat.postMessage to one channel or DM, per second on average (Slack: 1). */
  perChannelPerSecond: number;
  /** ...allowing bursts of this many. */
  perChannelBurst: number;
  /** chat.postMessage across a workspace, per minute. */
  postsPerWorkspacePerMinute: number;
  /** Waits up to this long are slept through; longer ones come back as a rate limit to retry later. */
  maxWaitMs: number;
}

export const SLACK_LIMITS: PacerLimits = {
  perChannelPerSecond: 1,
  perChannelBurst: 3,
  postsPerWorkspacePerMinute: 600,
  maxWaitMs: 3_000,
};

/**
 * How close to a limit the pacer runs. Answers take varying time to reach Slack, so calls paced
 * exactly at a limit arrive bunched now and then and draw a 429; a little headroom on the rate
 * and half the burst avoid that.
 */
const HEADROOM = 0.95;

/** Shaped like @slack/web-api's own rate-limit error, so callers treat a wait we impose as one Slack imposed. */
export class PacedOut extends Error {
  readonly code = 'slack_webapi_rate_limited_error';
  constructor(readonly retryAfter: number) {
    super(`rate limited here for ${retryAfter} s before calling Slack`);
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The instant a scheduler pass runs as of (`cli tick --now`, a test's tick), so a stored
 * Retry-After is judged on the same time line as the deliveries' next attempts.
 */
const asOf = new AsyncLocalStorage<Date>();
export const pacedAsOf = <T>(now: Date, work: () => Promise<T>): Promise<T> => asOf.run(now, work);

/** How long a workspace's stored Retry-After values are trusted before they are read again. */
const STORED_TTL_MS = 1_000;

/** The time line the buckets refill on, and how a wait is waited out. */
export interface PacerTime {
  /** Milliseconds, monotonic. */
  elapsed(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: PacerTime = {
  elapsed: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Pacer time for a simulation (the tests', the demo's): the buckets refill on `clock`, and a wait the pacer asks for
 * is waited out in simulated milliseconds at once. Waits that overlap end together, at the latest
 * of them, as they would in real time. When the clock is moved, the time waited so far counts
 * toward the move, so this time line never runs backwards.
 */
export function clockPacerTime(clock: Clock): PacerTime {
  let base = clock().getTime();
  let waited = 0;
  const elapsed = () => {
    const now = clock().getTime();
    if (now !== base) {
      waited = Math.max(0, base + waited - now);
      base = now;
    }
    return base + waited;
  };
  return {
    elapsed,
    sleep: async (ms) => {
      waited = Math.max(waited, elapsed() + ms - base);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/**
 * The one place outbound calls wait their turn. In memory: a token bucket per channel (posting)
 * and per workspace and method (tiers), so a wave of reminders goes out as fast as Slack allows and
 * no faster. In the database: the Retry-After Slack answered, per workspace and method, read
 * by every replica. A workspace that is held back holds back nothing but its own calls.
 *
 * Buckets run on elapsed time (they are about request rates: real time, unless a simulation passes
 * its own); a stored Retry-After is an instant on the app's clock, like every other instant in the
 * database (a delivery's next attempt).
 */
export function createPacer(db: Db, clock: Clock, limits: PacerLimits = SLACK_LIMITS, time: PacerTime = realTime) {
  const { elapsed, sleep } = time;
  const buckets = new Map<string, Bucket>();
  const stored = new Map<string, { at: number; until: Map<string, number> }>();

  const take = (key: string, perSecond: number, burst: number, now: number): number => {
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    buckets.set(key, b);
    // The slot is booked now even when it is in the future, so concurrent callers queue up behind it.
    b.tokens -= 1;
    return b.tokens >= 0 ? 0 : (-b.tokens / perSecond) * 1000;
  };
  const giveBack = (key: string) => {
    const b = buckets.get(key);
    if (b) b.tokens += 1;
  };

  async function storedUntil(teamId: string, method: string, now: number): Promise<number> {
    let entry = stored.get(teamId);
    if (!entry || elapsed() - entry.at > STORED_TTL_MS) {
      entry = { at: elapsed(), until: await readRateLimits(db, teamId, new Date(now)) };
      stored.set(teamId, entry);
    }
    return Math.max(entry.until.get('*') ?? 0, entry.until.get(method) ?? 0);
  }

  return {
    /** Resolves when the call may go out; throws PacedOut when that is further off than is worth waiting. */
    async acquire(teamId: string, method: string, channel: string | undefined): Promise<void> {
      const at = (asOf.getStore() ?? clock()).getTime();
      const until = await storedUntil(teamId, method, at);
      if (until > at) throw new PacedOut(Math.max(1, Math.ceil((until - at) / 1000)));
      const now = elapsed();
      const booked: string[] = [];
      let wait = 0;
      if (method === 'chat.postMessage') {
        if (channel) {
          const key = `${teamId}:${channel}`;
          wait = Math.max(
            wait,
            take(key, limits.perChannelPerSecond * HEADROOM, Math.max(1, Math.floor(limits.perChannelBurst / 2)), now),
          );
          booked.push(key);
        }
        const perSecond = (limits.postsPerWorkspacePerMinute / 60) * HEADROOM;
        const key = `${teamId}:chat.postMessage`;
        wait = Math.max(wait, take(key, perSecond, Math.max(1, Math.round(perSecond / 2)), now));
        booked.push(key);
      } else {
        const tier = METHOD_TIER[method];
        if (tier) {
          const perMinute = TIERS[tier];
          const key = `${teamId}:${method}`;
          wait = Math.max(wait, take(key, (perMinute / 60) * HEADROOM, Math.max(1, Math.round(perMinute / 20)), now));
          booked.push(key);
        }
      }
      if (wait > limits.maxWaitMs) {
        for (const key of booked) giveBack(key);
        throw new PacedOut(Math.ceil(wait / 1000));
      }
      if (wait > 0) await sleep(wait);
    },

    /** Slack answered 429: every replica holds this workspace's calls of that method until then. */
    async rateLimited(teamId: string, method: string, retryAfterSeconds: number): Promise<void> {
      const until = (asOf.getStore() ?? clock()).getTime() + retryAfterSeconds * 1000;
      await storeRateLimit(db, teamId, method, new Date(until));
      const entry = stored.get(teamId);
      if (entry) entry.until.set(method, Math.max(entry.until.get(method) ?? 0, until));
    },

    forget(teamId: string): void {
      stored.delete(teamId);
      for (const key of buckets.keys()) if (key.startsWith(`${teamId}:`)) buckets.delete(key);
    },
  };
}
export type Pacer = ReturnType<typeof createPacer>;
