import type { Db } from '../db/database';
import type { Job } from '../scheduler/job';
import { circlesNeedingSessions, markEndedSessionsHeld, syncSessions } from './horizon';

/** Keeps every circle's sessions stored for the rolling horizon. */
export function sessionHorizonJob(db: Db): Job {
  return {
    name: 'session-horizon',
    schedule: '* * * * *',
    async run(now) {
      let created = 0;
      const circles = await circlesNeedingSessions(db, now, 100);
      for (const c of circles) created += (await syncSessions(db, c.team_id, c.id, now)).created;
      return { circles: circles.length, created };
    },
  };
}

/** Sessions whose time is over become held (check-ins hang off that). */
export function sessionsHeldJob(db: Db): Job {
  return {
    name: 'sessions-held',
    schedule: '* * * * *',
    run: async (now) => ({ held: await markEndedSessionsHeld(db, now) }),
  };
}
