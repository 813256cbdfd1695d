import type { Db } from '../db/database';
import type { Job } from '../scheduler/job';
import { advanceWatermark, readWatermark } from '../scheduler/ledger';
import { sessionsStartedIn } from '../sessions/service';
import { takeRoster } from './records';

const WATERMARK = 'checkin_rosters_until';
/** On the very first pass, sessions that began this long ago still get their roster. */
const FIRST_LOOKBACK_MS = 86_400_000;

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
      const from = (await readWatermark(db, WATERMARK)) ?? new Date(now.getTime() - FIRST_LOOKBACK_MS);
      if (now <= from) return { rosters: 0 };
      const started = await sessionsStartedIn(db, from, now);
      for (const session of started) await takeRoster(db, session, now);
      await advanceWatermark(db, WATERMARK, now, now);
      return { rosters: started.length };
    },
  };
}
