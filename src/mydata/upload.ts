import type { WebClient } from '@slack/web-api';
import { MY_DATA_FILE } from './blocks';

/** Everything the app keeps about the person, as a text file in their DM with the app: theirs alone. */
export async function uploadMyData(client: WebClient, userId: string, text: string): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error(`Slack opened no DM with ${userId}`);
  await client.files.uploadV2({
    channel_id: channel,
    initial_comment: 'Everything Peer Circles keeps about you.',
    file_uploads: [{ file: Buffer.from(text, 'utf8'), filename: MY_DATA_FILE, title: 'My data' }],
  });
}
