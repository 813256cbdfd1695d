import type { AppDeps } from '../../app/deps';
import type { Registration } from '../../slack/app';
import type { Reply } from '../../slack/listen';
import type { CircleRow } from '../service';
import type { CirclePorts } from '../ports';
import { registerMembershipActions } from './actions';
import { leaveConfirmBlocks } from './blocks';
import { membershipCommands } from './commands';
import { membershipKinds } from './deliveries';
import { resumePausesJob } from './jobs';
import { type MembershipOps, membershipOps } from './ops';
import type { MembershipEffects } from './service';

/** Join, leave, pause, resume, list and remove: the membership side of circles, wired. */
export function membershipFeature(deps: AppDeps, ports: Pick<CirclePorts, 'calendarUrl'>) {
  const kinds = membershipKinds(deps, ports);
  const fx: MembershipEffects = { outbox: deps.outbox, kinds };
  const ops = membershipOps(deps, fx);
  const register: Registration = (app) => {
    registerMembershipActions(app, deps, ops);
    return membershipCommands(deps, ops);
  };
  return {
    register,
    effects: fx,
    deliveryKinds: Object.values(kinds),
    jobs: [resumePausesJob(deps, fx)],
    choices: memberChoices(ops),
  };
}

/**
 * What a member can choose about their place from another feature's message (a check-in nudge):
 * exactly what `/circle pause` and `/circle leave` do, so the two can never drift apart.
 */
export interface MemberChoices {
  /** Pauses with no end date, answering as `/circle pause` does. */
  pause: MembershipOps['pause'];
  /** Asks to confirm leaving, as `/circle leave` does; the confirmation buttons are the membership's own. */
  askLeave(circle: CircleRow, reply: Reply): Promise<void>;
}

function memberChoices(ops: MembershipOps): MemberChoices {
  return {
    pause: (teamId, userId, circle, until, reply) => ops.pause(teamId, userId, circle, until, reply),
    askLeave: (circle, reply) => reply(`Leave ${circle.name}?`, leaveConfirmBlocks(circle)),
  };
}
