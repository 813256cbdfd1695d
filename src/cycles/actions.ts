import type { AppDeps } from '../app/deps';
import { AppError, ErrorCode } from '../core/errors';
import type { SlackApp } from '../slack/app';
import { type ActionArgs, onAction } from '../slack/listen';
import { evaluationModal, farewellText, stayedText } from './blocks';
import { CycleActions } from './ids';
import { idValue } from './model';
import { answerStayQuestion, type CycleEffects, evaluationTarget } from './service';

const OUT_OF_DATE = 'That button is out of date. Please use the latest message.';

function cycleIdOf(a: ActionArgs): number {
  const id = idValue('value' in a.action ? a.action.value : undefined);
  if (id === null) throw new AppError(ErrorCode.Invalid, OUT_OF_DATE);
  return id;
}

/** The cycles' buttons: open the evaluation, and a silent member's stay or leave. */
export function registerCycleActions(app: SlackApp, deps: AppDeps, fx: CycleEffects): void {
  const { db, clock, logger, outbox, home } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);

  on(CycleActions.evaluate, async (a) => {
    const target = await evaluationTarget(db, a.actor.teamId, cycleIdOf(a), a.actor.userId, clock());
    const { circle, cycle, existing, times } = target;
    await a.client.views.open({
      trigger_id: a.body.trigger_id,
      view: evaluationModal(circle, cycle, existing, times.closesAt, circle.evaluations_anonymous),
    });
  });

  const answer = (choice: 'stay' | 'leave') => async (a: ActionArgs) => {
    const { circle, keys } = await answerStayQuestion(db, fx, a.actor.teamId, cycleIdOf(a), a.actor.userId, choice, clock());
    await outbox.flush(a.actor.teamId, keys);
    // The question's buttons are replaced by the outcome, so they cannot be pressed twice.
    await a.replace(choice === 'stay' ? stayedText(circle) : farewellText(circle, 'end'));
    await home.refresh(a.actor.teamId, a.actor.userId);
  };
  on(CycleActions.stay, answer('stay'));
  on(CycleActions.leave, answer('leave'));
}
