import { WebClient } from '@slack/web-api';
import { CHANNELS, startSlackEmulator, USERS } from '../../src/sandbox';
import { createPacer, PacedOut, SLACK_LIMITS } from '../../src/workspaces/pacer';
import { createTestDatabase, type TestDatabase } from '../support/db';

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
    const pacer = createPacer(t.db, clock);
    const started = performance.now();
    for (let i = 0; i < 3; i++) await pacer.acquire('T1', 'chat.postMessage', 'C1');
    const oneChannel = performance.now() - started;
    expect(oneChannel).toBeGreaterThan(1_900);
    const again = performance.now();
    for (const channel of ['C2', 'C3', 'C4']) await pacer.acquire('T1', 'chat.postMessage', channel);
    expect(performance.now() - again).toBeLessThan(500);
  });

  it('holds a workspace whose Retry-After is stored, and only that workspace; a long wait comes back as a rate limit', async () => {
    const pacer = createPacer(t.db, clock);
    await pacer.rateLimited('T1', 'chat.postMessage', 30);
    await expect(pacer.acquire('T1', 'chat.postMessage', 'C1')).rejects.toMatchObject({ retryAfter: 30 });
    await expect(pacer.acquire('T2', 'chat.postMessage', 'C1')).resolves.toBeUndefined();
    // Another replica (its own pacer) reads it from the database.
    const other = createPacer(t.db, clock);
    await expect(other.acquire('T1', 'chat.postMessage', 'C9')).rejects.toBeInstanceOf(PacedOut);
    await expect(other.acquire('T1', 'users.info', undefined)).resolves.toBeUndefined();
    // conversations.create is Tier 2 (20 a minute): the next slot is seconds away, past the longest wait.
    const tight = createPacer(t.db, clock, { ...SLACK_LIMITS, maxWaitMs: 100 });
    await tight.acquire('T3', 'conversations.create', undefined);
    await expect(tight.acquire('T3', 'conversations.create', undefined)).rejects.toBeInstanceOf(PacedOut);
  });
});

describe("the emulator's posting limits", () => {
  it('answers 429 with a Retry-After past one message a second per channel (after a burst)', async () => {
    const emulator = await startSlackEmulator({ rateLimits: { perChannelPerSecond: 1, perChannelBurst: 2 } });
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
      expect(emulator.rateLimitedCount()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      await client.chat.postMessage({ channel: CHANNELS.random, text: 'three, later' });
    } finally {
      await emulator.close();
    }
  });
});
