import './dotenv';
import { systemClock } from './core/clock';
import { buildServices, buildSlackApp } from './composition';
import { ConfigError, loadConfig, secretsOf } from './core/config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createLogger } from './core/logger';
import { createMetrics } from './core/metrics';
import { type RunningOpsServer, startOpsServer } from './ops/server';
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

  const services = buildServices(config, db, systemClock, logger, createMetrics({ defaults: true }));
  let running: Awaited<ReturnType<typeof startSlackApp>>;
  try {
    running = await startSlackApp(buildSlackApp(services), config.port);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(`Could not start the Slack app: ${describe(error)}. Check SLACK_BOT_TOKEN and SLACK_API_URL.`);
  }
  let ops: RunningOpsServer | undefined;
  try {
    ops = config.ops.port ? await startOpsServer(services.opsRoutes, config.ops.port, logger) : undefined;
  } catch (error) {
    await running.stop();
    await db.destroy().catch(() => undefined);
    throw new StartupError(`Could not serve /metrics and /readyz on OPS_PORT ${config.ops.port}: ${describe(error)}`);
  }
  const mode = config.slack.appToken ? 'Socket Mode' : `HTTP on port ${running.port} (POST /slack/events)`;
  const opsAt = `on port ${ops ? ops.port : running.port}`;
  const guard = config.ops.token ? ', bearer token required' : '';
  logger.info(
    `Peer Circles is running: ${mode}; /metrics and /readyz ${opsAt}${guard}; scheduler ${config.scheduler ? 'on' : 'off'}`,
  );
  const scheduler = config.scheduler
    ? startSchedulerLoop(services.jobs, systemClock, logger, services.deps.metrics, config.schedulerIntervalSeconds)
    : undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: no new requests; finishing work in progress, then stopping`);
    // An orchestrator kills a replica that does not stop in time; better to say so first.
    setTimeout(() => {
      logger.error(`Work in progress did not finish within ${SHUTDOWN_MS / 1000} s of ${signal}: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_MS).unref();
    await Promise.all([running.stop(), ops?.stop()]);
    await Promise.all([scheduler?.stop(), settled(services.deps.inflight)]);
    await db.destroy();
    logger.info('Stopped cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** Within the 10 s an orchestrator usually grants between SIGTERM and SIGKILL. */
const SHUTDOWN_MS = 9_000;

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
