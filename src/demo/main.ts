import { ConfigError } from '../core/config';
import { startDemo } from './demo';
import { DEFAULT_TIMING } from './tour';

const USAGE = `Usage: npm run demo -- [--port N] [--host HOST] [--keep] [--data-dir DIR] [--tour-step-ms N] [--tour-word-ms N]
  --port N          serve the page on port N (default: PORT or 3000)
  --host HOST       serve it on this address or name (default: 127.0.0.1, this machine only;
                    0.0.0.0 lets anyone who reaches this machine act as anyone in the demo)
  --keep            resume the previous demo in DIR instead of starting clean
  --data-dir DIR    where the demo keeps its database (default: .data/demo)
  --tour-step-ms N  the least time the guided tour stays on a step (default: 3000)
  --tour-word-ms N  and how long more per word of the step's text (default: 190)`;

interface Args {
  port: number;
  host: string;
  keep: boolean;
  dataDir: string;
  tourStepMs: number;
  tourWordMs: number;
}

export function parseArgs(argv: string[], env: Record<string, string | undefined>): Args | 'help' {
  const args: Args = {
    port: Number(env.PORT ?? 3000),
    host: '127.0.0.1',
    keep: false,
    dataDir: '.data/demo',
    tourStepMs: DEFAULT_TIMING.stepMs,
    tourWordMs: DEFAULT_TIMING.wordMs,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${flag} needs a value.\n${USAGE}`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--port') args.port = Number(value());
    else if (flag === '--host') args.host = value();
    else if (flag === '--data-dir') args.dataDir = value();
    else if (flag === '--tour-step-ms') args.tourStepMs = Number(value());
    else if (flag === '--tour-word-ms') args.tourWordMs = Number(value());
    else throw new ConfigError(`Unknown option ${flag}.\n${USAGE}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
    throw new ConfigError('The port must be a number between 0 and 65535.');
  for (const ms of [args.tourStepMs, args.tourWordMs])
    if (!Number.isFinite(ms) || ms < 0) throw new ConfigError('--tour-step-ms and --tour-word-ms take a number of ms.');
  return args;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), process.env);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { tourStepMs, tourWordMs, ...rest } = args;
  const demo = await startDemo({
    ...rest,
    tourTiming: { stepMs: tourStepMs, wordMs: tourWordMs },
    ...(process.env.LOG_LEVEL ? { logLevel: process.env.LOG_LEVEL } : {}),
  });
  process.stdout.write(
    `Peer Circles demo: ${demo.url}\n${args.keep ? 'Resumed the previous demo' : 'A fresh workspace'} in ${args.dataDir}; Ctrl-C stops it (--keep resumes it).\n`,
  );
  if (!isLoopback(args.host))
    process.stdout.write(
      `Listening on ${args.host}: anyone who can reach this machine on port ${new URL(demo.url).port} can use the demo as anyone in its workspace.\n`,
    );
  const stop = () => {
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`demo: stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
  const message = inUse
    ? 'That port is taken: choose another with --port N (or PORT=N).'
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`demo: ${message}\n`);
  if (!(error instanceof ConfigError) && !inUse && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
