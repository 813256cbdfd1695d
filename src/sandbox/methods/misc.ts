import { ApiError, requireStr } from '../apiArgs';
import { type Handler, visibleChannel } from './shared';

const authTest: Handler = (state) => {
  const team = state.workspace.team;
  return {
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: state.workspace.user(state.botUserId)?.name ?? 'bot',
    // A token issued through OAuth speaks for the workspace it was installed in.
    team_id: state.callerTeamId ?? team.id,
    user_id: state.botUserId,
    bot_id: state.botId,
    is_enterprise_install: false,
  };
};

const reactionsAdd: Handler = (state, args) => {
  const channel = visibleChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const name = requireStr(args, 'name', 'invalid_name');
  // Slack wants the bare emoji name; ':tada:' is rejected rather than stripped.
  if (!/^[a-z0-9_+'-]+$/.test(name)) throw new ApiError('invalid_name');
  const message = state.messages.find(channel.id, requireStr(args, 'timestamp', 'message_not_found'));
  if (!message) throw new ApiError('message_not_found');
  if (channel.is_archived) throw new ApiError('is_archived');
  const reactions = message.reactions ?? [];
  const existing = reactions.find((r) => r.name === name);
  if (existing?.users.includes(state.botUserId)) throw new ApiError('already_reacted');
  if (existing) {
    existing.users.push(state.botUserId);
    existing.count += 1;
  } else {
    reactions.push({ name, users: [state.botUserId], count: 1 });
  }
  message.reactions = reactions;
  return {};
};

export const miscMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'reactions.add': reactionsAdd,
};
