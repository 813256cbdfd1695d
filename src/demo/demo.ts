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
import { ClockJumps } from './clockJumps';
import { ACTS } from './acts';
import type { DemoStatus, TravelState } from './status';
import { readSnapshot, restoreSnapshot, saveSnapshot, takeSnapshot } from './snapshot';
import { sentCounts } from './store';
import { arrivals, type JumpRequest, targetOf, travelTo } from './timeTravel';
import { DEFAULT_TIMING, TourPlayer, type TourTiming } from './tour';

export interface DemoOptions {
  /** Where the page is served; 0 picks a free port. */
  port: number;
  /** The address the page is served on; default 127.0.0.1, this machine alone. */
  host?: string;
  /** Holds the embedded database and the workspace snapshot. */
  dataDir: string;
  /** Resume what is in `dataDir` instead of starting clean. */
  keep: boolean;
  /** How long the tour lingers on each step: at least `stepMs`, and `wordMs` per word of its text. */
  tourTiming?: Partial<TourTiming>;
  /** How often the scheduler runs by itself between jumps (real ms); 0 never. */
  schedulerEveryMs?: number;
  logLevel?: string;
}

export interface RunningDemo {
  url: string;
  emulator: SlackEmulator;
  app: DemoApp;
  clock: DemoClock;
  close(): Promise<void>;
}

const travelBody = z.object({
  jump: z.enum(['hour', 'day', 'week', 'next-session', 'cycle-end', 'date']),
  date: z.string().max(10).optional(),
  timeZone: z.string().max(64).optional(),
  channel: z.string().max(32).optional(),
});
const tourBody = z.object({ act: z.number().int().min(0).max(50) });
const pauseBody = z.object({ paused: z.boolean() });
/** The answer to what a person does while the clock jumps. */
export const CLOCK_MOVING = 'The clock is moving: try again when the jump is over.';
/** The scheduler's own rhythm in the demo: often enough that a survey sent on join arrives while you look. */
const SCHEDULER_EVERY_MS = 5_000;

/** The emulator, the real app on the embedded database, and the page, in this one process. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  if (!options.keep) rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const saved = options.keep ? readSnapshot(options.dataDir) : undefined;
  const clock = new DemoClock(saved?.clockOffsetMs ?? 0);
  const jumps = new ClockJumps();
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
      home: (home) => jumps.homes(home),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
  } catch (error) {
    gate.close();
    await emulator.close();
    throw error;
  }

  // One thing at a time moves the clock: a jump, an act (which jumps too), or a scheduler pass.
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
  const moveClock = (to: Date, progress?: (done: number, total: number) => void) =>
    jumps.during(() => travelTo(travelDeps, to, progress));
  const tour = new TourPlayer(ACTS, { ...DEFAULT_TIMING, ...options.tourTiming });
  let travelling = false;
  let travel: TravelState = {};

  /** A click on the clock while it is moving is refused with the reason, never queued behind the jump. */
  const refuseWhileMoving = () => {
    if (travelling) throw new Error(CLOCK_MOVING);
    if (tour.state.status === 'playing')
      throw new Error('An act of the tour is moving the clock: let it end, or stop it with × in the tour panel.');
  };

  const jump = async (request: JumpRequest) => {
    refuseWhileMoving();
    travelling = true;
    try {
      return await exclusive(async () => {
        const to = await targetOf(travelDeps, request);
        const before = await sentCounts(app.db);
        travel = { ...travel, running: { progress: 0, to: to.getTime() } };
        emulator.notifyChange();
        const result = await moveClock(to, (done, total) => {
          travel = { ...travel, running: { progress: done / total, to: to.getTime() } };
        });
        const summary = await arrivals(app.db, before);
        travel = { last: { to: to.getTime(), summary } };
        return { ...result, summary };
      });
    } finally {
      travelling = false;
      travel = { last: travel.last };
    }
  };

  const tourContext = {
    driver: app.driver,
    emulator,
    db: app.db,
    now: () => clock.now(),
    travelTo: async (at: Date) => {
      await moveClock(at);
    },
    tick: async () => {
      await app.tick(clock.now());
    },
    formationInput: app.services.features.programs.formation.input,
  };

  const control = async (name: string, body: unknown): Promise<unknown> => {
    switch (name) {
      case 'travel':
        return jump(travelBody.parse(body));
      case 'tour': {
        const { act } = tourBody.parse(body);
        refuseWhileMoving();
        // The act plays on after this answer; the page follows it over server-sent events.
        void exclusive(() => tour.play(act, tourContext, () => emulator.notifyChange())).catch((error: unknown) =>
          process.stderr.write(`demo: the tour stopped: ${String(error)}\n`),
        );
        return { started: true };
      }
      case 'tour-pause':
        tour.pause(pauseBody.parse(body).paused);
        return { paused: tour.state.paused };
      case 'tour-next':
        tour.next();
        return {};
      case 'tour-back':
        tour.back();
        return {};
      case 'tour-close':
        tour.close();
        return {};
      default:
        throw new Error(`unknown control ${name}`);
    }
  };

  // The scheduler's own passes between jumps, as the real one runs every minute.
  let passing = false;
  const pass = async () => {
    if (passing || travelling || tour.state.status === 'playing') return;
    passing = true;
    try {
      const before = await sentCounts(app.db);
      await exclusive(() => app.tick(clock.now()));
      const after = await sentCounts(app.db);
      if ([...after].some(([kind, n]) => n !== before.get(kind))) emulator.notifyChange();
    } catch (error) {
      process.stderr.write(`demo: a scheduler pass failed: ${String(error)}\n`);
    } finally {
      passing = false;
    }
  };
  const everyMs = options.schedulerEveryMs ?? SCHEDULER_EVERY_MS;
  const passes = everyMs > 0 ? setInterval(() => void pass(), everyMs) : undefined;
  passes?.unref();

  gate.open(
    webSurface({
      emulator,
      driver: app.driver,
      settle: () => app.settle(),
      page,
      titles: TITLES,
      demo: {
        // What a person does while the clock jumps would land at some instant of the jump, between
        // two passes, or wait behind it and land after: refused instead, with the reason. Marking
        // what the page shows as read reaches neither the app nor the clock.
        refuseAct: (request) => (request.type !== 'read' && (travelling || jumps.active) ? CLOCK_MOVING : undefined),
        state: (): DemoStatus => ({
          clockOffsetMs: clock.offset,
          travelling: travelling || jumps.active,
          travel,
          tour: tour.state,
        }),
        control,
      },
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
      if (passes) clearInterval(passes);
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
