import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { AppError } from '../errors';
import { getPerson } from '../people/service';
import type { Feature, SlackAppDeps } from '../slack/app';
import { newLinkBlocks, newLinkText } from './blocks';
import { CalendarActions } from './ids';
import { revokeCalendar } from './service';

/** The calendar feature has no /circle subcommand; it only listens for its button. */
export const calendarFeature: Feature = (app, deps) => {
  registerCalendarActions(app, deps);
  return {};
};

export function registerCalendarActions(app: App, deps: SlackAppDeps): void {
  const { db, clock, logger, config } = deps;
  app.action<BlockAction<ButtonAction>>(CalendarActions.revoke, async ({ ack, body, client, context }) => {
    await ack();
    const userId = body.user.id;
    const teamId = context.teamId ?? body.team?.id ?? '';
    // The answer goes to a DM whatever surface the button was on: the link must stay private.
    const tell = async (text: string, blocks?: ReturnType<typeof newLinkBlocks>) => {
      await client.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
    };
    try {
      // Makes sure the person's row exists, since the token lives on it.
      await getPerson(db, client, teamId, userId, clock());
      const url = await revokeCalendar(db, teamId, userId, config.publicUrl);
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
}
