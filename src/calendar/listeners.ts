import type { AppDeps } from '../app/deps';
import { AppError } from '../core/errors';
import type { Registration } from '../slack/app';
import { actorOf } from '../slack/context';
import { routeAction } from '../slack/router';
import { newLinkBlocks, newLinkText } from './blocks';
import { CalendarActions } from './ids';
import { revokeCalendar } from './service';

/** The calendar feature has no /circle subcommand; it only listens for its button. */
export function calendarFeature(deps: AppDeps): Registration {
  const { db, logger, config } = deps;
  return (app) => {
    routeAction(app, CalendarActions.revoke, async ({ ack, body, client, context }) => {
      await ack();
      const userId = body.user.id;
      // The answer goes to a DM whatever surface the button was on: the link must stay private.
      const tell = async (text: string, blocks?: ReturnType<typeof newLinkBlocks>) => {
        await client.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
      };
      try {
        const actor = actorOf(context);
        // Makes sure the person's row exists, since the token lives on it.
        await actor.person();
        const url = await revokeCalendar(db, actor.teamId, userId, config.publicUrl);
        await tell(newLinkText(url), newLinkBlocks(url));
      } catch (error) {
        if (error instanceof AppError) {
          await tell(error.message);
          return;
        }
        logger.error(`Action ${CalendarActions.revoke} failed for ${userId}`, error);
        await tell('Something went wrong on our side, so your calendar link may not have changed. Please try again in a minute.');
      }
    });
    return {};
  };
}
