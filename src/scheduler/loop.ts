import cron from 'node-cron';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Job } from './job';
import { tick } from './tick';

/** Runs every job once a minute in this process; overlapping passes are skipped, not stacked. */
export function startSchedulerLoop(
  jobs: Job[],
  clock: Clock,
  logger: Logger,
  metrics?: Metrics,
  everySeconds = 60,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const task = cron.schedule(
    everySeconds >= 60 ? '* * * * *' : `*/${everySeconds} * * * * *`,
    () => {
      if (running) return;
      running = tick(jobs, clock(), logger, metrics).finally(() => {
        running = null;
      });
    },
    { timezone: 'UTC', name: 'peer-circles-tick' },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
