import type { AppDeps } from '../app/deps';
import type { SlackApp } from '../slack/app';
import { type ActionArgs, onAction } from '../slack/listen';
import { evaluationModal, farewellText, stayedText } from './blocks';
import { CycleActions } from './ids';
import { answerStayQuestion, type CycleEffects, evaluationTarget } from './service';

/** The cycles' buttons: open the evaluation, and a silent member's stay or leave. */
export function registerCycleActions(app: SlackApp, deps: AppDeps, fx: CycleEffects): void {
  const { db, clock, logger, outbox, home } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);

  on(CycleActions.evaluate, async (a) => {
    const target = await evaluationTarget(db, a.actor.teamId, a.rowId(), a.actor.userId, clock());
    const { circle, cycle, existing, times } = target;
    await a.openModal(evaluationModal(circle, cycle, existing, times.closesAt, circle.evaluations_anonymous));
  });

  const answer = (choice: 'stay' | 'leave') => async (a: ActionArgs) => {
    const { circle, keys } = await answerStayQuestion(db, fx, a.actor.teamId, a.rowId(), a.actor.userId, choice, clock());
    await outbox.flush(a.actor.teamId, keys);
    // The question's buttons are replaced by the outcome, so they cannot be pressed twice.
    await a.replace(choice === 'stay' ? stayedText(circle) : farewellText(circle, 'end'));
    await home.refresh(a.actor.teamId, a.actor.userId);
  };
  on(CycleActions.stay, answer('stay'));
  on(CycleActions.leave, answer('leave'));
}
