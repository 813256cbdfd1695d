import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOCK_MOVING, type RunningDemo, startDemo } from '../../src/demo/demo';
import { CHANNELS, startSlackEmulator, USERS } from '../../src/sandbox';

/**
 * `npm run demo` as wired, without a browser: what it listens on and with which secrets, and that
 * its page's API answers only its own page. The page's server and the app's are both reached
 * over loopback here; nothing is sent to another interface.
 */
describe('the demo on a laptop', () => {
  let demo: RunningDemo;
  const dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-demo-test-'));

  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, keep: false, tourTiming: { stepMs: 0, wordMs: 0 }, schedulerEveryMs: 0 });
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on loopback only: the page, the Web API and the app that acts for everyone', () => {
    expect(new URL(demo.emulator.baseUrl).hostname).toBe('127.0.0.1');
    // The app's Bolt receiver takes any request signed with the secret; nothing off this machine may reach it.
    expect(demo.app.address).toBe('127.0.0.1');
    expect(new URL(demo.url).hostname).toBe('localhost');
  });

  it('signs and authorizes with secrets of its own, not the emulator’s fixed ones', async () => {
    expect(demo.emulator.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(demo.emulator.botToken).toMatch(/^xoxb-[0-9a-f]{48}$/);
    const fixed = await startSlackEmulator();
    try {
      expect(demo.emulator.signingSecret).not.toBe(fixed.signingSecret);
      expect(demo.emulator.botToken).not.toBe(fixed.botToken);
    } finally {
      await fixed.close();
    }
  });

  it('answers its own page, and refuses another origin and a body that is not JSON before acting', async () => {
    const base = new URL(demo.emulator.baseUrl);
    const travel = (headers: Record<string, string>) =>
      fetch(new URL('/demo/api/control/travel', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ jump: 'hour' }),
      });
    const before = demo.clock.offset;
    expect((await travel({ origin: 'https://evil.example' })).status).toBe(403);
    const text = await fetch(new URL('/demo/api/control/travel', base), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ jump: 'hour' }),
    });
    expect(text.status).toBe(415);
    expect(demo.clock.offset).toBe(before);
    const own = await travel({ origin: base.origin });
    expect(await own.json()).toMatchObject({ ok: true });
    expect(demo.clock.offset).toBeGreaterThan(before);
  }, 60_000);

  /** A POST as the page sends it: JSON, from its own origin. */
  const fromPage = async (path: string, body: unknown) => {
    const base = new URL(demo.emulator.baseUrl);
    return (await (
      await fetch(new URL(path, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base.origin },
        body: JSON.stringify(body),
      })
    ).json()) as { ok: boolean; error?: string; result?: { summary?: string } };
  };

  /** A jump months ahead, so it is still running while the test acts; returned once the page reads it as moving. */
  const longJump = async () => {
    const date = new Date(demo.clock.nowMs() + 30 * 24 * 3_600_000).toISOString().slice(0, 10);
    const jump = fromPage('/demo/api/control/travel', { jump: 'date', date, timeZone: 'UTC' });
    for (let i = 0; i < 100; i++) {
      const state = (await (await fetch(new URL('/demo/api/state', demo.emulator.baseUrl))).json()) as {
        demo: { travelling: boolean };
      };
      if (state.demo.travelling) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { date, jump };
  };

  it('a jump says what arrived; another click while it runs is refused with the reason, not queued', async () => {
    const control = (name: string, body: unknown) => fromPage(`/demo/api/control/${name}`, body);
    const { date, jump: first } = await longJump();
    const second = await control('travel', { jump: 'hour' });
    expect(second).toMatchObject({ ok: false, error: expect.stringContaining('The clock is moving') });
    expect(await first).toMatchObject({ ok: true, result: { summary: expect.any(String) } });
    expect(demo.clock.now().toISOString().slice(0, 10)).toBe(date);
    // Nothing was queued behind the jump: the clock stays where it took it.
    const after = demo.clock.offset;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(demo.clock.offset).toBe(after);
    expect(await control('travel', { jump: 'date', date: '2001-01-01', timeZone: 'UTC' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('only moves forward'),
    });
    expect(await control('tour-next', {})).toMatchObject({ ok: false, error: 'No act is playing.' });
  }, 60_000);

  it('what a person does while the clock jumps is refused with the reason and changes nothing; reading is not', async () => {
    const list = { type: 'command', as: USERS.owner, channel: CHANNELS.general, text: '/circle list' };
    const answers = () => demo.emulator.ephemeralsTo(USERS.owner).length;
    const before = answers();
    const messages = demo.emulator.messages(CHANNELS.general).length;
    const { jump } = await longJump();
    expect(await fromPage('/demo/api/act', list)).toEqual({ ok: false, error: CLOCK_MOVING });
    // Refused before it is looked at: this modal was never opened.
    expect(await fromPage('/demo/api/act', { type: 'submit', as: USERS.owner, viewId: 'V0NEVEROPEN', values: {} })).toEqual({
      ok: false,
      error: CLOCK_MOVING,
    });
    expect(await fromPage('/demo/api/act', { type: 'read', as: USERS.owner, channel: CHANNELS.general })).toEqual({ ok: true });
    expect(await jump).toMatchObject({ ok: true });
    // Nothing was queued behind the jump: the command was never run, even now that it is over.
    await demo.app.settle();
    expect(answers()).toBe(before);
    expect(demo.emulator.messages(CHANNELS.general)).toHaveLength(messages);
    // Once the clock stands still, the same command is answered.
    expect(await fromPage('/demo/api/act', list)).toEqual({ ok: true });
    expect(answers()).toBe(before + 1);
  }, 60_000);
});
