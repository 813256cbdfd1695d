import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/db';
import { type Child, freePort, startMain, waitForOk } from '../support/processes';

// The built app when the build is fresh (CI builds first), else the same entry point from source,
// as a direct child so that its signals and exit code are its own.
describe('npm start', () => {
  it('exits non-zero with a clear message when the environment is empty', async () => {
    const run = startMain({});
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain('SLACK_BOT_TOKEN is not set');
    expect(run.output()).toContain('manifest.yml');
  });

  it('exits non-zero naming DATABASE_URL when it is malformed', async () => {
    const run = startMain({
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 'abcdef123456',
      DATABASE_URL: 'localhost:5432/circles',
    });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain('DATABASE_URL is malformed');
    expect(run.output()).not.toContain('xoxb-1-2-3');
  });

  it('exits non-zero, in one line, when .env.example was copied without filling it in', async () => {
    const run = startMain({ SLACK_BOT_TOKEN: 'xoxb-your-bot-token', SLACK_SIGNING_SECRET: 'your-signing-secret' });
    expect(await run.exited).not.toBe(0);
    expect(run.output().trim().split('\n')).toEqual([
      expect.stringMatching(/^peer-circles: SLACK_BOT_TOKEN is still the placeholder from \.env\.example: set it to /),
    ]);
  });

  describe('started against the emulator', () => {
    let emulator: SlackEmulator;
    let run: Child;
    let baseUrl: string;
    let opsUrl: string;
    let dataDir: string;
    const opsToken = 'c0ffee0123456789abcdef0123456789';
    let database: TestDatabase | undefined;

    beforeAll(async () => {
      // Its own empty database: the app migrates it at start-up, as in production.
      // Only PostgreSQL needs one made; the embedded database lives in the process's own DATA_DIR.
      database = usingPostgres() ? await createTestDatabase({ migrate: false }) : undefined;
      emulator = await startSlackEmulator();
      const port = await freePort();
      const opsPort = await freePort();
      opsUrl = `http://127.0.0.1:${opsPort}`;
      dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-start-'));
      baseUrl = `http://127.0.0.1:${port}`;
      run = startMain({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        PORT: String(port),
        OPS_PORT: String(opsPort),
        OPS_TOKEN: opsToken,
        SCHEDULER: 'off',
        DATA_DIR: dataDir,
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
      });
      await waitForOk(`${baseUrl}/healthz`, run.exited);
    }, 60_000);

    afterAll(async () => {
      run.child.kill('SIGTERM');
      await run.exited;
      await emulator.close();
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('says /healthz is 200', async () => {
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    });

    it('answers a signed /circle help within Slack’s 3 seconds', async () => {
      const res = await emulator.driver(`${baseUrl}/slack/events`).command(USERS.ana, 'help');
      expect(res.status).toBe(200);
      expect(res.timedOut).toBe(false);
      expect(res.body.text).toContain('/circle join [name]');
    });

    it('refuses unsigned and stale requests', async () => {
      const driver = emulator.driver(`${baseUrl}/slack/events`);
      expect((await driver.command(USERS.ana, 'help', { signature: 'v0=00' })).status).toBe(401);
      expect((await driver.command(USERS.ana, 'help', { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
      const unsigned = await fetch(`${baseUrl}/slack/events`, { method: 'POST', body: 'command=%2Fcircle&text=help' });
      expect(unsigned.status).toBe(401);
    });

    it('serves /metrics and /readyz on OPS_PORT alone, to a bearer of OPS_TOKEN, and says where', async () => {
      const bearer = { headers: { authorization: `Bearer ${opsToken}` } };
      expect((await fetch(`${baseUrl}/metrics`, bearer)).status).toBe(404);
      expect((await fetch(`${opsUrl}/metrics`)).status).toBe(401);
      expect((await fetch(`${opsUrl}/metrics`, bearer)).status).toBe(200);
      expect(await (await fetch(`${opsUrl}/readyz`, bearer)).json()).toMatchObject({ ok: true, slack: 'ok' });
      expect(run.output()).toContain(`/metrics and /readyz on port ${new URL(opsUrl).port}, bearer token required`);
    });

    it('never writes the bot token or the ops token to its logs', () => {
      expect(run.output()).not.toContain(emulator.botToken);
      expect(run.output()).not.toContain(opsToken);
    });
  });
});
