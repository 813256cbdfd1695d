import type { AppDeps } from '../app/deps';
import type { Registration } from '../slack/app';
import { registerProgramActions } from './actions';
import { programCommands } from './commands';
import { programKinds } from './deliveries';
import { programHomeSections } from './home';
import type { ProgramEffects } from './recruiting';
import { formationInput, pairsArrangement, pairsInput, recordFormed, requireProgram, setProgramStatus } from './service';
import { registerProgramSubmits } from './submit';

/**
 * Programs wired: `/circle program`, the settings and intake modals, Join, the post, invitations
 * and the intake reminder as delivery kinds, the App Home sections, and what formation reads and
 * writes back (`formationInput`, `setProgramStatus`, `recordFormed` in service.ts).
 */
export function programsFeature(deps: AppDeps) {
  const kinds = programKinds(deps);
  const fx: ProgramEffects = { outbox: deps.outbox, kinds };
  const register: Registration = (app) => {
    registerProgramActions(app, deps);
    registerProgramSubmits(app, deps);
    return programCommands(deps, fx);
  };
  const { db } = deps;
  return {
    register,
    deliveryKinds: Object.values(kinds),
    homeSections: programHomeSections(deps),
    /** For forming circles: the program and its people in the solver's terms, and the status after Confirm. */
    formation: {
      program: (teamId: string, programId: number) => requireProgram(db, teamId, programId),
      input: (teamId: string, programId: number) => formationInput(db, teamId, programId),
      setStatus: (teamId: string, programId: number, status: 'recruiting' | 'closed' | 'formed') =>
        setProgramStatus(db, teamId, programId, status, deps.clock()),
      recordFormed: (teamId: string, programId: number, groups: Array<{ members: string[]; circleId?: number | null }>) =>
        recordFormed(db, teamId, programId, groups, deps.clock()),
      /** A coaching-pairs program: its people for the existing exact pair matcher, and the matcher's arrangement. */
      pairsInput: (teamId: string, programId: number) => pairsInput(db, teamId, programId),
      pairs: (teamId: string, programId: number, seed: string | number) => pairsArrangement(db, teamId, programId, seed),
    },
  };
}
