import type { Job } from '../scheduler/job';
import { sendDue } from '../scheduler/sender';
import type { SlackAppDeps } from '../slack/app';
import { sessionRenderers } from './deliveryKinds';
import { planDue } from './planner';
import { circlesNeedingSessions, markEndedSessionsHeld, syncSessions } from './service';

/** Keeps every circle's sessions stored for the rolling horizon. */
export function sessionHorizonJob(deps: SlackAppDeps): Job {
  return {
    name: 'session-horizon',
    schedule: '* * * * *',
    async run(now) {
      let created = 0;
      const circles = await circlesNeedingSessions(deps.db, now, 100);
      for (const c of circles) created += (await syncSessions(deps.db, c.team_id, c.id, now)).created;
      return { circles: circles.length, created };
    },
  };
}

/** Sessions whose time is over become held (check-ins will hang off that). */
export function sessionsHeldJob(deps: SlackAppDeps): Job {
  return {
    name: 'sessions-held',
    schedule: '* * * * *',
    run: async (now) => ({ held: await markEndedSessionsHeld(deps.db, now) }),
  };
}

export function planDeliveriesJob(deps: SlackAppDeps): Job {
  return { name: 'plan-deliveries', schedule: '* * * * *', run: (now) => planDue(deps.db, now) };
}

/** Sends whatever is due; other features' delivery kinds join the renderers here. */
export function sendDeliveriesJob(deps: SlackAppDeps): Job {
  const renderers = sessionRenderers(deps.db);
  return {
    name: 'send-deliveries',
    schedule: '* * * * *',
    run: async (now) => ({ ...(await sendDue(deps, renderers, now)) }),
  };
}
