import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/db';

const root = join(__dirname, '..', '..');
const built = join(root, 'dist', 'src', 'main.js');
/** The newest modification time of any file below a folder. */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const path = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

// CI builds first and so starts the built app; on a bare checkout, or when the build is older than
// the sources, the same entry point runs from source.
const fresh =
  existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')));
const entry = fresh
  ? ['node', [built]]
  : ['node', [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'main.ts')]];

function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const [cmd, args] = entry as [string, string[]];
  // Only what we pass: the app must not pick up the developer's own .env or DATABASE_URL.
  const child = spawn(cmd, args, {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, exited: Promise<number | null>): Promise<void> {
  let done = false;
  void exited.then(() => {
    done = true;
  });
  for (let i = 0; i < 300 && !done; i++) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the app did not become healthy');
}

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
    let run: ReturnType<typeof startMain>;
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
      await waitForHealth(`${baseUrl}/healthz`, run.exited);
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
