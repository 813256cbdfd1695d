import { ApiError, bool, invalidArguments, list, requireStr, str } from '../apiArgs';
import { paginate } from '../pagination';
import type { EmulatorState } from '../state';
import type { Channel } from '../workspace';
import { channelObject, type Handler, visibleChannel } from './shared';

const MAX_NAME = 80;

/** Slack's channel-name rules, with Slack's error codes for each way a name can be wrong. */
function checkChannelName(name: string | undefined): string {
  if (name === undefined || name === '') throw new ApiError('invalid_name_required');
  if (name.length > MAX_NAME) throw new ApiError('invalid_name_maxlength');
  if (!/^[a-z0-9_-]+$/.test(name)) throw new ApiError('invalid_name_specials');
  if (/^[-_]+$/.test(name)) throw new ApiError('invalid_name_punctuation');
  return name;
}

function memberChannel(state: EmulatorState, id: string): Channel {
  const channel = visibleChannel(state, id);
  if (!channel.members.has(state.botUserId)) throw new ApiError('not_in_channel');
  return channel;
}

const open: Handler = (state, args) => {
  const channelArg = str(args, 'channel');
  if (channelArg) return { channel: channelObject(state, visibleChannel(state, channelArg)), no_op: true, already_open: true };
  const users = list(args, 'users');
  if (users.length === 0) throw new ApiError('users_list_not_supplied');
  if (users.length > 8) throw new ApiError('too_many_users');
  for (const id of users) {
    const user = state.workspace.user(id);
    if (!user) throw new ApiError('user_not_found');
    if (user.is_bot) throw new ApiError('cannot_dm_bot');
    if (user.deleted) throw new ApiError('user_disabled');
  }
  const [only] = users;
  const id = users.length === 1 && only ? state.workspace.dmChannelOf(only) : state.workspace.openMpim(users);
  const channel = state.workspace.channel(id);
  if (!channel) throw new Error(`emulator bug: opened ${id} but it is missing`);
  return { no_op: false, already_open: false, channel: bool(args, 'return_im') ? channelObject(state, channel) : { id } };
};

const create: Handler = (state, args) => {
  const name = checkChannelName(str(args, 'name'));
  if (state.workspace.channelByName(name)) throw new ApiError('name_taken');
  const channel = state.workspace.addChannel({
    name,
    is_private: bool(args, 'is_private') ?? false,
    creator: state.botUserId,
    created: Math.floor(state.now() / 1000),
    members: [state.botUserId],
  });
  return { channel: channelObject(state, channel) };
};

const invite: Handler = (state, args) => {
  const channel = memberChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  if (channel.is_im || channel.is_mpim) throw new ApiError('method_not_supported_for_channel_type');
  if (channel.is_archived) throw new ApiError('is_archived');
  const users = list(args, 'users');
  if (users.length === 0) throw new ApiError('no_user');
  if (users.length > 1000) throw new ApiError('too_many_users');
  const errors: { user: string; ok: false; error: string }[] = [];
  for (const id of users) {
    const user = state.workspace.user(id);
    const error = !user
      ? 'user_not_found'
      : id === state.botUserId
        ? 'cant_invite_self'
        : user.deleted
          ? 'user_disabled'
          : undefined;
    if (error) errors.push({ user: id, ok: false, error });
  }
  const [first] = errors;
  // One bad user fails the whole call (Slack only partially invites with force=true).
  if (first) throw new ApiError(first.error, { errors });
  const toAdd = users.filter((id) => !channel.members.has(id));
  if (toAdd.length === 0)
    throw new ApiError('already_in_channel', { errors: users.map((user) => ({ user, ok: false, error: 'already_in_channel' })) });
  for (const id of toAdd) state.workspace.addMember(channel.id, id);
  return { channel: channelObject(state, channel) };
};

/** Slack's errors for removing someone: the bot must be in the channel, and the person too. */
const kick: Handler = (state, args) => {
  const channel = memberChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  if (channel.is_im || channel.is_mpim) throw new ApiError('method_not_supported_for_channel_type');
  const userId = requireStr(args, 'user', 'user_not_found');
  if (!state.workspace.user(userId)) throw new ApiError('user_not_found');
  if (userId === state.botUserId) throw new ApiError('cant_kick_self');
  if (channel.is_general) throw new ApiError('cant_kick_from_general');
  if (!channel.members.has(userId)) throw new ApiError('not_in_channel');
  state.workspace.removeMember(channel.id, userId);
  return {};
};

const join: Handler = (state, args) => {
  const channel = state.workspace.channel(requireStr(args, 'channel', 'channel_not_found'));
  if (!channel) throw new ApiError('channel_not_found');
  if (channel.is_private || channel.is_im || channel.is_mpim) throw new ApiError('method_not_supported_for_channel_type');
  if (channel.is_archived) throw new ApiError('is_archived');
  if (channel.members.has(state.botUserId)) {
    return {
      channel: channelObject(state, channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    };
  }
  state.workspace.addMember(channel.id, state.botUserId);
  return { channel: channelObject(state, channel) };
};

const info: Handler = (state, args) => {
  const channel = visibleChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  return { channel: channelObject(state, channel, bool(args, 'include_num_members') ?? false) };
};

const members: Handler = (state, args) => {
  const channel = visibleChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const page = paginate([...channel.members], args, 'conversations.members', 100);
  return { members: page.items, response_metadata: page.response_metadata };
};

const archive: Handler = (state, args) => {
  const channel = memberChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  if (channel.is_general) throw new ApiError('cant_archive_general');
  if (channel.is_im || channel.is_mpim) throw new ApiError('method_not_supported_for_channel_type');
  if (channel.is_archived) throw new ApiError('already_archived');
  channel.is_archived = true;
  return {};
};

const TYPE_NAMES: readonly string[] = ['public_channel', 'private_channel', 'im', 'mpim'];

const listConversations: Handler = (state, args) => {
  const types = list(args, 'types');
  for (const t of types) if (!TYPE_NAMES.includes(t)) throw invalidArguments(`unknown type: ${t}`);
  const wanted = types.length > 0 ? types : ['public_channel'];
  const excludeArchived = bool(args, 'exclude_archived') ?? false;
  const typeOf = (c: Channel): string =>
    c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel';
  const visible = [...state.workspace.channels.values()].filter(
    (c) => wanted.includes(typeOf(c)) && (!c.is_private || c.members.has(state.botUserId)) && !(excludeArchived && c.is_archived),
  );
  const page = paginate(visible, args, 'conversations.list', 100);
  return { channels: page.items.map((c) => channelObject(state, c)), response_metadata: page.response_metadata };
};

export const conversationMethods: Record<string, Handler> = {
  'conversations.open': open,
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.kick': kick,
  'conversations.join': join,
  'conversations.info': info,
  'conversations.members': members,
  'conversations.archive': archive,
  'conversations.list': listConversations,
};
