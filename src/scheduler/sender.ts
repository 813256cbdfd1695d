import type { WebClient } from '@slack/web-api';
import { withLogContext } from '../core/logContext';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Db } from '../db/database';
import { type SlackGateway, WorkspaceUnavailableError } from '../workspaces/gateway';
import { PacedOut, pacedAsOf } from '../workspaces/pacer';
import { addToChannel, removeFromChannel } from '../slack/channels';
import { classifySlackError } from '../slack/errors';
import { type DeliveryRegistry, type Outgoing, toDelivery } from './kinds';
import { claimDue, claimKeys, type DeliveryRow, markFailed, markRetry, markSent, markSkipped } from './ledger';

/** A lease long enough for one batch of sends; a crashed sender's claims come back after it. */
export const LEASE_MS = 5 * 60_000;
const BATCH = 50;
const MAX_BATCHES = 100;
const MAX_ATTEMPTS = 8;
/**
 * Sends in flight at once, in all and per workspace. Slack's limits are per channel and per
 * workspace, so a wave of reminders is paced by them (workspaces/pacer.ts), not by waiting for one
 * answer before the next call; and a workspace that Slack holds back only ever holds its own lanes.
 */
const MAX_IN_FLIGHT = 32;
const MAX_PER_WORKSPACE = 8;

export interface SendReport {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

/** What sending needs: the ledger's database, a Web API client per workspace, a logger. */
export interface SenderDeps {
  db: Db;
  gateway: SlackGateway;
  logger: Logger;
  metrics?: Metrics;
}

const emptyReport = (): SendReport => ({ sent: 0, skipped: 0, retried: 0, failed: 0 });

/**
 * Claims due deliveries and sends them until none are due: different workspaces and channels at
 * once (bounded), one channel's messages in the order they were claimed. Claiming runs ahead while
 * lanes are free, so a slow workspace does not keep the others' deliveries from being claimed.
 */
export function sendDue(deps: SenderDeps, registry: DeliveryRegistry, now: Date): Promise<SendReport> {
  return pacedAsOf(now, () => sendAllDue(deps, registry, now));
}

async function sendAllDue(deps: SenderDeps, registry: DeliveryRegistry, now: Date): Promise<SendReport> {
  const report = emptyReport();
  const queue: DeliveryRow[] = [];
  const busyChannels = new Set<string>();
  const perTeam = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let batches = 0;
  let exhausted = false;

  const lane = (d: DeliveryRow) => `${d.team_id}:${d.channel_id ?? d.user_id ?? `#${d.id}`}`;
  const startable = (d: DeliveryRow) => !busyChannels.has(lane(d)) && (perTeam.get(d.team_id) ?? 0) < MAX_PER_WORKSPACE;
  const start = (d: DeliveryRow) => {
    const key = lane(d);
    busyChannels.add(key);
    perTeam.set(d.team_id, (perTeam.get(d.team_id) ?? 0) + 1);
    const task: Promise<void> = observed(deps, registry, d, now)
      .then((outcome) => {
        report[outcome]++;
      })
      .finally(() => {
        busyChannels.delete(key);
        perTeam.set(d.team_id, (perTeam.get(d.team_id) ?? 1) - 1);
        running.delete(task);
      });
    running.add(task);
  };

  for (;;) {
    if (!exhausted && (queue.length < BATCH || !queue.some(startable))) {
      const claimed = await claimDue(deps.db, now, BATCH, LEASE_MS);
      batches++;
      queue.push(...claimed);
      if (claimed.length < BATCH || batches >= MAX_BATCHES) exhausted = true;
    }
    for (let i = 0; i < queue.length && running.size < MAX_IN_FLIGHT;) {
      if (startable(queue[i]!)) start(queue.splice(i, 1)[0]!);
      else i++;
    }
    if (running.size === 0 && queue.length === 0 && exhausted) break;
    if (running.size > 0) await Promise.race(running);
  }
  return report;
}

export type SendOutcome = keyof SendReport;

/**
 * Sends the given deliveries of one workspace now if they are due and nobody else holds them;
 * says what became of each (a key missing from the answer was not due, or someone else had it).
 */
export async function sendKeys(
  deps: SenderDeps,
  registry: DeliveryRegistry,
  teamId: string,
  keys: string[],
  now: Date,
): Promise<Map<string, SendOutcome>> {
  return pacedAsOf(now, async () => {
    const outcomes = new Map<string, SendOutcome>();
    for (const d of await claimKeys(deps.db, teamId, keys, now, LEASE_MS))
      outcomes.set(d.key, await observed(deps, registry, d, now));
    return outcomes;
  });
}

/** One send, its log lines tagged with the delivery's key, its outcome counted by kind. */
async function observed(deps: SenderDeps, registry: DeliveryRegistry, row: DeliveryRow, now: Date): Promise<SendOutcome> {
  const fields = { deliveryKey: row.key, deliveryKind: row.kind, teamId: row.team_id };
  const outcome = await withLogContext(fields, () => sendOne(deps, registry, row, now));
  deps.metrics?.deliveries.inc({ kind: row.kind, outcome });
  if (outcome === 'skipped' && row.expires_at && row.expires_at <= now) deps.metrics?.stale.inc({ kind: row.kind });
  return outcome;
}

async function sendOne(deps: SenderDeps, registry: DeliveryRegistry, row: DeliveryRow, now: Date): Promise<SendOutcome> {
  const { db, logger } = deps;
  if (row.expires_at && row.expires_at <= now) {
    await markSkipped(db, row, 'late: past its use', now);
    return 'skipped';
  }
  const kind = registry.get(row.kind);
  if (!kind) {
    await markFailed(db, row, `no delivery kind ${row.kind}`, now);
    return 'failed';
  }
  const parsed = toDelivery(kind, row);
  if ('invalid' in parsed) {
    logger.warn(`Delivery ${row.kind} ${row.id} failed for good: ${parsed.invalid}`);
    await markFailed(db, row, parsed.invalid, now);
    return 'failed';
  }
  try {
    const outgoing = await kind.render(parsed.delivery, now);
    if ('skip' in outgoing) {
      await markSkipped(db, row, outgoing.skip, now);
      return 'skipped';
    }
    const client = await deps.gateway.client(row.team_id);
    const where = await perform(client, outgoing);
    await markSent(db, row, where.channel, where.ts, now);
    if ('post' in outgoing && outgoing.afterSend && where.ts) {
      // The message is out and recorded; a failure to note where it went must not count as a failed send.
      await outgoing.afterSend(where).catch((error: unknown) => {
        logger.warn(`Delivery ${row.kind} ${row.id} was sent, but noting where it went failed`, error);
      });
    }
    return 'sent';
  } catch (error) {
    if (error instanceof WorkspaceUnavailableError) {
      await markSkipped(db, row, error.reason, now);
      return 'skipped';
    }
    const failure = classifySlackError(error);
    const reason = failure.reason;
    // Only Slack's own 429s: a wait the pacer imposes (a stored Retry-After, a spent budget) never reached Slack.
    if (failure.type === 'rate_limited' && !(error instanceof PacedOut)) deps.metrics?.rateLimited.inc({ source: 'scheduler' });
    if (failure.type === 'permanent' || row.attempts >= MAX_ATTEMPTS) {
      logger.warn(`Delivery ${row.kind} ${row.id} failed for good: ${reason}`);
      await markFailed(db, row, reason, now);
      return 'failed';
    }
    // Rate limits say when to come back; other transient failures back off exponentially.
    const waitMs =
      failure.type === 'rate_limited' ? failure.retryAfterSeconds * 1000 : Math.min(2 ** row.attempts * 15_000, 3_600_000);
    logger.info(`Delivery ${row.kind} ${row.id} will be retried in ${Math.round(waitMs / 1000)} s: ${reason}`);
    await markRetry(db, row, new Date(now.getTime() + waitMs), reason, now);
    return 'retried';
  }
}

/** Does what the kind asked; returns where a message went (empty for channel membership changes). */
async function perform(
  client: WebClient,
  outgoing: Exclude<Outgoing, { skip: string }>,
): Promise<{ channel: string; ts: string }> {
  if ('invite' in outgoing) {
    await addToChannel(client, outgoing.invite.channel, outgoing.invite.users);
    return { channel: outgoing.invite.channel, ts: '' };
  }
  if ('kick' in outgoing) {
    await removeFromChannel(client, outgoing.kick.channel, outgoing.kick.user);
    return { channel: outgoing.kick.channel, ts: '' };
  }
  const { channel, text, blocks, threadTs } = outgoing.post;
  const res = await client.chat.postMessage({
    channel,
    text,
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return { channel: res.channel ?? channel, ts: res.ts ?? '' };
}
