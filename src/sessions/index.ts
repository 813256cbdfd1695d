import type { AppDeps } from '../app/deps';
import type { CirclePorts } from '../circles/ports';
import type { Registration } from '../slack/app';
import { registerSessionActions } from './actions';
import { sessionCommands } from './commands';
import { sessionKinds } from './deliveries';
import { syncSessions } from './horizon';
import { sessionHorizonJob, sessionsHeldJob } from './jobs';
import { sessionOps } from './ops';
import type { SessionPorts } from './ports';
import { registerRescheduleSubmit } from './reschedule';
import type { SessionEffects } from './service';
import { hasMet, nextSessions, warmupTurns } from './store';

/** The session rhythm, wired: its commands and buttons, its delivery kinds, its jobs, and what circles asks of it. */
export function sessionsFeature(deps: AppDeps, ports: SessionPorts = {}) {
  const { db } = deps;
  const kinds = sessionKinds(db, ports.reminderExtras, ports.agendaExtras);
  const fx: SessionEffects = { outbox: deps.outbox, kinds };
  const ops = sessionOps(deps, ports);
  const register: Registration = (app) => {
    registerSessionActions(app, deps, ops, fx);
    registerRescheduleSubmit(app, deps, ops, fx);
    return sessionCommands(deps, ops);
  };
  const circlePorts: Pick<CirclePorts, 'hasMet' | 'settingsSaved' | 'nextMeetings' | 'warmupTurns'> = {
    hasMet,
    settingsSaved: async (teamId, circleId, now) => {
      await syncSessions(db, teamId, circleId, now);
    },
    nextMeetings: async (teamId, circleIds, now) =>
      new Map((await nextSessions(db, teamId, circleIds, now)).map((s) => [s.circle_id, s.starts_at])),
    warmupTurns: (teamId, userId, now) => warmupTurns(db, teamId, userId, now),
  };
  return {
    register,
    effects: fx,
    circlePorts,
    deliveryKinds: Object.values(kinds),
    // Order within a pass: sessions exist before their deliveries are planned.
    horizonJob: sessionHorizonJob(db),
    // Last in a pass: after downtime, what an ended session missed must still be planned (and skipped as late).
    heldJob: sessionsHeldJob(db),
  };
}
