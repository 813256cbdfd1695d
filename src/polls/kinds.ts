import { z } from 'zod';
import type { DeliveryKind } from '../scheduler/kinds';

export const pollPayload = z.object({ pollId: z.number().int().positive() });
export const pickedPayload = z.object({ pollId: z.number().int().positive(), from: z.iso.datetime() });

/** The poll's delivery kinds, as its service enqueues them (built in deliveries.ts). */
export interface PollKinds {
  opened: DeliveryKind<z.infer<typeof pollPayload>>;
  reminder: DeliveryKind<z.infer<typeof pollPayload>>;
  picked: DeliveryKind<z.infer<typeof pickedPayload>>;
}
