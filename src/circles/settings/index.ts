import type { AppDeps } from '../../app/deps';
import type { Registration } from '../../slack/app';
import type { CircleHooks } from '../hooks';
import type { MembershipEffects } from '../membership/service';
import { registerSettingsOpeners } from './open';
import { settingsProvisioning } from './provision';
import { registerSettingsSubmit } from './submit';

/** Creating and editing circles: the modal, its checks, and setting the circle up in Slack. */
export function settingsFeature(
  deps: AppDeps,
  hooks: Pick<CircleHooks, 'hasMet' | 'settingsSaved' | 'nextMeetings'>,
  fx: MembershipEffects,
) {
  const register: Registration = (app) => {
    registerSettingsSubmit(app, deps, hooks, settingsProvisioning(deps, fx));
    return registerSettingsOpeners(app, deps);
  };
  return { register };
}
