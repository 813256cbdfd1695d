import type { AppDeps } from '../app/deps';
import type { Job } from '../scheduler/job';
import { autoRollovers, type CycleEffects, dropSilent } from './service';

/**
 * Circles set to continue open their next cycle when the evaluation closes (so members' choices
 * are in), and members who never answered whether they stay are let go a week after being asked.
 * Runs before the pass sends, so the messages this causes go out in the same pass.
 */
export function cycleEndJob(deps: Pick<AppDeps, 'db'>, fx: CycleEffects): Job {
  return {
    name: 'cycle-rollover',
    schedule: '* * * * *',
    async run(now) {
      const rolled = await autoRollovers(deps.db, fx, now);
      const dropped = await dropSilent(deps.db, fx, now);
      return { rolledOver: rolled.length, dropped: dropped.length };
    },
  };
}
