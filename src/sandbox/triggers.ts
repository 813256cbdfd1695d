import { randomBytes, randomInt } from 'node:crypto';

/** Slack accepts a trigger_id for 3 seconds after the interaction, once. */
export const TRIGGER_TTL_MS = 3000;

interface Trigger {
  issuedAt: number;
  used: boolean;
  /** Whose client the modal would open in; views.* has no user argument, the trigger carries it. */
  userId: string;
}

export type TriggerExchange =
  { ok: true; userId: string } | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export class TriggerStore {
  private readonly triggers = new Map<string, Trigger>();

  constructor(private readonly now: () => number) {}

  issue(userId = ''): string {
    const issuedAt = this.now();
    const id = `${Math.floor(issuedAt / 1000)}.${randomInt(1e9, 1e10)}${randomInt(100, 1000)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt, used: false, userId });
    return id;
  }

  exchange(id: string): TriggerExchange {
    const trigger = this.triggers.get(id);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, userId: trigger.userId };
  }
}
