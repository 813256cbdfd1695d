import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../core/clock';
import type { Database } from '../db/types';
import type { DeliveryKind, DeliveryRegistry, NewDelivery } from './kinds';
import { planDeliveries, wasSent } from './ledger';
import { type SenderDeps, type SendOutcome, sendKeys } from './sender';

type Conn = Kysely<Database> | Transaction<Database>;

/**
 * How a feature sends a message that an event calls for (a place freed, a pause ended): it is
 * written to the ledger, in the same transaction as the change when there is one, and sent right
 * away with `flush`. If the process dies or Slack says "later", the scheduler's next pass sends it:
 * exactly once either way.
 */
export interface Outbox {
  /** Stores deliveries of one kind (payloads checked against its schema); returns their keys. */
  enqueue<P>(db: Conn, kind: DeliveryKind<P>, items: Array<NewDelivery<P>>): Promise<string[]>;
  /** Sends the given deliveries of a workspace now, if they are due and no one else is sending them. */
  flush(teamId: string, keys: string[]): Promise<Map<string, SendOutcome>>;
  /** Whether the delivery with this key was sent: an answer to a message is taken only for one that went out. */
  wasSent(db: Conn, teamId: string, key: string): Promise<boolean>;
}

export function createOutbox(deps: SenderDeps, registry: DeliveryRegistry, clock: Clock): Outbox {
  return {
    async enqueue(db, kind, items) {
      if (!registry.get(kind.kind)) throw new Error(`Delivery kind ${kind.kind} is not registered`);
      const rows = items.map((d) => ({ ...d, kind: kind.kind, payload: kind.payload.parse(d.payload) }));
      await planDeliveries(db, rows, clock());
      return rows.map((r) => r.key);
    },
    flush: (teamId, keys) => sendKeys(deps, registry, teamId, keys, clock()),
    wasSent: (db, teamId, key) => wasSent(db, teamId, key),
  };
}
