/** Slack's limits on posting, as an option of the emulator (off by default). */
export interface RateLimitOptions {
  /** chat.postMessage to one channel (or DM): this many a second on average (Slack: 1). */
  perChannelPerSecond: number;
  /** ...with bursts of this many (Slack allows "short bursts"). */
  perChannelBurst: number;
  /** chat.postMessage across one workspace, per minute (Slack: "several hundred"); undefined: no such limit. */
  postsPerWorkspacePerMinute?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets on the wall clock (the emulator's own clock may be frozen or far ahead: limits are
 * about real request rates). `take` answers the Retry-After in seconds when a call is over a limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly options: RateLimitOptions,
    private readonly wallClock: () => number = () => performance.now(),
  ) {}

  take(team: string, method: string, channel: string | undefined): number | undefined {
    if (method !== 'chat.postMessage') return undefined;
    const o = this.options;
    const checks: Array<[string, number, number]> = [];
    if (channel) checks.push([`${team}:${channel}`, o.perChannelPerSecond, o.perChannelBurst]);
    if (o.postsPerWorkspacePerMinute) {
      const perSecond = o.postsPerWorkspacePerMinute / 60;
      checks.push([`${team}:*`, perSecond, Math.max(1, Math.round(perSecond))]);
    }
    const now = this.wallClock();
    let wait = 0;
    for (const [key, rate, burst] of checks) {
      const b = this.refilled(key, rate, burst, now);
      if (b.tokens < 1) wait = Math.max(wait, (1 - b.tokens) / rate);
    }
    if (wait > 0) return Math.max(1, Math.ceil(wait));
    for (const [key] of checks) this.buckets.get(key)!.tokens -= 1;
    return undefined;
  }

  private refilled(key: string, rate: number, burst: number, now: number): Bucket {
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    return b;
  }
}
