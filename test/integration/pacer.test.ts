import { WebClient } from '@slack/web-api';
import { CHANNELS, startSlackEmulator, USERS } from '../../src/sandbox';
import { createPacer, PacedOut, type PacerTime, SLACK_LIMITS } from '../../src/workspaces/pacer';
import { createTestDatabase, type TestDatabase } from '../support/db';

/** Pacer time that moves only by what the pacer waits: each wait is recorded and taken at once. */
function fakeTime(): PacerTime & { waits: number[]; now: number } {
  const time = {
    waits: [] as number[],
    now: 0,
    elapsed: () => time.now,
    sleep: async (ms: number) => {
      time.waits.push(ms);
      time.now += ms;
    },
  };
  return time;
}

describe('the pacer', () => {
  let t: TestDatabase;
  const clock = () => new Date('2026-11-23T15:00:00Z');
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('spaces posts to one channel about a second apart, while other channels go at once', async () => {
    const time = fakeTime();
    const pacer = createPacer(t.db, clock, SLACK_LIMITS, time);
    for (let i = 0; i < 3; i++) await pacer.acquire('T1', 'chat.postMessage', 'C1');
    // The first goes at once; each next one waits a little over a second (Slack's one a second, with headroom).
    expect(time.waits).toHaveLength(2);
    for (const wait of time.waits) {
      expect(wait).toBeGreaterThanOrEqual(1_000);
      expect(wait).toBeLessThan(1_100);
    }
    time.waits.length = 0;
    for (const channel of ['C2', 'C3', 'C4']) await pacer.acquire('T1', 'chat.postMessage', channel);
    expect(time.waits).toEqual([]);
  });

  it('holds a workspace whose Retry-After is stored, and only that workspace; a long wait comes back as a rate limit', async () => {
    const pacer = createPacer(t.db, clock, SLACK_LIMITS, fakeTime());
    await pacer.rateLimited('T1', 'chat.postMessage', 30);
    await expect(pacer.acquire('T1', 'chat.postMessage', 'C1')).rejects.toMatchObject({ retryAfter: 30 });
    await expect(pacer.acquire('T2', 'chat.postMessage', 'C1')).resolves.toBeUndefined();
    // Another replica (its own pacer) reads it from the database.
    const other = createPacer(t.db, clock, SLACK_LIMITS, fakeTime());
    await expect(other.acquire('T1', 'chat.postMessage', 'C9')).rejects.toBeInstanceOf(PacedOut);
    await expect(other.acquire('T1', 'users.info', undefined)).resolves.toBeUndefined();
    // conversations.create is Tier 2 (20 a minute): the next slot is seconds away, past the longest wait.
    const tightTime = fakeTime();
    const tight = createPacer(t.db, clock, { ...SLACK_LIMITS, maxWaitMs: 100 }, tightTime);
    await tight.acquire('T3', 'conversations.create', undefined);
    await expect(tight.acquire('T3', 'conversations.create', undefined)).rejects.toBeInstanceOf(PacedOut);
    // Refused rather than waited for.
    expect(tightTime.waits).toEqual([]);
  });
});

describe("the emulator's posting limits", () => {
  it('answers 429 with a Retry-After past one message a second per channel (after a burst)', async () => {
    let elapsed = 0;
    const emulator = await startSlackEmulator({
      rateLimits: { perChannelPerSecond: 1, perChannelBurst: 2 },
      rateLimitClock: () => elapsed,
    });
    try {
      const client = new WebClient(emulator.botToken, {
        slackApiUrl: emulator.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      });
      await client.chat.postMessage({ channel: CHANNELS.random, text: 'one' });
      await client.chat.postMessage({ channel: CHANNELS.random, text: 'two' });
      await expect(client.chat.postMessage({ channel: CHANNELS.random, text: 'three' })).rejects.toMatchObject({
        code: 'slack_webapi_rate_limited_error',
        retryAfter: 1,
      });
      await client.chat.postMessage({ channel: USERS.ana, text: 'another channel' });
      elapsed += 500;
      await expect(
        client.chat.postMessage({ channel: CHANNELS.random, text: 'three, half a second after two' }),
      ).rejects.toMatchObject({
        retryAfter: 1,
      });
      elapsed += 500;
      await client.chat.postMessage({ channel: CHANNELS.random, text: 'three, a second after two' });
      expect(emulator.rateLimitedCount()).toBe(2);
    } finally {
      await emulator.close();
    }
  });
});
