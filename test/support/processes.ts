import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The app and the CLI as real child processes, as an operator runs them. */

const root = join(__dirname, '..', '..');

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const path = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

/** The built entry point when the build is fresh (CI builds first), else the same file from source. */
function entry(name: 'main' | 'cli'): [string, string[]] {
  const built = join(root, 'dist', 'src', `${name}.js`);
  const fresh =
    existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')));
  if (fresh) return ['node', [built]];
  // tsx as a loader in this very process (not its CLI, which runs the app in a grandchild): so a
  // signal sent to the child, SIGKILL included, reaches the app itself.
  const tsx = join(root, 'node_modules', 'tsx', 'dist');
  return [
    'node',
    [
      '--require',
      join(tsx, 'preflight.cjs'),
      '--import',
      pathToFileURL(join(tsx, 'loader.mjs')).href,
      join(root, 'src', `${name}.ts`),
    ],
  ];
}

export interface Child {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

function start(name: 'main' | 'cli', args: string[], env: Record<string, string>): Child {
  const [cmd, base] = entry(name);
  // Only what we pass: the app must not pick up the developer's own .env or DATABASE_URL.
  const child = spawn(cmd, [...base, ...args], {
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

export const startMain = (env: Record<string, string>): Child => start('main', [], env);
export const startCli = (args: string[], env: Record<string, string>): Child => start('cli', args, env);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until `url` answers 200, or fails if the process exits first. */
export async function waitForOk(url: string, exited: Promise<number | null>, timeoutMs = 60_000): Promise<void> {
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const until = Date.now() + timeoutMs;
  while (!done && Date.now() < until) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200`);
}

/** Resolves with what `until` returns once it is truthy, polling. */
export async function eventually<T>(until: () => Promise<T> | T, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await until();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
