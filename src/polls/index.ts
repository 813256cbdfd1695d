import type { AppDeps } from '../app/deps';
import type { Registration } from '../slack/app';
import { registerPollActions } from './actions';
import { pollCommands } from './commands';
import { pollKinds } from './deliveries';
import { pollOps } from './ops';
import type { PollEffects } from './service';
import { registerPollSubmits } from './submit';

/** A circle's time poll wired: `/circle time`, its buttons and modals, and its messages. */
export function pollsFeature(deps: AppDeps) {
  const kinds = pollKinds(deps.db);
  const fx: PollEffects = { outbox: deps.outbox, kinds };
  const ops = pollOps(deps);
  const register: Registration = (app) => {
    registerPollActions(app, deps, ops);
    registerPollSubmits(app, deps, fx);
    return pollCommands(deps, ops);
  };
  return { register, effects: fx, deliveryKinds: Object.values(kinds) };
}
