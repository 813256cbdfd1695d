import type { Outbox } from '../scheduler/outbox';
import type { PairKinds } from './deliveries';

/** What the pairs' use cases write besides the database: the messages that follow them. */
export interface PairEffects {
  outbox: Outbox;
  kinds: PairKinds;
}
