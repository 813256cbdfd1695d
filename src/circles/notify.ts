import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';
import { slackErrorCode } from '../people/service';
import { promotedText, welcomeBlocks, welcomeText } from './membershipBlocks';
import type { CircleRow } from './store';

/**
 * Adds people to a circle's channel. A failure here must not undo the join: it is logged and
 * reported back so the person can be told to ask a facilitator.
 */
export async function inviteToChannel(client: WebClient, circle: CircleRow, userIds: string[], logger: Logger): Promise<boolean> {
  if (!circle.channel_id || userIds.length === 0) return true;
  const invite = () => client.conversations.invite({ channel: circle.channel_id!, users: userIds.join(',') });
  try {
    await invite();
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'already_in_channel') return true;
    if (code === 'not_in_channel') {
      // The bot was removed from a public channel: it can let itself back in, then invite.
      try {
        await client.conversations.join({ channel: circle.channel_id });
        await invite();
        return true;
      } catch (retryError) {
        if (slackErrorCode(retryError) === 'already_in_channel') return true;
        logger.warn(`Could not add ${userIds.join(',')} to the channel of circle ${circle.id}`, retryError);
        return false;
      }
    }
    logger.warn(`Could not add ${userIds.join(',')} to the channel of circle ${circle.id}`, error);
    return false;
  }
}

export async function sendWelcome(
  client: WebClient,
  circle: CircleRow,
  userId: string,
  calendarUrl: string | undefined,
): Promise<void> {
  await client.chat.postMessage({ channel: userId, text: welcomeText(circle), blocks: welcomeBlocks(circle, calendarUrl) });
}

export async function announcePromotion(client: WebClient, circle: CircleRow, userIds: string[], logger: Logger): Promise<void> {
  if (userIds.length === 0) return;
  await inviteToChannel(client, circle, userIds, logger);
  for (const userId of userIds) {
    await client.chat.postMessage({ channel: userId, text: promotedText(circle), blocks: welcomeBlocks(circle) });
  }
}
