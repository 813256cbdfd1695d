import type { AppDeps } from '../../app/deps';
import type { Registration } from '../../slack/app';
import type { CircleHooks } from '../hooks';
import { registerMembershipActions } from './actions';
import { membershipCommands } from './commands';
import { membershipKinds } from './deliveries';
import { resumePausesJob } from './jobs';
import { membershipOps } from './ops';
import type { MembershipEffects } from './service';

/** Join, leave, pause, resume, list and remove: the membership side of circles, wired. */
export function membershipFeature(deps: AppDeps, hooks: Pick<CircleHooks, 'calendarUrl'>) {
  const kinds = membershipKinds(deps, hooks);
  const fx: MembershipEffects = { outbox: deps.outbox, kinds };
  const ops = membershipOps(deps, fx);
  const register: Registration = (app) => {
    registerMembershipActions(app, deps, ops);
    return membershipCommands(deps, ops);
  };
  return { register, effects: fx, deliveryKinds: Object.values(kinds), jobs: [resumePausesJob(deps, fx)] };
}
