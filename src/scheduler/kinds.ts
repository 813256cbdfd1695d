import type { KnownBlock } from '@slack/types';
import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { DeliveriesTable } from '../db/types';

type DeliveryRow = Selectable<DeliveriesTable>;

/** One outbound Slack action a delivery kind asks for, rendered fresh at send time. */
export type Outgoing =
  | { skip: string }
  | {
      /** `channel` is a channel, or a user id for a DM. */
      post: { channel: string; text: string; blocks?: KnownBlock[]; threadTs?: string };
      /** Runs once the message is out and recorded (to note where it went); its failure is only logged. */
      afterSend?: (where: { channel: string; ts: string }) => Promise<void>;
    }
  | { invite: { channel: string; users: string[] } }
  | { kick: { channel: string; user: string } };

/** A delivery as its kind sees it: the ledger row with its payload parsed by the kind's schema. */
export interface Delivery<P> {
  id: number;
  teamId: string;
  key: string;
  circleId: number | null;
  sessionId: number | null;
  userId: string | null;
  channelId: string | null;
  dueAt: Date;
  expiresAt: Date | null;
  attempts: number;
  payload: P;
}

/** Plan deliveries due in (from, to]; `now` is the pass's instant. */
export interface PlanWindow {
  from: Date;
  to: Date;
  now: Date;
}

/** What a kind plans or a service enqueues; the kind name is added by the ledger. */
export interface NewDelivery<P> {
  teamId: string;
  /** Deterministic: the same message always gets the same key, so planning twice plans once. */
  key: string;
  circleId?: number | null;
  sessionId?: number | null;
  userId?: string | null;
  channelId?: string | null;
  dueAt: Date;
  /** Past this instant the message is useless and is skipped, not sent. */
  expiresAt?: Date | null;
  payload: P;
}

/**
 * One kind of message the app sends outside a Slack request. The scheduler owns planning windows,
 * claiming, sending, retries and the record; a kind only says what is due (`plan`, for kinds that
 * follow the calendar; kinds that follow an event are enqueued by their service) and what to send.
 */
export interface DeliveryKind<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  plan?(window: PlanWindow): Promise<Array<NewDelivery<P>>>;
  render(delivery: Delivery<P>, now: Date): Promise<Outgoing>;
}

/** Keeps the payload type of a kind's definition (a plain object literal would widen it). */
export const defineKind = <P>(kind: DeliveryKind<P>): DeliveryKind<P> => kind;

/** The kinds of every feature, registered once in composition.ts. */
export class DeliveryRegistry {
  private readonly kinds = new Map<string, DeliveryKind>();

  register(...kinds: DeliveryKind[]): this {
    for (const k of kinds) {
      if (this.kinds.has(k.kind)) throw new Error(`Delivery kind ${k.kind} is registered twice`);
      this.kinds.set(k.kind, k);
    }
    return this;
  }

  get(kind: string): DeliveryKind | undefined {
    return this.kinds.get(kind);
  }

  /** Kinds that plan from the calendar, in registration order. */
  planners(): DeliveryKind[] {
    return [...this.kinds.values()].filter((k) => k.plan !== undefined);
  }
}

/** The row as the kind sees it, or why its payload does not fit the kind. */
export function toDelivery<P>(kind: DeliveryKind<P>, row: DeliveryRow): { delivery: Delivery<P> } | { invalid: string } {
  const parsed = kind.payload.safeParse(row.payload);
  if (!parsed.success) return { invalid: `payload does not fit kind ${row.kind}: ${parsed.error.issues[0]?.message ?? ''}` };
  return {
    delivery: {
      id: row.id,
      teamId: row.team_id,
      key: row.key,
      circleId: row.circle_id,
      sessionId: row.session_id,
      userId: row.user_id,
      channelId: row.channel_id,
      dueAt: row.due_at,
      expiresAt: row.expires_at,
      attempts: row.attempts,
      payload: parsed.data,
    },
  };
}
