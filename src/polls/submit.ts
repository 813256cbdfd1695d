import type { AppDeps } from '../app/deps';
import { memberIds, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { knownPerson } from '../people/service';
import type { SlackApp } from '../slack/app';
import { onSubmit, type Submission } from '../slack/listen';
import { type Answer, candidateKey } from '../availability';
import { anchorLabel, openedBlocks, openedText, pickedReply } from './blocks';
import { PollFields as F, PollViews } from './ids';
import { answerOf, circleRef, parseCloseDays, parseNote, parseTimes, pickRef, pollRef } from './model';
import { assertCanRun, cadenceOf, loadPoll, openPoll, pick, type PollEffects, proposedTimes, saveAnswers } from './service';

type Values = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_option?: { value?: string } | null; selected_options?: Array<{ value?: string }> | null }
  >
>;

/**
 * The three modals' submissions: open a poll, answer it, pick a time. Each decides from the
 * database alone; the channel and the person hear after the ack, through the ledger.
 */
export function registerPollSubmits(app: SlackApp, deps: AppDeps, fx: PollEffects): void {
  const { db, clock, config, logger, outbox, home } = deps;

  /** The person as last seen: roles can change while a modal is open, and Slack must not be asked before the ack. */
  async function known(teamId: string, userId: string) {
    const person = await knownPerson(db, teamId, userId);
    if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and open it again.');
    return person;
  }
  const valuesOf = (view: { state?: { values?: unknown } }) => (view.state?.values ?? {}) as Values;

  onSubmit(app, logger, PollViews.open, F.times, async ({ view, actor, metadata }): Promise<Submission> => {
    const now = clock();
    const { circleId } = metadata(circleRef);
    const circle = await requireCircle(db, actor.teamId, circleId);
    await assertCanRun(db, circle, await known(actor.teamId, actor.userId), config.organizers);
    const values = valuesOf(view);
    const typed = values[F.times]?.[F.times]?.value ?? '';
    const propose = (values[F.propose]?.[F.propose]?.selected_options ?? []).some((o) => o.value === 'propose');
    const days = parseCloseDays(values[F.closeDays]?.[F.closeDays]?.value);
    if (!days.ok) return { errors: { [F.closeDays]: days.error } };
    const cadence = cadenceOf(circle);
    let candidates;
    if (typed.trim() !== '') {
      if (propose) return { errors: { [F.propose]: 'Either list times or let the app propose them, not both.' } };
      const parsed = parseTimes(typed, cadence);
      if (!parsed.ok) return { errors: { [F.times]: parsed.error } };
      candidates = parsed.value;
    } else if (propose) {
      candidates = await proposedTimes(db, circle, now);
    } else {
      return { errors: { [F.times]: 'List the times to offer, or tick “Propose times” below.' } };
    }
    const { poll, keys } = await openPoll(db, fx, circle, actor.userId, candidates, days.value, now);
    return {
      after: async (client) => {
        await outbox.flush(actor.teamId, keys);
        const where = circle.channel_id ? ` I have asked in <#${circle.channel_id}>.` : '';
        await client.chat.postMessage({
          channel: actor.userId,
          text: `${openedText(circle, poll, candidates.length)}${where} Press See answers for the ranking.`,
          blocks: openedBlocks(circle, poll, candidates),
        });
      },
    };
  });

  onSubmit(app, logger, PollViews.answer, `${F.answerPrefix}0`, async ({ view, actor, metadata }): Promise<Submission> => {
    const now = clock();
    const { pollId } = metadata(pollRef);
    const { candidates } = await loadPoll(db, actor.teamId, pollId);
    const values = valuesOf(view);
    const errors: Record<string, string> = {};
    const answers: Record<string, Answer> = {};
    candidates.forEach((c, i) => {
      const id = `${F.answerPrefix}${i}`;
      const answer = answerOf(values[id]?.[id]?.selected_option?.value);
      if (answer) answers[candidateKey(c)] = answer;
      else errors[id] = `Choose yes, if need be or no for ${anchorLabel(c)}.`;
    });
    const note = parseNote(values[F.note]?.[F.note]?.value);
    if (!note.ok) errors[F.note] = note.error;
    if (Object.keys(errors).length > 0 || !note.ok) return { errors };
    const { circle } = await saveAnswers(db, actor.teamId, pollId, actor.userId, answers, note.value, now);
    return {
      after: async (client) => {
        await client.chat.postMessage({
          channel: actor.userId,
          text: `Thanks: your answers for ${circle.name} are saved. You can change them until the poll closes; press See answers to see everyone's so far.`,
        });
      },
    };
  });

  onSubmit(app, logger, PollViews.pick, F.moveReminded, async ({ view, actor, metadata }): Promise<Submission> => {
    const now = clock();
    const ref = metadata(pickRef);
    const values = valuesOf(view);
    const moveReminded = (values[F.moveReminded]?.[F.moveReminded]?.selected_options ?? []).some((o) => o.value === 'move');
    const person = await known(actor.teamId, actor.userId);
    const picked = await pick(db, fx, actor.teamId, ref.pollId, person, config.organizers, ref.picks, moveReminded, now);
    return {
      after: async (client) => {
        await outbox.flush(actor.teamId, picked.keys);
        await client.chat.postMessage({
          channel: actor.userId,
          text: pickedReply(picked.circle, picked.cadence, picked.keptSessions, picked.from),
        });
        // Each member's App Home shows the circle's next meeting.
        for (const userId of await memberIds(db, actor.teamId, picked.circle.id, ['active', 'paused'])) {
          await home.refresh(actor.teamId, userId);
        }
      },
    };
  });
}
