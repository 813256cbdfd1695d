import { ApiError, requireStr } from '../apiArgs';
import { paginate } from '../pagination';
import { type Handler, requireUser, userObject } from './shared';

const info: Handler = (state, args) => {
  const user = requireUser(state, requireStr(args, 'user', 'user_not_found'));
  return { user: userObject(state, user) };
};

/** Slack returns everyone, deactivated users and bots included; apps must filter them out themselves. */
const list: Handler = (state, args) => {
  const all = [...state.workspace.users.values()];
  const page = paginate(all, args, 'users.list', Math.max(all.length, 1));
  return {
    members: page.items.map((u) => userObject(state, u)),
    cache_ts: Math.floor(state.now() / 1000),
    response_metadata: page.response_metadata,
  };
};

const lookupByEmail: Handler = (state, args) => {
  const email = requireStr(args, 'email', 'users_not_found').toLowerCase();
  const user = [...state.workspace.users.values()].find((u) => !u.is_bot && u.email.toLowerCase() === email);
  if (!user) throw new ApiError('users_not_found');
  return { user: userObject(state, user) };
};

export const userMethods: Record<string, Handler> = {
  'users.info': info,
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
};
