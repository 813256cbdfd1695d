import type { AppDeps } from '../app/deps';
import { circleZone } from '../circles/model';
import { assertCanManage, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { SlackApp } from '../slack/app';
import { type ActionArgs, onAction } from '../slack/listen';
import { instantToZonedParts } from '../time/zonedTime';
import { channelCancelledText, passedText, rescheduleModal, skipKeptText, skippedText } from './blocks';
import { valid } from './commands';
import { SessionActions, SessionPickActions } from './ids';
import { warmupBlocks, warmupText } from './messages';
import { parseAgendaItem, parsePrompt, pickSchema } from './model';
import { MOVE_WHAT, SKIP_WHAT, type SessionOps } from './ops';
import { cancelSession, type SessionEffects, sessionWithCircle } from './service';
import type { SessionRow } from './store';
import { passWarmup, redrawPrompt } from './warmup';

/** The sessions' buttons: circle picks, skip, reschedule, and the warm-up leader's two choices. */
export function registerSessionActions(app: SlackApp, deps: AppDeps, ops: SessionOps, fx: SessionEffects): void {
  const { db, clock, config, logger } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);

  const pickFromValue = async (a: ActionArgs) => {
    const pick = a.value(pickSchema);
    return { circle: await requireCircle(db, a.actor.teamId, pick.circleId), add: pick.add };
  };
  const circleOf = (a: ActionArgs) => requireCircle(db, a.actor.teamId, a.rowId());

  on(SessionPickActions.schedule, async (a) => ops.showSchedule(await a.actor.person(), await circleOf(a), a.reply));
  on(SessionPickActions.skip, async (a) => ops.askSkip(await a.actor.person(), await circleOf(a), a.reply));
  on(SessionPickActions.agenda, async (a) => {
    const { circle, add } = await pickFromValue(a);
    if (add === undefined) await ops.showAgenda(await a.actor.person(), circle, a.reply);
    else await ops.addAgenda(a.actor.userId, circle, valid(parseAgendaItem(add)), a.reply);
  });
  on(SessionPickActions.prompts, async (a) => {
    const { circle, add } = await pickFromValue(a);
    await ops.addPrompt(a.actor.userId, circle, valid(parsePrompt(add ?? '')), a.reply);
  });

  on(SessionActions.skipConfirm, async (a) => {
    const { session, circle } = await sessionWithCircle(db, a.actor.teamId, a.rowId());
    // Roles can change between the question and the click.
    await assertCanManage(db, circle, await a.actor.person(), config.organizers, SKIP_WHAT);
    const { session: cancelled, toldOfChange, keys } = await cancelSession(db, fx, circle, session.id, clock());
    const channelNote = await ops.tellChannel(circle, channelCancelledText(circle, cancelled, a.actor.userId));
    await ops.refreshAgenda(a.client, a.actor.teamId, cancelled.id);
    await a.replace(skippedText(circle, cancelled, toldOfChange, channelNote));
    await deps.outbox.flush(a.actor.teamId, keys);
    await ops.refreshHomes(circle);
  });
  on(SessionActions.skipCancel, async (a) => a.replace(skipKeptText));

  on(SessionActions.reschedule, async (a) => {
    const { session, circle } = await sessionWithCircle(db, a.actor.teamId, a.rowId());
    const now = clock();
    await assertCanManage(db, circle, await a.actor.person(), config.organizers, MOVE_WHAT);
    if (session.starts_at <= now || session.status === 'held')
      throw new AppError(ErrorCode.Conflict, 'That session has already started.');
    if (session.status !== 'scheduled') throw new AppError(ErrorCode.Conflict, 'That session is cancelled; it cannot be moved.');
    const zone = circleZone(circle);
    await a.openModal(rescheduleModal(circle, session, zone, instantToZonedParts(session.starts_at, zone)));
  });

  on(SessionActions.redrawPrompt, async (a) => {
    const updated = await redrawPrompt(db, a.actor.teamId, a.rowId(), a.actor.userId, clock());
    const circle = await requireCircle(db, a.actor.teamId, updated.circle_id);
    await a.replace(warmupText(circle, updated), warmupBlocks(circle, updated));
    await ops.refreshAgenda(a.client, a.actor.teamId, updated.id);
  });

  on(SessionActions.passWarmup, async (a) => {
    const from = a.actor.userId;
    const updated = await passWarmup(db, a.actor.teamId, a.rowId(), from, clock());
    await a.replace(passedText(updated.leader_user_id));
    await ops.refreshAgenda(a.client, a.actor.teamId, updated.id);
    // The new leader hears at once (the warm-up is at most three days away), exactly once.
    if (updated.leader_user_id) await deps.outbox.flush(a.actor.teamId, await handOver(updated, from));
  });

  async function handOver(session: SessionRow, from: string): Promise<string[]> {
    return deps.outbox.enqueue(db, fx.kinds.handover, [
      {
        teamId: session.team_id,
        key: `handover:${session.id}:${session.leader_user_id}:${session.warmup_passed.length}`,
        circleId: session.circle_id,
        sessionId: session.id,
        userId: session.leader_user_id,
        dueAt: clock(),
        expiresAt: session.starts_at,
        payload: { from },
      },
    ]);
  }
}
