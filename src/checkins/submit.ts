import type { AppDeps } from '../app/deps';
import { assertCanManage } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { knownPerson } from '../people/service';
import type { SlackApp } from '../slack/app';
import { onSubmit, type Submission } from '../slack/listen';
import { attendanceSavedText, checkedInText, notesPostBlocks, notesPostText, notesSharedText } from './blocks';
import { CheckinFields as F, CheckinViews } from './ids';
import { ATTENDANCE_WHAT, attendanceRef, NOTES_WHAT, parseAttendance, parseCheckin, parseNotes, sessionRef } from './model';
import { takeRoster } from './records';
import { saveAttendance, startedSession } from './attendance';
import { checkinTarget, reviewableIds, saveCheckin } from './checkin';
import type { CheckinEffects } from './effects';
import { shareNotes } from './notes';

/**
 * The three modals' submissions. Each decides from the database alone, so any problem shows on
 * the form within Slack's 3 seconds; messages, the App Home and in-place edits follow the ack.
 */
export function registerCheckinSubmits(app: SlackApp, deps: AppDeps, fx: CheckinEffects): void {
  const { db, clock, config, logger, outbox, home } = deps;

  onSubmit(app, logger, CheckinViews.checkin, F.attended, async ({ view, actor, metadata }): Promise<Submission> => {
    const now = clock();
    const { sessionId } = metadata(sessionRef);
    // Refusals (a newer session took place, the session was cancelled) come back on the form.
    const { circle, session } = await checkinTarget(db, actor.teamId, sessionId, actor.userId, now);
    const parsed = parseCheckin(view.state.values, await reviewableIds(db, session, actor.userId));
    if (!parsed.ok) return { errors: parsed.errors };
    const saved = await saveCheckin(db, fx, actor.teamId, session.id, actor.userId, parsed.value, now);
    return {
      after: async (client) => {
        await outbox.flush(actor.teamId, saved.keys);
        await client.chat.postMessage({
          channel: actor.userId,
          text: checkedInText(circle, session, saved.edited, saved.commitments),
        });
        await home.refresh(actor.teamId, actor.userId);
      },
    };
  });

  /** The facilitator as last seen: roles can change while a modal is open, and Slack must not be asked before the ack. */
  async function manager(teamId: string, userId: string) {
    const person = await knownPerson(db, teamId, userId);
    if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and press the button again.');
    return person;
  }

  onSubmit(
    app,
    logger,
    CheckinViews.attendance,
    `${F.presentPrefix}0`,
    async ({ view, actor, metadata }): Promise<Submission> => {
      const now = clock();
      const { sessionId, channelId } = metadata(attendanceRef);
      const { circle, session } = await startedSession(db, actor.teamId, sessionId, now, 'attendance');
      const person = await manager(actor.teamId, actor.userId);
      await assertCanManage(db, circle, person, config.organizers, ATTENDANCE_WHAT);
      const listed = await takeRoster(db, session, now);
      const parsed = parseAttendance(view.state.values, new Set(listed));
      if (!parsed.ok) return { errors: parsed.errors };
      const saved = await saveAttendance(db, fx, circle, session, { person, organizers: config.organizers }, parsed.value, now);
      return {
        after: async (client) => {
          await outbox.flush(actor.teamId, saved.keys);
          const text = attendanceSavedText(circle, session, saved.present, saved.listed);
          // Where the facilitator is: the channel of the post they pressed Take attendance on.
          if (channelId) {
            try {
              await client.chat.postEphemeral({ channel: channelId, user: actor.userId, text });
              return;
            } catch (error) {
              logger.warn('Could not confirm the attendance in the channel; confirming by DM', error);
            }
          }
          await client.chat.postMessage({ channel: actor.userId, text });
        },
      };
    },
  );

  onSubmit(app, logger, CheckinViews.notes, F.notesText, async ({ view, actor, metadata }): Promise<Submission> => {
    const now = clock();
    const { sessionId } = metadata(sessionRef);
    const { circle, session } = await startedSession(db, actor.teamId, sessionId, now, 'notes');
    const person = await manager(actor.teamId, actor.userId);
    await assertCanManage(db, circle, person, config.organizers, NOTES_WHAT);
    const parsed = parseNotes(view.state.values);
    if (!parsed.ok) return { errors: parsed.errors };
    const shared = await shareNotes(db, fx, circle, session, { person, organizers: config.organizers }, parsed.value, now);
    return {
      after: async (client) => {
        if (shared.posted) {
          // Already in the thread: edited in place, so the thread does not fill with versions.
          await client.chat.update({
            channel: shared.posted.channel,
            ts: shared.posted.ts,
            text: notesPostText(circle, session),
            blocks: notesPostBlocks(circle, session, parsed.value, actor.userId),
          });
        }
        await outbox.flush(actor.teamId, shared.keys.post);
        await outbox.flush(actor.teamId, shared.keys.tell);
        await client.chat.postMessage({
          channel: actor.userId,
          text: notesSharedText(circle, shared.posted !== null, shared.absentTold),
        });
      },
    };
  });
}
