import { currentCycle } from '../circles/service';
import type { Db } from '../db/database';
import type { Job } from '../scheduler/job';
import { takeRosters } from './records';
import { startedWithoutRoster } from './store';

/** Sessions this recent get their roster whichever cycle they belong to (a cycle that just rolled over). */
const RECENT_MS = 2 * 86_400_000;
/** How far back a pass looks for sessions of a current cycle without a roster: longer than any cycle runs. */
const CATCH_UP_MS = 400 * 86_400_000;

/**
 * Notes who held an active place when each session began: they are asked to check in, listed for
 * attendance and counted for lapses, whatever pauses or joins come after. Runs before deliveries
 * are planned, so the check-in messages of a pass see the rosters it took. After a gap in the
 * scheduler (days or weeks), the first pass takes every missing roster of the current cycle at
 * once, each as of its session's start, from the membership history.
 */
export function rosterJob(db: Db): Job {
  return {
    name: 'checkin-rosters',
    schedule: '* * * * *',
    async run(now) {
      const started = await startedWithoutRoster(db, new Date(now.getTime() - CATCH_UP_MS), now);
      const cycles = new Map<string, number | undefined>();
      const due = [];
      for (const s of started) {
        const circle = `${s.team_id}:${s.circle_id}`;
        if (!cycles.has(circle)) cycles.set(circle, (await currentCycle(db, s.team_id, s.circle_id))?.id);
        if (s.cycle_id === cycles.get(circle) || s.starts_at.getTime() > now.getTime() - RECENT_MS) due.push(s);
      }
      return { rosters: await takeRosters(db, due, now) };
    },
  };
}
