import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from '../core/errors';

/**
 * Adds people to a channel. Someone already there is no problem: Slack may refuse a whole batch
 * for one such person, so the batch is retried one by one. A bot removed from a public channel
 * lets itself back in first. Anything else is thrown for the caller to record or report.
 */
export async function addToChannel(client: WebClient, channel: string, userIds: string[]): Promise<void> {
  const users = [...new Set(userIds)];
  if (users.length === 0) return;
  try {
    await client.conversations.invite({ channel, users: users.join(',') });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'already_in_channel') {
      if (users.length > 1) for (const user of users) await addToChannel(client, channel, [user]);
      return;
    }
    if (code === 'not_in_channel') {
      await client.conversations.join({ channel });
      await addToChannel(client, channel, users);
      return;
    }
    throw error;
  }
}

/** Takes a person out of a channel; someone already gone is no problem. */
export async function removeFromChannel(client: WebClient, channel: string, userId: string): Promise<void> {
  try {
    await client.conversations.kick({ channel, user: userId });
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw error;
    // Either the person is gone already, or the bot was taken out of a public channel: it lets
    // itself back in (a private channel cannot be rejoined) and tries once more.
    const joined = await client.conversations.join({ channel }).catch(() => undefined);
    if (!joined || joined.warning === 'already_in_channel') return;
    await removeFromChannel(client, channel, userId);
  }
}

/** Everyone in a channel, the app's own bot user included, every page of it. */
export async function channelMembers(client: WebClient, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}
