import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import type { CostlyLimit } from '../core/costly';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Db } from '../db/database';
import type { Home } from '../home/publisher';
import type { Outbox } from '../scheduler/outbox';
import type { SlackGateway } from '../workspaces/gateway';

/**
 * What every feature is handed by composition.ts. Features never import each other's internals
 * or the app instance: they get the database, the clock, the way out to Slack and these shared
 * services here.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Web API clients per workspace, for work no Slack request started. */
  gateway: SlackGateway;
  /** Messages that must go out exactly once (the delivery ledger). */
  outbox: Outbox;
  /** Re-publishes a person's App Home after a change. */
  home: Home;
  /** Listener work still running after its ack (tests and shutdown wait on it). */
  inflight: Set<Promise<unknown>>;
  /** Counters and timings served at GET /metrics. */
  metrics: Metrics;
  /** How often each person may run the expensive commands (report, match, shuffle). */
  costly: CostlyLimit;
}
