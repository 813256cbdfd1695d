import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What an operator watches, in Prometheus' text format at GET /metrics. Each app has its own
 * registry (never prom-client's global one), so a test process can build many apps side by side.
 */
export interface Metrics {
  registry: Registry;
  /** Slash commands handled, by subcommand and outcome (`ok` or `error`), and how long each took. */
  commands: Histogram<'subcommand' | 'outcome'>;
  /** Deliveries by kind and outcome: sent, skipped, retried, failed. */
  deliveries: Counter<'kind' | 'outcome'>;
  /** Deliveries skipped because they were stale (past their use, or their kind said so). */
  stale: Counter<'kind'>;
  /** Web API calls Slack answered 429. */
  rateLimited: Counter<'source'>;
  /** One scheduler pass, whole, and whether a job in it failed. */
  tickDuration: Histogram<'outcome'>;
  /** Deliveries due now and not sent yet, per workspace (read at scrape time). */
  dueBacklog: Gauge<'team'>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'peer_circles_' });
  const registers = [registry];
  return {
    registry,
    commands: new Histogram({
      name: 'peer_circles_commands_seconds',
      help: 'Slash commands handled, by subcommand and outcome, and how long each took',
      labelNames: ['subcommand', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    deliveries: new Counter({
      name: 'peer_circles_deliveries_total',
      help: 'Deliveries handled by the sender, by kind and outcome (sent, skipped, retried, failed)',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    stale: new Counter({
      name: 'peer_circles_deliveries_stale_total',
      help: 'Deliveries skipped because they were past their use when their turn came',
      labelNames: ['kind'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'peer_circles_slack_rate_limited_total',
      help: 'Slack Web API calls answered 429 (rate limited), by what made them',
      labelNames: ['source'],
      registers,
    }),
    tickDuration: new Histogram({
      name: 'peer_circles_tick_seconds',
      help: 'Scheduler passes and how long each took, by outcome (ok, or failed when a job failed)',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    dueBacklog: new Gauge({
      name: 'peer_circles_due_backlog',
      help: 'Deliveries due now and not yet sent, per workspace',
      labelNames: ['team'],
      registers,
    }),
  };
}
