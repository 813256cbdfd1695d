import { ApiError, str } from '../apiArgs';
import { describeIssues, LIMITS, validateBlocks } from '../blockKit';
import type { EmulatorState } from '../state';
import { tzInfo } from '../timezones';
import type { JsonObject, StoredMessage } from '../types';
import type { Channel, User } from '../workspace';

/** A Web API method: returns the success fields (without `ok`) or throws ApiError. */
export type Handler = (state: EmulatorState, args: JsonObject) => JsonObject;

/** A channel the bot can see. Private channels it is not in do not exist as far as Slack tells it. */
export function visibleChannel(state: EmulatorState, id: string): Channel {
  const channel = state.workspace.channel(id);
  if (!channel) throw new ApiError('channel_not_found');
  if (channel.is_private && !channel.members.has(state.botUserId)) throw new ApiError('channel_not_found');
  return channel;
}

/**
 * Where chat.postMessage-like calls land: a conversation id, or a user id meaning "that user's DM with the bot".
 * `publicWithoutJoining` models the chat:write.public scope, which only chat.postMessage honours.
 */
export function postTarget(state: EmulatorState, id: string, publicWithoutJoining = false): Channel {
  if (/^[UW]/.test(id)) return dmWith(state, id);
  const channel = visibleChannel(state, id);
  if (channel.is_im && channel.user) dmWith(state, channel.user);
  if (channel.is_archived) throw new ApiError('is_archived');
  const mayPost = channel.members.has(state.botUserId) || (publicWithoutJoining && !channel.is_private);
  if (!mayPost) throw new ApiError('not_in_channel');
  return channel;
}

function dmWith(state: EmulatorState, userId: string): Channel {
  const user = state.workspace.user(userId);
  if (!user) throw new ApiError('channel_not_found');
  if (user.is_bot) throw new ApiError('cannot_dm_bot');
  if (user.deleted) throw new ApiError('account_inactive');
  const channel = state.workspace.channel(state.workspace.dmChannelOf(userId));
  if (!channel) throw new Error(`emulator bug: DM channel for ${userId} missing`);
  return channel;
}

export function requireUser(state: EmulatorState, id: string): User {
  const user = state.workspace.user(id);
  if (!user) throw new ApiError('user_not_found');
  return user;
}

export interface MessageArgs {
  text: string | undefined;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
  metadata: unknown;
}

/** Reads and validates text/blocks/attachments exactly where Slack would refuse them. */
export function readMessageArgs(args: JsonObject, requireContent: boolean): MessageArgs {
  const text = str(args, 'text');
  if (text !== undefined && text.length > LIMITS.messageText) throw new ApiError('msg_too_long');
  let blocks: unknown[] | undefined;
  if (args.blocks !== undefined) {
    if (!Array.isArray(args.blocks)) throw new ApiError('invalid_blocks_format');
    blocks = args.blocks;
    const messages = describeIssues(validateBlocks(blocks, 'message'));
    if (messages.length > 0) {
      throw new ApiError('invalid_blocks', {
        errors: messages,
        response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
      });
    }
  }
  let attachments: unknown[] | undefined;
  if (args.attachments !== undefined) {
    if (!Array.isArray(args.attachments)) throw new ApiError('invalid_attachments');
    attachments = args.attachments;
  }
  const hasContent = (text ?? '') !== '' || (blocks?.length ?? 0) > 0 || (attachments?.length ?? 0) > 0;
  if (requireContent && !hasContent) throw new ApiError('no_text');
  return { text, blocks, attachments, metadata: args.metadata };
}

export function channelObject(state: EmulatorState, channel: Channel, includeNumMembers = false): JsonObject {
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.user,
      is_user_deleted: channel.user ? (state.workspace.user(channel.user)?.deleted ?? false) : false,
      priority: 0,
    };
  }
  const teamId = state.workspace.team.id;
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_mpim,
    is_group: false,
    is_im: false,
    is_mpim: channel.is_mpim,
    is_private: channel.is_private,
    created: channel.created,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: teamId,
    shared_team_ids: [teamId],
    creator: channel.creator,
    is_member: channel.members.has(state.botUserId),
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
    previous_names: [],
    ...(includeNumMembers ? { num_members: channel.members.size } : {}),
  };
}

export function userObject(state: EmulatorState, user: User): JsonObject {
  const tz = tzInfo(user.tz, new Date(state.now()));
  const [first_name = '', ...rest] = user.real_name.split(' ');
  return {
    id: user.id,
    team_id: user.team_id,
    name: user.name,
    deleted: user.deleted,
    color: '9f69e7',
    real_name: user.real_name,
    tz: user.tz,
    tz_label: tz.tz_label,
    tz_offset: tz.tz_offset,
    profile: {
      real_name: user.real_name,
      real_name_normalized: user.real_name,
      display_name: user.display_name,
      display_name_normalized: user.display_name,
      first_name,
      last_name: rest.join(' '),
      email: user.is_bot ? undefined : user.email,
      status_text: '',
      status_emoji: '',
      image_72: `https://avatars.peercircles.test/${user.id}_72.png`,
      team: user.team_id,
      ...(user.bot_id ? { bot_id: user.bot_id } : {}),
    },
    is_admin: user.is_admin,
    is_owner: user.is_owner,
    is_primary_owner: user.is_owner,
    is_restricted: user.is_restricted,
    is_ultra_restricted: false,
    is_bot: user.is_bot,
    is_app_user: false,
    updated: Math.floor(state.now() / 1000),
  };
}

export function messageObject(state: EmulatorState, message: StoredMessage): JsonObject {
  const fromBot = message.user === state.botUserId;
  return {
    type: 'message',
    text: message.text,
    user: message.user,
    ts: message.ts,
    team: state.workspace.team.id,
    blocks: message.blocks,
    ...(fromBot
      ? {
          bot_id: state.botId,
          app_id: state.appId,
          bot_profile: {
            id: state.botId,
            app_id: state.appId,
            name: 'Peer Circles',
            team_id: state.workspace.team.id,
            deleted: false,
          },
        }
      : {}),
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
    ...(message.files ? { files: message.files.map((id) => ({ id })), upload: true } : {}),
    ...(message.reactions ? { reactions: message.reactions } : {}),
    ...(message.updatedCount > 0 ? { edited: { user: message.user, ts: message.ts } } : {}),
  };
}
