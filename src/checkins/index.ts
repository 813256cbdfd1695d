import type { AppDeps } from '../app/deps';
import type { MemberChoices } from '../circles/membership';
import type { Db } from '../db/database';
import type { SessionPorts } from '../sessions/ports';
import type { Registration } from '../slack/app';
import { registerCheckinActions } from './actions';
import { agendaTools, reminderCommitments } from './blocks';
import { checkinCommands } from './commands';
import { checkinKinds } from './deliveries';
import { checkinHomeSection } from './home';
import { rosterJob } from './jobs';
import { checkinOps } from './ops';
import { openBefore } from './commitments';
import type { CheckinEffects } from './effects';
import { attendanceCounts } from './records';
import { registerCheckinSubmits } from './submit';

/** Check-ins wired: the command, buttons and modals, the messages, the roster job and the App Home part. */
export function checkinsFeature(deps: AppDeps, choices: MemberChoices) {
  const kinds = checkinKinds(deps);
  const fx: CheckinEffects = { outbox: deps.outbox, kinds };
  const ops = checkinOps(deps);
  const register: Registration = (app) => {
    registerCheckinActions(app, deps, ops, choices);
    registerCheckinSubmits(app, deps, fx);
    return checkinCommands(deps, ops);
  };
  return {
    register,
    effects: fx,
    deliveryKinds: Object.values(kinds),
    homeSection: checkinHomeSection(deps),
    // Before deliveries are planned in a pass, so check-in messages see who was at each session.
    rosterJob: rosterJob(deps.db),
  };
}

/**
 * What check-ins add to the sessions' messages, filled in by composition (sessions cannot import
 * check-ins): a reader's own open commitments in their reminder, the facilitators' buttons on the
 * agenda post and on each past session of the schedule, and attendance counts there.
 */
export function checkinSessionPorts(db: Db): SessionPorts {
  return {
    reminderExtras: async (session, userId) => reminderCommitments(await openBefore(db, session, userId)),
    agendaExtras: (session) => agendaTools(session),
    heldSessionTools: agendaTools,
    attendanceCounts: (teamId, sessionIds) => attendanceCounts(db, teamId, sessionIds),
  };
}
