import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningDemo, startDemo } from '../../src/demo/demo';
import { startSlackEmulator } from '../../src/sandbox';

/**
 * `npm run demo` as wired, without a browser: what it listens on and with which secrets, and that
 * its page's API answers only its own page. The page's server and the app's are both reached
 * over loopback here; nothing is sent to another interface.
 */
describe('the demo on a laptop', () => {
  let demo: RunningDemo;
  const dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-demo-test-'));

  beforeAll(async () => {
    demo = await startDemo({ port: 0, dataDir, keep: false, tourStepMs: 0 });
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
});
