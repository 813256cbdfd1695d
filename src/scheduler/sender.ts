import type { KnownBlock } from '@slack/types';
import type { SlackAppDeps } from '../slack/app';
import { classifySlackError } from '../slack/errors';
import { claimDue, type DeliveryRow, markFailed, markRetry, markSent, markSkipped } from './ledger';

/** What a delivery kind says at send time, rendered fresh so it reflects the latest state. */
export type Rendered =
  | { skip: string }
  | { channel: string; text: string; blocks?: KnownBlock[]; afterSend?: (channel: string, ts: string) => Promise<void> };

export type Renderer = (delivery: DeliveryRow, now: Date) => Promise<Rendered>;

/** A lease long enough for one batch of sends; a crashed sender's claims come back after it. */
export const LEASE_MS = 5 * 60_000;
const BATCH = 50;
const MAX_BATCHES = 20;
const MAX_ATTEMPTS = 8;

export interface SendReport {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

/** Claims due deliveries and sends them, batch by batch, until none are due. */
export async function sendDue(deps: SlackAppDeps, renderers: Record<string, Renderer>, now: Date): Promise<SendReport> {
  const report = { sent: 0, skipped: 0, retried: 0, failed: 0 } satisfies SendReport;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claimed = await claimDue(deps.db, now, BATCH, LEASE_MS);
    if (claimed.length === 0) break;
    for (const d of claimed) report[await sendOne(deps, renderers, d, now)]++;
    if (claimed.length < BATCH) break;
  }
  return report;
}

async function sendOne(
  deps: SlackAppDeps,
  renderers: Record<string, Renderer>,
  d: DeliveryRow,
  now: Date,
): Promise<keyof SendReport> {
  const { db, logger } = deps;
  if (d.expires_at && d.expires_at <= now) {
    await markSkipped(db, d, 'late: past its use', now);
    return 'skipped';
  }
  const render = renderers[d.kind];
  if (!render) {
    await markFailed(db, d, `no renderer for kind ${d.kind}`, now);
    return 'failed';
  }
  try {
    const message = await render(d, now);
    if ('skip' in message) {
      await markSkipped(db, d, message.skip, now);
      return 'skipped';
    }
    const client = await deps.gateway.client(d.team_id);
    const res = await client.chat.postMessage({
      channel: message.channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
    const channel = res.channel ?? message.channel;
    await markSent(db, d, channel, res.ts ?? '', now);
    if (message.afterSend && res.ts) {
      // The message is out and recorded; a failure to note where it went must not count as a failed send.
      await message.afterSend(channel, res.ts).catch((error: unknown) => {
        logger.warn(`Delivery ${d.kind} ${d.id} was sent, but noting where it went failed`, error);
      });
    }
    return 'sent';
  } catch (error) {
    const kind = classifySlackError(error);
    const reason = kind.reason;
    if (kind.type === 'permanent' || d.attempts >= MAX_ATTEMPTS) {
      logger.warn(`Delivery ${d.kind} ${d.id} failed for good: ${reason}`);
      await markFailed(db, d, reason, now);
      return 'failed';
    }
    // Rate limits say when to come back; other transient failures back off exponentially.
    const waitMs = kind.type === 'rate_limited' ? kind.retryAfterSeconds * 1000 : Math.min(2 ** d.attempts * 15_000, 3_600_000);
    logger.info(`Delivery ${d.kind} ${d.id} will be retried in ${Math.round(waitMs / 1000)} s: ${reason}`);
    await markRetry(db, d, new Date(now.getTime() + waitMs), reason, now);
    return 'retried';
  }
}
