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

  describe('started against the emulator', () => {
    let emulator: SlackEmulator;
    let run: Child;
    let baseUrl: string;
    let dataDir: string;
    let database: TestDatabase | undefined;

    beforeAll(async () => {
      // Its own empty database: the app migrates it at start-up, as in production.
      // Only PostgreSQL needs one made; the embedded database lives in the process's own DATA_DIR.
      database = usingPostgres() ? await createTestDatabase({ migrate: false }) : undefined;
      emulator = await startSlackEmulator();
      const port = await freePort();
      dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-start-'));
      baseUrl = `http://127.0.0.1:${port}`;
      run = startMain({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        PORT: String(port),
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

    it('never writes the bot token to its logs', () => {
      expect(run.output()).not.toContain(emulator.botToken);
    });
  });
});
