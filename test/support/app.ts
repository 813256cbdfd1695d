import type { App } from '@slack/bolt';
import { buildServices, buildSlackApp, type Services } from '../../src/composition';
import { loadConfig, secretsOf } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { type SlackDriver, type SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from '../../src/sandbox';
import { startOpsServer } from '../../src/ops/server';
import { tick } from '../../src/scheduler/tick';
import { settled, startSlackApp } from '../../src/slack/app';
import { simulatedPacerTime, type TestClock, testClock } from './clock';
import { createTestDatabase, type TestDatabase } from './db';

export interface TestApp {
  emulator: SlackEmulator;
  slack: SlackDriver;
  database: TestDatabase;
  db: TestDatabase['db'];
  clock: TestClock;
  services: Services;
  app: App;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Where /metrics and /readyz are served: baseUrl, or http://127.0.0.1:OPS_PORT when that is set. */
  opsUrl: string;
  /** Waits until the app has finished what it does after its acks. */
  settle(): Promise<void>;
  /** One scheduler pass as of `now` (default: the test clock). */
  tick(now?: Date | string): Promise<Awaited<ReturnType<typeof tick>>>;
  /** Stops the app alone, as a process that exits: its emulator and database stay, for another app to `reuse`. */
  stop(): Promise<void>;
  /** Stops the app and closes its emulator and database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  organizers?: string[];
  start?: Date | string;
  env?: Record<string, string>;
  emulator?: SlackEmulatorOptions;
  /** Receives every log line (JSON) instead of stderr. */
  logSink?: (line: string) => void;
  /** A restart: the new app runs over the emulator and database of an app that was `stop`ped. */
  reuse?: Pick<TestApp, 'emulator' | 'database'>;
  /**
   * The pacer keeps Slack's limits in simulated time (`simulatedPacerTime`): for simulations whose
   * passes are minutes apart on the test clock but milliseconds apart for real.
   */
  pacerOnTestClock?: boolean;
}

/**
 * The real app on an ephemeral port, its WebClient pointed at a fresh Slack emulator, over a
 * fresh database: what every end-to-end test drives.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emulator = options.reuse?.emulator ?? (await startSlackEmulator(options.emulator));
  const database = options.reuse?.database ?? (await createTestDatabase());
  const clock = testClock(options.start);
  const config = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    SCHEDULER: 'off',
    PUBLIC_URL: 'https://circles.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...(options.organizers?.length ? { ORGANIZERS: options.organizers.join(',') } : {}),
    ...options.env,
  });
  const logger = createLogger(config.logLevel, options.logSink, secretsOf(config));
  const services = buildServices(
    config,
    database.db,
    clock.clock,
    logger,
    undefined,
    options.pacerOnTestClock ? { pacerTime: simulatedPacerTime(clock) } : {},
  );
  const app = buildSlackApp(services);
  const running = await startSlackApp(app, 0);
  const baseUrl = `http://127.0.0.1:${running.port}`;
  // As main.ts does.
  const ops = config.ops.port ? await startOpsServer(services.opsRoutes, config.ops.port, logger) : undefined;
  const stop = async () => {
    await running.stop();
    await ops?.stop();
  };
  return {
    emulator,
    slack: settling(emulator.driver(`${baseUrl}/slack/events`), () => settled(services.deps.inflight)),
    database,
    db: database.db,
    clock,
    services,
    app,
    baseUrl,
    opsUrl: ops ? `http://127.0.0.1:${ops.port}` : baseUrl,
    settle: () => settled(services.deps.inflight),
    tick: (now) => tick(services.jobs, now ? new Date(now) : clock.now(), logger, services.deps.metrics),
    stop,
    async close() {
      await stop();
      await emulator.close();
      await database.close();
    },
  };
}

/**
 * Every driver call resolves only once the app has finished the work it does after acking,
 * as if a person waited to look at Slack until the app was done.
 */
function settling<T extends object>(driver: T, settle: () => Promise<void>): T {
  return new Proxy(driver, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => unknown).apply(target, args);
        await settle();
        return result;
      };
    },
  });
}
