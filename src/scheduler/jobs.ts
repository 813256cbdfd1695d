import type { Db } from '../db/database';
import type { Job } from './job';
import type { DeliveryRegistry } from './kinds';
import { planDue } from './planner';
import type { SenderDeps } from './sender';
import { sendDue } from './sender';

/** Plans what every calendar-driven kind has falling due. */
export function planDeliveriesJob(db: Db, registry: DeliveryRegistry): Job {
  return { name: 'plan-deliveries', schedule: '* * * * *', run: (now) => planDue(db, registry, now) };
}

/** Sends whatever is due, of every kind. */
export function sendDeliveriesJob(deps: SenderDeps, registry: DeliveryRegistry): Job {
  return {
    name: 'send-deliveries',
    schedule: '* * * * *',
    run: async (now) => ({ ...(await sendDue(deps, registry, now)) }),
  };
}
