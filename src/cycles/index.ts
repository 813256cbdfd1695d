import type { AppDeps } from '../app/deps';
import type { CirclePorts } from '../circles/ports';
import type { MembershipEffects } from '../circles/membership/service';
import type { Registration } from '../slack/app';
import { registerCycleActions } from './actions';
import { cycleCommands } from './commands';
import { cycleKinds } from './deliveries';
import { cycleReportsHomeSection } from './home';
import { cycleEndJob } from './jobs';
import { noPairs, type PairsPort } from './ports';
import type { CycleEffects } from './service';
import { registerCycleSubmits } from './submit';

/** Cycles wired: the end-of-cycle messages and evaluation, the rollover and its job, reports and the organizer's home part. */
export function cyclesFeature(
  deps: AppDeps,
  ports: Pick<CirclePorts, 'settingsSaved'>,
  membership: MembershipEffects,
  pairs: PairsPort = noPairs,
) {
  const kinds = cycleKinds(deps);
  const fx: CycleEffects = { outbox: deps.outbox, kinds, membership, pairs, settingsSaved: ports.settingsSaved };
  const register: Registration = (app) => {
    registerCycleActions(app, deps, fx);
    registerCycleSubmits(app, deps);
    return cycleCommands(deps, fx);
  };
  return {
    register,
    effects: fx,
    deliveryKinds: Object.values(kinds),
    homeSection: cycleReportsHomeSection(deps, pairs),
    // Before deliveries are sent in a pass, so the goodbyes and questions a rollover plans go out with it.
    endJob: cycleEndJob(deps, fx),
  };
}
