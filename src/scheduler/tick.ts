import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Job, JobReport } from './job';

/**
 * One scheduler pass as of `now`: every job, in order. A failing job is logged and does not
 * stop the others; the tick still reports it so the CLI can exit non-zero.
 */
export async function tick(
  jobs: Job[],
  now: Date,
  logger: Logger,
  metrics?: Metrics,
): Promise<{ reports: Record<string, JobReport>; failed: string[] }> {
  const timer = metrics?.tickDuration.startTimer();
  const reports: Record<string, JobReport> = {};
  const failed: string[] = [];
  for (const job of jobs) {
    try {
      reports[job.name] = await job.run(now);
    } catch (error) {
      failed.push(job.name);
      logger.error(`Scheduled job ${job.name} failed`, error);
    }
  }
  timer?.({ outcome: failed.length ? 'failed' : 'ok' });
  return { reports, failed };
}
