import type { Button, KnownBlock } from '@slack/types';
import { button, context, section } from '../slack/blocks';
import { CalendarActions } from './ids';

/** For any surface that shows the link: the way to get a new one when the old has been shared. */
export function revokeButton(): Button {
  return button('New link', CalendarActions.revoke, 'revoke');
}

export function newLinkText(url: string): string {
  return `Here is your new private calendar link: ${url}\nYour old calendar link no longer works.`;
}

export function newLinkBlocks(url: string): KnownBlock[] {
  return [
    section(
      `:calendar: Here is your new private calendar link:\n<${url}|${url}>\n*Your old calendar link no longer works*: ` +
        'remove the old subscription from your calendar app and subscribe to this one.',
    ),
    context('Anyone with this link can see your sessions, so keep it to yourself. You can ask for a new one any time.'),
  ];
}

/** The App Home's line with the private feed link. */
export function homeLinkBlocks(url: string): KnownBlock[] {
  return [
    section(
      `:calendar: <${url}|Subscribe to your sessions> in your calendar app. The link is private; if it was shared, get a new one.`,
      revokeButton(),
    ),
  ];
}

/** The App Home's line for a link that works but cannot be shown again (made by an earlier version). */
export function hiddenLinkBlocks(): KnownBlock[] {
  return [
    section(
      ':calendar: You have a private calendar link, which still works, but it was made before links could be shown again. ' +
        'To see a link, get a new one (the old one then stops working).',
      revokeButton(),
    ),
  ];
}
