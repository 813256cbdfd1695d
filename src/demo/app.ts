import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { clockPacerTime } from '../workspaces/pacer';
import { buildServices, buildSlackApp, type ServiceOptions, type Services } from '../composition';
import type { Clock } from '../core/clock';
import { loadConfig } from '../core/config';
import { createDatabase, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createLogger } from '../core/logger';
import type { SlackDriver, SlackEmulator } from '../sandbox';
import { tick } from '../scheduler/tick';
import { quietExpectedWaits } from './quietLogger';
import { settled, startSlackApp } from '../slack/app';

/**
 * The one place the demo wires the real app, the same way test/support/app.ts does: config from
 * the emulator's token, secret and URL, the scheduler off (the demo runs passes itself), the
 * embedded database in `dataDir`. When composition.ts changes, this file follows.
 */
export interface DemoApp {
  services: Services;
  db: Db;
  /** Signed requests to the app, resolving once the app has finished its after-ack work. */
  driver: SlackDriver;
  /** The address the app's HTTP server listens on: loopback only, whatever the page's host. */
  address: string | undefined;
  settle(): Promise<void>;
  tick(now: Date): Promise<{ failed: string[] }>;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export interface DemoAppOptions {
  emulator: SlackEmulator;
  clock: Clock;
  dataDir: string;
  logLevel?: string;
  /** Wraps the Home redraws features ask for (composition's `home` option). */
  home?: ServiceOptions['home'];
}

export async function startDemoApp(options: DemoAppOptions): Promise<DemoApp> {
  const { emulator } = options;
  const db = createDatabase({ dataDir: options.dataDir });
  await migrateToLatest(db);
  // A known port, so the links the app hands out (calendar feeds) point at it. Only the driver in
  // this process posts to it, so it listens on loopback alone.
  const port = await freePort(LOOPBACK);
  const config = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    SCHEDULER: 'off',
    DATA_DIR: options.dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://${LOOPBACK}:${port}`,
    LOG_LEVEL: options.logLevel ?? 'warn',
  });
  const logger = quietExpectedWaits(createLogger(config.logLevel));
  // Slack's per-second limits kept in demo seconds: a week's jump would otherwise wait out, in real
  // seconds, every send to a channel that had one a moment before (the emulator keeps no limits).
  const services = buildServices(config, db, options.clock, logger, undefined, {
    pacerTime: clockPacerTime(options.clock),
    ...(options.home ? { home: options.home } : {}),
  });
  const running = await startSlackApp(buildSlackApp(services), port, LOOPBACK);
  const settle = () => settled(services.deps.inflight);
  return {
    services,
    db,
    driver: settling(emulator.driver(`http://${LOOPBACK}:${running.port}/slack/events`), settle),
    address: running.address,
    settle,
    tick: (now) => tick(services.jobs, now, logger),
    async close() {
      await running.stop();
      await settle();
      await db.destroy();
    },
  };
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo; // a TCP listen always has an AddressInfo
      server.close(() => resolve(port));
    });
  });
}

/** Every driver call resolves once the app is done, as a person would look only after the app answered. */
function settling(driver: SlackDriver, settle: () => Promise<void>): SlackDriver {
  return new Proxy(driver, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
        await settle();
        return result;
      };
    },
  });
}
