import type { AppDeps } from '../app/deps';
import { circleZone } from '../circles/model';
import { assertCanManage } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { knownPerson } from '../people/service';
import type { SlackApp } from '../slack/app';
import { onSubmit, type Submission } from '../slack/listen';
import { instantToZonedParts, todayIn, zonedWallTimeToInstant } from '../time/zonedTime';
import { channelMovedText, movedText, parseRescheduleValues, rescheduleRef } from './blocks';
import { RescheduleFields, SessionViews } from './ids';
import { MOVE_WHAT, type SessionOps } from './ops';
import { rescheduleSession, type SessionEffects, sessionWithCircle } from './service';

/**
 * The reschedule modal's submission: everything up to the move is decided from the database, so
 * any problem shows on the form; the channel, the agenda post and the people reminded of the old
 * time hear of it after the ack.
 */
export function registerRescheduleSubmit(app: SlackApp, deps: AppDeps, ops: SessionOps, fx: SessionEffects): void {
  const { db, clock, config, logger, outbox } = deps;

  onSubmit(
    app,
    logger,
    SessionViews.reschedule,
    RescheduleFields.date,
    async ({ view, actor, metadata }): Promise<Submission> => {
      const now = clock();
      const onDate = (message: string): Submission => ({ errors: { [RescheduleFields.date]: message } });
      const { sessionId } = metadata(rescheduleRef);
      const { session, circle } = await sessionWithCircle(db, actor.teamId, sessionId);
      const person = await knownPerson(db, actor.teamId, actor.userId);
      if (!person) throw new AppError(ErrorCode.Invalid, 'Please close this form and press Reschedule again.');
      // Roles can change while a modal is open.
      await assertCanManage(db, circle, person, config.organizers, MOVE_WHAT);
      const parsed = parseRescheduleValues(view.state.values);
      if (!parsed.ok) return { errors: parsed.errors ?? { [RescheduleFields.date]: parsed.error } };
      const zone = circleZone(circle);
      const { date, time } = parsed.value;
      const startsAt = zonedWallTimeToInstant(date, time, zone);
      if (startsAt <= now) {
        const today = todayIn(now, zone);
        if (date < today) return onDate(`That day has passed (today is ${today} in ${zone}). Pick a later one.`);
        const nowLocal = instantToZonedParts(now, zone).time;
        return { errors: { [RescheduleFields.time]: `That time has passed (it is ${nowLocal} in ${zone}). Pick a later one.` } };
      }
      if (startsAt.getTime() === session.starts_at.getTime()) {
        return { errors: { [RescheduleFields.time]: 'That is when the session starts already. Pick another time, or Cancel.' } };
      }
      const moved = await rescheduleSession(db, fx, circle, session.id, startsAt, now);
      return {
        after: async (client) => {
          const channelNote = await ops.tellChannel(
            circle,
            channelMovedText(circle, session.starts_at, moved.session, actor.userId),
          );
          await ops.refreshAgenda(client, actor.teamId, moved.session.id);
          await outbox.flush(actor.teamId, moved.keys);
          await ops.refreshHomes(circle);
          await client.chat.postMessage({
            channel: actor.userId,
            text: movedText(circle, session.starts_at, moved.session, moved.toldOfChange, channelNote),
          });
        },
      };
    },
  );
}
