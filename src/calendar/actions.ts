import type { AppDeps } from '../app/deps';
import type { SlackApp } from '../slack/app';
import { onAction } from '../slack/listen';
import { newLinkBlocks, newLinkText } from './blocks';
import { CalendarActions } from './ids';
import { linkSettings } from './home';
import { revokeCalendar } from './service';

/** The calendar's one button: a new private link, the old one stops working. */
export function registerCalendarActions(app: SlackApp, deps: AppDeps): void {
  const { db, logger, config } = deps;
  onAction(app, logger, CalendarActions.revoke, async (a) => {
    // Makes sure the person's row exists, since the link lives on it.
    await a.actor.person();
    const url = await revokeCalendar(db, a.actor.teamId, a.actor.userId, linkSettings(config));
    // A DM whatever surface the button was on: the link must stay private, and stay.
    await a.client.chat.postMessage({ channel: a.actor.userId, text: newLinkText(url), blocks: newLinkBlocks(url) });
  });
}
