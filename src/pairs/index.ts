import type { AppDeps } from '../app/deps';
import type { Registration } from '../slack/app';
import { registerPairActions } from './actions';
import { pairCommands } from './commands';
import { pairKinds } from './deliveries';
import { pairsHomeSection } from './home';
import { pairOps } from './ops';
import type { PairEffects } from './effects';
import { keepPairs } from './keep';
import { meetingRate, pairMeetingsOfCycle } from './meetings';
import { requestRematches } from './rematch';
import { pairsOfCycleIds } from './status';
import { registerPairSubmits } from './submit';

/**
 * Peer-coaching pairs wired: `/circle match`, the survey and swap modals, the buttons, and every
 * message as a delivery kind (the survey and the checks and tips are planned by the scheduler).
 */
export function pairsFeature(deps: AppDeps) {
  const kinds = pairKinds(deps);
  const fx: PairEffects = { outbox: deps.outbox, kinds };
  const ops = pairOps(deps);
  const register: Registration = (app) => {
    registerPairActions(app, deps, ops, fx);
    registerPairSubmits(app, deps);
    return pairCommands(deps, ops);
  };
  const { db, clock } = deps;
  /**
   * What the cycles' pairs port asks for (composition hands it over; pairs does not import cycles):
   * who is paired, how often they met, who stays together, who asks for another partner.
   */
  const cyclesPort = {
    currentPairs: (teamId: string, _circleId: number, cycleId: number) => pairsOfCycleIds(db, teamId, cycleId),
    pairMeetingRate: (teamId: string, _circleId: number, cycleId: number) => meetingRate(db, teamId, cycleId),
    pairMeetings: (teamId: string, _circleId: number, cycleId: number) => pairMeetingsOfCycle(db, teamId, cycleId),
    keepPairs: async (teamId: string, circleId: number, fromCycleId: number, toCycleId: number, pairs: string[][]) => {
      // Not flushed here: a rollover may run before its command is acked. The scheduler's next
      // pass sends the message (the automatic rollover runs before the pass sends).
      await keepPairs(db, fx, teamId, circleId, fromCycleId, toCycleId, pairs, clock());
    },
    requestRematch: async (teamId: string, circleId: number, toCycleId: number, userIds: string[]) => {
      await requestRematches(db, teamId, circleId, toCycleId, userIds, clock());
    },
  };
  return {
    register,
    deliveryKinds: Object.values(kinds),
    homeSection: pairsHomeSection(deps),
    /** What the cycles feature reads: how often pairs met, who is paired now, who asked for a rematch. */
    cyclesPort,
  };
}
