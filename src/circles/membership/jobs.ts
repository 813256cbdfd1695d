import type { AppDeps } from '../../app/deps';
import type { Job } from '../../scheduler/job';
import { type MembershipEffects, resumeDuePauses } from './service';

/**
 * Pauses with an end date end by themselves on that day, in the circle's time zone; each person
 * hears of it through the ledger, so a crash or a 429 does not lose the message.
 */
export function resumePausesJob(deps: Pick<AppDeps, 'db'>, fx: MembershipEffects): Job {
  return {
    name: 'resume-due-pauses',
    schedule: '* * * * *',
    run: async (now) => ({ resumed: (await resumeDuePauses(deps.db, fx, now)).length }),
  };
}
