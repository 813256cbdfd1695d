import type { AppDeps } from '../../app/deps';
import type { CirclePorts } from '../../circles/ports';
import type { Registration } from '../../slack/app';
import { registerFormActions } from './actions';
import { formCommands } from './commands';
import { formKinds } from './deliveries';
import type { ProgramsPort } from './ports';
import { programsPort } from './programsPort';
import type { FormEffects } from './service';
import { registerFormSubmits } from './submit';

export type { FormationSource, FormProgram, ProgramsPort } from './ports';

/**
 * Forming a program's circles wired: `/circle form`, the preview's buttons, the edit modals and the
 * messages Confirm sends. What it needs of programs comes through the port composition fills.
 */
export function formFeature(
  deps: AppDeps,
  ports: Pick<CirclePorts, 'settingsSaved' | 'nextMeetings'>,
  programs: ProgramsPort = programsPort(),
) {
  const kinds = formKinds(deps, ports);
  const fx: FormEffects = { outbox: deps.outbox, kinds, programs, ports };
  const register: Registration = (app) => {
    registerFormActions(app, deps, fx);
    registerFormSubmits(app, deps, fx);
    return formCommands(deps, fx);
  };
  return { register, deliveryKinds: Object.values(kinds), fx };
}
