import type { AppDeps } from '../app/deps';
import type { SlackApp } from '../slack/app';
import { onSubmit, type Submission } from '../slack/listen';
import { savedText } from './blocks';
import { EvaluationFields as F, CycleViews } from './ids';
import { cycleRef, parseEvaluation } from './model';
import { evaluationTarget, saveEvaluation } from './service';

/** The evaluation's submission: decided from the database alone; a closed evaluation refuses on the form. */
export function registerCycleSubmits(app: SlackApp, deps: AppDeps): void {
  const { db, clock, logger } = deps;
  onSubmit(app, logger, CycleViews.evaluation, F.value, async ({ view, actor, metadata }): Promise<Submission> => {
    const now = clock();
    const { cycleId } = metadata(cycleRef);
    const target = await evaluationTarget(db, actor.teamId, cycleId, actor.userId, now);
    const parsed = parseEvaluation(view.state.values);
    if (!parsed.ok) return { errors: parsed.errors };
    const saved = await saveEvaluation(db, target, actor.userId, parsed.value, now);
    return {
      after: async (client) => {
        await client.chat.postMessage({
          channel: actor.userId,
          text: savedText(target.circle, parsed.value.choice, saved.edited, target.times.closesAt),
        });
      },
    };
  });
}
