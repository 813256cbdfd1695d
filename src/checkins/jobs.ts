import type { Db } from '../db/database';
import type { Job } from '../scheduler/job';
import { takeRosters } from './records';
import { startedWithoutRoster } from './store';

/**
 * How far back a pass looks for sessions without a roster: longer than any cycle runs, so a gap in
 * the scheduler of any length leaves no held session of the current cycle without one. Each is
 * taken once, so later passes find nothing to do.
 */
const CATCH_UP_MS = 400 * 86_400_000;

/**
 * Notes who held an active place when each session began: they are asked to check in, listed for
 * attendance and counted for lapses, whatever pauses or joins come after. Runs before deliveries
 * are planned, so the check-in messages of a pass see the rosters it took. After a gap (days or
 * weeks), the first pass takes every missing roster at once, each as of its session's start, from
 * the membership history.
 */
export function rosterJob(db: Db): Job {
  return {
    name: 'checkin-rosters',
    schedule: '* * * * *',
    async run(now) {
      const started = await startedWithoutRoster(db, new Date(now.getTime() - CATCH_UP_MS), now);
      return { rosters: await takeRosters(db, started, now) };
    },
  };
}
