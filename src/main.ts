import './dotenv';
import { systemClock } from './core/clock';
import { buildServices, buildSlackApp } from './composition';
import { ConfigError, loadConfig, secretsOf } from './core/config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createLogger } from './core/logger';
import { startSchedulerLoop } from './scheduler/loop';
import { settled, startSlackApp } from './slack/app';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, undefined, secretsOf(config));
  const db = createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onIdleError: (error) => logger.warn('A pooled database connection was lost; it will be replaced', error),
  });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
  try {
    const applied = await migrateToLatest(db);
    logger.info(`Database ready (${where}); migrations applied now: ${applied.length ? applied.join(', ') : 'none'}`);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(`Could not prepare ${where}: ${describe(error)}`);
  }

  const services = buildServices(config, db, systemClock, logger);
  let running: Awaited<ReturnType<typeof startSlackApp>>;
  try {
    running = await startSlackApp(buildSlackApp(services), config.port);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(`Could not start the Slack app: ${describe(error)}. Check SLACK_BOT_TOKEN and SLACK_API_URL.`);
  }
  const mode = config.slack.appToken ? 'Socket Mode' : `HTTP on port ${running.port} (POST /slack/events)`;
  logger.info(`Peer Circles is running: ${mode}; scheduler ${config.scheduler ? 'on' : 'off'}`);
  const scheduler = config.scheduler ? startSchedulerLoop(services.jobs, systemClock, logger) : undefined;

  const shutdown = async (signal: string) => {
    logger.info(`${signal} received: finishing work in progress, then stopping`);
    await scheduler?.stop();
    await running.stop();
    await settled(services.deps.inflight);
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

class StartupError extends Error {}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

main().catch((error: unknown) => {
  // One line a person can act on; a stack trace only for the unexpected.
  const expected = error instanceof ConfigError || error instanceof StartupError;
  process.stderr.write(`peer-circles: ${expected ? (error as Error).message : describe(error)}\n`);
  if (!expected && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
