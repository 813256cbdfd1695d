import type { AppDeps } from '../app/deps';
import { assertCanManage, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { knownPeople } from '../people/service';
import type { SlackApp } from '../slack/app';
import { assertNotTooOften } from '../slack/costly';
import { type ActionArgs, onAction } from '../slack/listen';
import { BUTTON_OUT_OF_DATE } from '../slack/values';
import {
  answeredText,
  confirmedText,
  previewBlocks,
  type PreviewOutside,
  previewText,
  rematchText,
  remindedText,
  stuckBlocks,
  surveyModal,
  swapModal,
} from './blocks';
import { PairActions } from './ids';
import { checkRef, draftRef, type DraftRef, type MeetingAnswer, remindRef } from './model';
import { MATCH_WHAT, type PairOps } from './ops';
import { confirmDraft } from './confirm';
import { draftCircleId, draftPeople, type Preview, shufflePreview, startPreview } from './draft';
import type { PairEffects } from './effects';
import { answerCheck, pairTarget } from './meetings';
import { requestRematch } from './rematch';
import { matchStatus } from './status';
import { remindMissing, surveyTarget } from './survey';

/** People as a picker lists them: by name, an unknown one by id. */
function byName(ids: string[], names: Map<string, { name: string }>): Array<{ id: string; name: string }> {
  return ids.map((id) => ({ id, name: names.get(id)?.name ?? id })).sort((x, y) => x.name.localeCompare(y.name));
}

/** The pairs' buttons: the survey, the organizer's preview, the meeting check and the rematch request. */
export function registerPairActions(app: SlackApp, deps: AppDeps, ops: PairOps, fx: PairEffects): void {
  const { db, clock, config, logger, outbox } = deps;
  const on = (actionId: string, run: (a: ActionArgs) => Promise<void>) => onAction(app, logger, actionId, run);

  on(PairActions.survey, async (a) => {
    const target = await surveyTarget(db, a.actor.teamId, a.rowId(), a.actor.userId);
    const person = await a.actor.person();
    const others = byName([...target.others], await knownPeople(db, a.actor.teamId, [...target.others]));
    const view = surveyModal(target.circle, target.cycle.id, target.circle.topics, {
      survey: target.survey,
      timeZone: person.timeZone,
      others,
    });
    await a.openModal(view);
  });

  on(PairActions.pick, async (a) => {
    const circle = await requireCircle(db, a.actor.teamId, a.rowId());
    await ops.show(await a.actor.person(), circle, a.reply);
  });

  /** The circle a draft belongs to, once the clicker is known to be allowed to change it. */
  async function managed(a: ActionArgs, ref: DraftRef) {
    const circle = await requireCircle(db, a.actor.teamId, await draftCircleId(db, a.actor.teamId, ref));
    await assertCanManage(db, circle, await a.actor.person(), config.organizers, MATCH_WHAT);
    return circle;
  }
  /** The preview, with everyone Confirm would leave out: unmatched by the draft, or not in it at all. */
  const showPreview = async (a: ActionArgs, p: Preview, note?: string) => {
    const status = await matchStatus(db, p.circle);
    const inDraft = new Set([...p.arrangement.groups.flatMap((g) => g.members), ...p.arrangement.unmatched.map((u) => u.id)]);
    const outside: PreviewOutside = {
      notAnswered: status.missing,
      paused: status.paused,
      late: status.answered.filter((id) => !inDraft.has(id)),
    };
    await a.replace(
      previewText(p.circle),
      previewBlocks(p.circle, p.arrangement, { cycleId: p.draft.cycle_id, version: p.draft.version }, note, outside),
    );
  };

  on(PairActions.remind, async (a) => {
    const value = a.value(remindRef);
    const circle = await requireCircle(db, a.actor.teamId, value.circleId);
    const actor = { person: await a.actor.person(), organizers: config.organizers };
    await assertCanManage(db, circle, actor.person, actor.organizers, MATCH_WHAT);
    const deadline = new Date(value.deadline);
    if (deadline <= clock()) throw new AppError(ErrorCode.Invalid, `That deadline has passed. ${BUTTON_OUT_OF_DATE}`);
    const reminded = await remindMissing(db, fx, circle, actor, deadline, clock());
    await outbox.flush(a.actor.teamId, reminded.keys);
    await a.reply(remindedText(reminded.count, deadline));
  });

  on(PairActions.preview, async (a) => {
    const circle = await requireCircle(db, a.actor.teamId, a.rowId());
    const person = await a.actor.person();
    await assertCanManage(db, circle, person, config.organizers, MATCH_WHAT);
    await showPreview(a, await startPreview(db, circle, person.userId, clock()));
  });

  on(PairActions.shuffle, async (a) => {
    const ref = a.value(draftRef);
    await managed(a, ref);
    assertNotTooOften(deps.costly, a.actor.teamId, a.actor.userId, clock(), 'A new arrangement');
    const actor = { person: await a.actor.person(), organizers: config.organizers };
    const p = await shufflePreview(db, a.actor.teamId, ref, actor, clock());
    await showPreview(a, p, p.changed ? undefined : 'No other arrangement is as good as this one: it is shown again.');
  });

  on(PairActions.swap, async (a) => {
    const ref = a.value(draftRef);
    await managed(a, ref);
    const ids = await draftPeople(db, a.actor.teamId, ref);
    const names = await knownPeople(db, a.actor.teamId, ids);
    await a.openModal(swapModal(ref, byName(ids, names)));
  });

  on(PairActions.confirm, async (a) => {
    const ref = a.value(draftRef);
    await managed(a, ref);
    const done = await confirmDraft(
      db,
      fx,
      a.actor.teamId,
      ref,
      { person: await a.actor.person(), organizers: config.organizers },
      clock(),
    );
    await a.replace(confirmedText(done.circle, done.pairs.length, done.leftOut.length));
    await outbox.flush(a.actor.teamId, done.keys);
  });

  const answer = (actionId: string, value: MeetingAnswer) =>
    on(actionId, async (a) => {
      const ref = a.value(checkRef);
      const target = await pairTarget(db, a.actor.teamId, ref.pairId, a.actor.userId);
      const saved = await answerCheck(db, fx, target, ref.date, a.actor.userId, value, clock());
      if (value === 'stuck')
        await a.replace(`<@${a.actor.userId}> says you are stuck`, stuckBlocks(a.actor.userId, target.pair.id));
      else await a.replace(answeredText(a.actor.userId, value));
      await outbox.flush(a.actor.teamId, saved.keys);
    });
  answer(PairActions.metYes, 'yes');
  answer(PairActions.metNotYet, 'not_yet');
  answer(PairActions.metStuck, 'stuck');

  on(PairActions.rematch, async (a) => {
    const target = await pairTarget(db, a.actor.teamId, a.rowId(), a.actor.userId);
    await a.replace(rematchText(await requestRematch(db, target, a.actor.userId, clock())));
  });
}
