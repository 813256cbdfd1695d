import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../migrations';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../support/db';

const root = join(__dirname, '..', '..');

function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync('node', [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli.ts'), ...args], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    // Only PostgreSQL needs one made; the embedded database lives in the CLI's own DATA_DIR.
    database = usingPostgres() ? await createTestDatabase({ migrate: false }) : undefined;
    dataDir = mkdtempSync(join(tmpdir(), 'peer-circles-cli-'));
    env = {
      SLACK_BOT_TOKEN: 'xoxb-cli-test',
      SLACK_SIGNING_SECRET: 'cli-signing-secret',
      DATA_DIR: dataDir,
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates, and says so when already up to date', () => {
    const first = cli(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Applied: ${Object.keys(migrations).join(', ')}\n`);
    const again = cli(['migrate'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('Already up to date.\n');
  }, 120_000);

  it('runs one scheduler pass as of --now and prints what each job did', () => {
    const run = cli(['tick', '--now', '2026-12-01T14:00:00Z'], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { now: string; reports: Record<string, unknown>; failed: string[] };
    expect(out.now).toBe('2026-12-01T14:00:00.000Z');
    expect(out.failed).toEqual([]);
    // Single-token mode: the token is checked first (when a workspace is held back), and nothing is ever erased.
    expect(Object.keys(out.reports)).toEqual([
      'check-token',
      'resume-due-pauses',
      'session-horizon',
      'checkin-rosters',
      'plan-deliveries',
      'cycle-rollover',
      'send-deliveries',
      'sessions-held',
    ]);
  }, 120_000);

  it('refuses a malformed --now and an unknown command', () => {
    const bad = cli(['tick', '--now', 'tomorrow'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--now needs an ISO-8601 instant such as 2026-12-01T14:00:00Z (got tomorrow)');
    const unknown = cli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('npm run cli -- tick [--now ISO-8601]');
  }, 120_000);
});
