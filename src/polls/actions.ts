import type { AppDeps } from '../app/deps';
import { canManage, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { SlackApp } from '../slack/app';
import { type ActionArgs, onAction } from '../slack/listen';
import { answerModal, othersBlocks, pickModal, rankingBlocks } from './blocks';
import { PollActions } from './ids';
import { pickRef } from './model';
import type { PollOps } from './ops';
import { answerForm, cadenceOf, hasAnswered, loadPoll, pickedCadence, ranking } from './service';
import { assertCanManage } from '../circles/service';

/** The poll's buttons: answer, see answers (the ranking for facilitators), pick, and which circle. */
export function registerPollActions(app: SlackApp, deps: AppDeps, ops: PollOps): void {
  const { db, clock, config, logger } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);

  on(PollActions.pickCircle, async (a) => {
    const circle = await requireCircle(db, a.actor.teamId, a.rowId());
    await ops.openForm(await a.actor.person(), circle, a.openModal);
  });

  on(PollActions.answer, async (a) => {
    const form = await answerForm(db, a.actor.teamId, a.rowId(), await a.actor.person(), clock());
    await a.openModal(answerModal(form));
  });

  on(PollActions.results, async (a) => {
    const pollId = a.rowId();
    const person = await a.actor.person();
    const { circle } = await loadPoll(db, a.actor.teamId, pollId);
    if (await canManage(db, circle, person, config.organizers)) {
      const r = await ranking(db, a.actor.teamId, pollId, person, config.organizers, clock());
      await a.reply(`Find a time: ${circle.name}`, rankingBlocks(r));
      return;
    }
    // Seeing the popular options first sways people, so answers stay hidden until one's own is in.
    if (!(await hasAnswered(db, a.actor.teamId, pollId, person.userId))) {
      throw new AppError(ErrorCode.Forbidden, 'Answer first: others’ answers show once you have given yours.');
    }
    const form = await answerForm(db, a.actor.teamId, pollId, person, clock());
    await a.reply(`Answers so far for ${circle.name}`, othersBlocks(form));
  });

  on(PollActions.pick, async (a) => {
    const ref = a.value(pickRef);
    const { circle, candidates } = await loadPoll(db, a.actor.teamId, ref.pollId);
    await assertCanManage(db, circle, await a.actor.person(), config.organizers, 'pick its meeting time');
    const cadence = pickedCadence(cadenceOf(circle), candidates, ref.picks);
    if (!cadence) throw new AppError(ErrorCode.Invalid, 'Those times cannot be picked together. Open the ranking again.');
    await a.openModal(pickModal(circle, ref, cadence));
  });
}
