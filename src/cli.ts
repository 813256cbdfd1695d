import './dotenv';
import { systemClock } from './core/clock';
import { buildServices } from './composition';
import { ConfigError, loadConfig, secretsOf } from './core/config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createLogger } from './core/logger';
import { tick } from './scheduler/tick';

const USAGE = `Usage:
  npm run cli -- migrate                 apply database migrations
  npm run cli -- tick [--now ISO-8601]   run one scheduler pass (as of --now, default: the current time)`;

export function parseNow(args: string[]): Date {
  const i = args.indexOf('--now');
  if (i === -1) return systemClock();
  const value = args[i + 1];
  const date = value ? new Date(value) : new Date(Number.NaN);
  if (!value || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new ConfigError(`--now needs an ISO-8601 instant such as 2026-12-01T14:00:00Z (got ${value ?? 'nothing'}).`);
  }
  return date;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'migrate' && command !== 'tick') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, undefined, secretsOf(config));
  const db = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 4 });
  try {
    const applied = await migrateToLatest(db);
    if (command === 'migrate') {
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
      return 0;
    }
    const now = parseNow(rest);
    const services = buildServices(config, db, () => now, logger);
    const result = await tick(services.jobs, now, logger, services.deps.metrics);
    process.stdout.write(`${JSON.stringify({ now: now.toISOString(), ...result })}\n`);
    return result.failed.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`peer-circles: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
