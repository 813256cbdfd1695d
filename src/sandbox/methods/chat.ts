import { ApiError, requireStr, str } from '../apiArgs';
import type { EmulatorState } from '../state';
import type { JsonObject, StoredMessage } from '../types';
import { type Handler, messageObject, postTarget, readMessageArgs, requireUser, visibleChannel } from './shared';

/** chat.update/delete need a real conversation id; unlike postMessage they don't map user ids to DMs. */
function ownMessage(state: EmulatorState, args: JsonObject, notOwnCode: string): StoredMessage {
  const channel = visibleChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const ts = requireStr(args, 'ts', 'message_not_found');
  const message = state.messages.find(channel.id, ts);
  if (!message) throw new ApiError('message_not_found');
  if (message.user !== state.botUserId) throw new ApiError(notOwnCode);
  if (channel.is_archived) throw new ApiError('is_archived');
  return message;
}

const postMessage: Handler = (state, args) => {
  const target = postTarget(state, requireStr(args, 'channel', 'channel_not_found'), state.config.chatWritePublic);
  const content = readMessageArgs(args, true);
  const threadTs = str(args, 'thread_ts');
  const message = state.messages.post(target.id, state.botUserId, {
    text: content.text ?? '',
    blocks: content.blocks ?? [],
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
  });
  return { channel: target.id, ts: message.ts, message: messageObject(state, message) };
};

const postEphemeral: Handler = (state, args) => {
  const target = postTarget(state, requireStr(args, 'channel', 'channel_not_found'));
  const user = requireUser(state, requireStr(args, 'user', 'user_not_found'));
  if (user.deleted || !target.members.has(user.id)) throw new ApiError('user_not_in_channel');
  const content = readMessageArgs(args, true);
  const threadTs = str(args, 'thread_ts');
  const ephemeral = state.messages.addEphemeral(
    target.id,
    user.id,
    { text: content.text ?? '', blocks: content.blocks ?? [], ...(threadTs ? { thread_ts: threadTs } : {}) },
    'chat.postEphemeral',
  );
  return { message_ts: ephemeral.ts };
};

const update: Handler = (state, args) => {
  const message = ownMessage(state, args, 'cant_update_message');
  const content = readMessageArgs(args, false);
  if (!content.text && !content.blocks?.length && !content.attachments?.length) throw new ApiError('no_text');
  // Slack keeps the old blocks/attachments when the update omits them; an empty array removes them.
  state.messages.replace(message, {
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(content.blocks !== undefined ? { blocks: content.blocks } : {}),
    ...(content.attachments !== undefined ? { attachments: content.attachments } : {}),
    ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
  });
  return { channel: message.channel, ts: message.ts, text: message.text, message: messageObject(state, message) };
};

const remove: Handler = (state, args) => {
  const message = ownMessage(state, args, 'cant_delete_message');
  state.messages.delete(message.channel, message.ts);
  return { channel: message.channel, ts: message.ts };
};

const getPermalink: Handler = (state, args) => {
  const channel = visibleChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const ts = requireStr(args, 'message_ts', 'message_not_found');
  if (!state.messages.find(channel.id, ts)) throw new ApiError('message_not_found');
  return {
    channel: channel.id,
    permalink: `https://${state.workspace.team.domain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`,
  };
};

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
  'chat.getPermalink': getPermalink,
};
