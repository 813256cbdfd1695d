/**
 * A scheduled job lives next to its feature; node-cron (or `cli tick`) only triggers it.
 * Running it twice for the same `now` changes nothing the second time.
 */
export interface Job {
  name: string;
  /** A cron expression, in UTC. */
  schedule: string;
  run(now: Date): Promise<JobReport>;
}

/** What one run did, for logs and the CLI. */
export type JobReport = Record<string, number>;
