import type { Outbox } from '../scheduler/outbox';
import type { CheckinKinds } from './deliveries';

/** What the check-in use cases write besides the database: the messages that follow them. */
export interface CheckinEffects {
  outbox: Outbox;
  kinds: CheckinKinds;
}
