import type { AppDeps } from '../app/deps';
import { assertCanManage, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { knownPerson } from '../people/service';
import type { SlackApp } from '../slack/app';
import { onSubmit, type Submission } from '../slack/listen';
import { previewBlocks, previewText, surveySavedText } from './blocks';
import { PairFields as F, PairViews } from './ids';
import { cycleRef, draftRef, parseSurvey } from './model';
import { MATCH_WHAT } from './ops';
import { draftCircleId, swapPreview } from './draft';
import { saveSurvey, surveyTarget } from './survey';

/** The survey and the swap: each decides from the database alone, so problems show on the form within Slack's 3 seconds. */
export function registerPairSubmits(app: SlackApp, deps: AppDeps): void {
  const { db, clock, config, logger, home } = deps;

  onSubmit(app, logger, PairViews.survey, F.goals, async ({ view, actor, metadata }): Promise<Submission> => {
    const ref = metadata(cycleRef);
    // A closed survey (matching confirmed, paused, left) comes back on the form, politely.
    const target = await surveyTarget(db, actor.teamId, ref.cycleId, actor.userId);
    const parsed = parseSurvey(view.state.values, { topics: target.circle.topics, others: target.others, selfId: actor.userId });
    if (!parsed.ok) return { errors: parsed.errors };
    const saved = await saveSurvey(db, target, actor.userId, parsed.value, clock());
    return {
      after: async (client) => {
        await client.chat.postMessage({ channel: actor.userId, text: surveySavedText(target.circle, saved.edited) });
        await home.refresh(actor.teamId, actor.userId);
      },
    };
  });

  onSubmit(app, logger, PairViews.swap, F.swapA, async ({ view, actor, metadata }): Promise<Submission> => {
    const ref = metadata(draftRef);
    const circle = await requireCircle(db, actor.teamId, await draftCircleId(db, actor.teamId, ref));
    // Roles as last seen: Slack must not be asked before the ack.
    const person = await knownPerson(db, actor.teamId, actor.userId);
    if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and press the button again.');
    await assertCanManage(db, circle, person, config.organizers, MATCH_WHAT);
    // A static list of the people in the preview; a users select in modals opened before it was.
    type Picked = { selected_user?: string | null; selected_option?: { value: string } | null };
    const values = view.state.values as Record<string, Record<string, Picked>>;
    const picked = (id: string) => values[id]?.[id]?.selected_option?.value ?? values[id]?.[id]?.selected_user;
    const a = picked(F.swapA);
    const b = picked(F.swapB);
    if (!a) return { errors: { [F.swapA]: 'Choose the first person.' } };
    if (!b) return { errors: { [F.swapB]: 'Choose who they trade places with.' } };
    if (a === b) return { errors: { [F.swapB]: 'Choose two different people.' } };
    const p = await swapPreview(db, actor.teamId, ref, { person, organizers: config.organizers }, a, b, clock());
    return {
      after: async (client) => {
        const blocks = previewBlocks(
          p.circle,
          p.arrangement,
          { cycleId: p.draft.cycle_id, version: p.draft.version },
          `Swapped <@${a}> and <@${b}>.`,
        );
        await client.chat.postMessage({ channel: actor.userId, text: previewText(p.circle), blocks });
      },
    };
  });
}
