import type { Db } from '../db/database';
import type { Job } from '../scheduler/job';
import { takeRoster } from './records';
import { startedWithoutRoster } from './store';

/**
 * Sessions that began this long ago still get their roster from this job; an older one (after
 * longer downtime) gets it when someone first checks in or takes attendance.
 */
const LOOKBACK_MS = 2 * 86_400_000;

/**
 * Notes who held an active place when each session began: they are asked to check in, listed for
 * attendance and counted for lapses, whatever pauses or joins come after. Runs before deliveries
 * are planned, so the check-in messages of a pass see the rosters it took.
 */
export function rosterJob(db: Db): Job {
  return {
    name: 'checkin-rosters',
    schedule: '* * * * *',
    async run(now) {
      const started = await startedWithoutRoster(db, new Date(now.getTime() - LOOKBACK_MS), now);
      for (const session of started) await takeRoster(db, session, now);
      return { rosters: started.length };
    },
  };
}
