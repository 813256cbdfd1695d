import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { type SlackEmulator, startSlackEmulator } from '../sandbox';
import { localOnly, webSurface } from '../sandbox/web';
import { type DemoApp, startDemoApp } from './app';
import { bundlePage } from './bundle';
import { pageGate } from './pageGate';
import { TITLES } from './cast';
import { DemoClock } from './clock';
import type { DemoStatus } from './status';
import { readSnapshot, restoreSnapshot, saveSnapshot, takeSnapshot } from './snapshot';
import { type Jump, targetOf, travelTo } from './timeTravel';
import { TOUR, TourPlayer } from './tour';

export interface DemoOptions {
  /** Where the page is served; 0 picks a free port. */
  port: number;
  /** The address the page is served on; default 127.0.0.1, this machine alone. */
  host?: string;
  /** Holds the embedded database and the workspace snapshot. */
  dataDir: string;
  /** Resume what is in `dataDir` instead of starting clean. */
  keep: boolean;
  /** How long the tour lingers on each step. */
  tourStepMs: number;
  logLevel?: string;
}

export interface RunningDemo {
  url: string;
  emulator: SlackEmulator;
  app: DemoApp;
  clock: DemoClock;
  close(): Promise<void>;
}

const travelBody = z.object({ jump: z.enum(['hour', 'day', 'week', 'next-session']) });

/** The emulator, the real app on the embedded database, and the page, in this one process. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  if (!options.keep) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const saved = options.keep ? readSnapshot(options.dataDir) : undefined;
  const clock = new DemoClock(saved?.clockOffsetMs ?? 0);
  const page = await bundlePage();
  const host = options.host ?? '127.0.0.1';
  const emulator = await startSlackEmulator({
    port: options.port,
    host,
    now: () => clock.nowMs(),
    // Fresh each run: with the emulator's fixed ones, anything that can reach the app could sign
    // requests as anyone in the workspace, or call the Web API as the app.
    signingSecret: randomBytes(32).toString('hex'),
    botToken: `xoxb-${randomBytes(24).toString('hex')}`,
  });
  // First, so it answers for every route from the start: the page's API and the Web API alike.
  emulator.mount(localOnly({ hostnames: isIP(host) === 0 ? [host] : [] }));
  const gate = pageGate();
  emulator.mount(gate.mount);
  emulator.workspace.team.name = 'Peer Circles Demo';
  if (saved) restoreSnapshot(emulator, saved);
  let app: DemoApp;
  try {
    app = await startDemoApp({
      emulator,
      clock: clock.clock,
      dataDir: join(options.dataDir, 'db'),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
  } catch (error) {
    gate.close();
    await emulator.close();
    throw error;
  }

  // One thing at a time moves the clock: a jump, or the tour (which jumps too).
  let busy: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = busy.then(work, work);
    busy = run.catch(() => undefined);
    return run;
  };
  const travelDeps = {
    clock,
    db: app.db,
    tick: (now: Date) => app.tick(now),
    onStep: () => emulator.notifyChange(),
  };
  const tour = new TourPlayer(TOUR, options.tourStepMs);
  let travelling = false;

  const control = async (name: string, body: unknown): Promise<unknown> => {
    if (name === 'travel') {
      const { jump } = travelBody.parse(body) as { jump: Jump };
      if (tour.state.status === 'playing') throw new Error('The tour is moving the clock; wait until it ends.');
      return exclusive(async () => {
        travelling = true;
        try {
          return await travelTo(travelDeps, await targetOf(travelDeps, jump));
        } finally {
          travelling = false;
        }
      });
    }
    if (name === 'tour') {
      if (tour.state.status === 'playing') throw new Error('The tour is already playing.');
      // The tour plays on after this answer; the page follows it over server-sent events.
      void exclusive(() =>
        tour.play(
          {
            driver: app.driver,
            emulator,
            db: app.db,
            now: () => clock.now(),
            travelTo: async (at) => {
              await travelTo(travelDeps, at);
            },
          },
          () => emulator.notifyChange(),
        ),
      ).catch((error: unknown) => process.stderr.write(`demo: the tour stopped: ${String(error)}\n`));
      return { started: true };
    }
    throw new Error(`unknown control ${name}`);
  };

  gate.open(
    webSurface({
      emulator,
      driver: app.driver,
      settle: () => app.settle(),
      page,
      titles: TITLES,
      demo: { state: (): DemoStatus => ({ clockOffsetMs: clock.offset, travelling, tour: tour.state }), control },
    }),
  );

  // Saved a moment after things settle, so a killed demo still resumes with --keep.
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => saveSnapshot(options.dataDir, takeSnapshot(emulator, clock.offset));
  const unsubscribe = emulator.onChange(() => {
    saveTimer ??= setTimeout(() => {
      saveTimer = undefined;
      save();
    }, 1000);
  });
  save();

  const port = new URL(emulator.baseUrl).port;
  return {
    url: `http://${pageHost(host)}:${port}/demo`,
    emulator,
    app,
    clock,
    async close() {
      unsubscribe();
      if (saveTimer) clearTimeout(saveTimer);
      await busy;
      save();
      await app.close();
      await emulator.close();
    },
  };
}

/** The name to open the page by: localhost for 127.0.0.1 or a wildcard address, else the host asked for. */
function pageHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1') return 'localhost';
  return isIP(host) === 6 ? `[${host}]` : host;
}
