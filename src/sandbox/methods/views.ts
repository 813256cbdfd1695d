import { ApiError, invalidArguments, requireStr, str } from '../apiArgs';
import { describeIssues, validateView } from '../blockKit';
import type { EmulatorState } from '../state';
import { isObject, type JsonObject, type StoredView } from '../types';
import { type Handler, requireUser } from './shared';

/** Parses and validates `view`; Slack answers bad views with invalid_arguments + `[ERROR] …` messages. */
function readView(state: EmulatorState, args: JsonObject, type: 'modal' | 'home', replacing?: StoredView): JsonObject {
  const view = args.view;
  if (view === undefined) throw invalidArguments('missing required field: view');
  if (!isObject(view)) throw invalidArguments('failed to parse view: must provide an object [json-pointer:/view]');
  const messages = describeIssues(validateView(view, type));
  if (messages.length > 0) throw invalidArguments(...messages);
  const externalId = typeof view.external_id === 'string' ? view.external_id : undefined;
  const clash = externalId ? state.views.byExternalId(externalId) : undefined;
  if (clash && clash.id !== replacing?.id) throw new ApiError('duplicate_external_id');
  return view;
}

function exchangeTrigger(state: EmulatorState, args: JsonObject): string {
  const triggerId = requireStr(args, 'trigger_id');
  const exchange = state.triggers.exchange(triggerId);
  if (!exchange.ok) throw new ApiError(exchange.error);
  return exchange.userId;
}

const open: Handler = (state, args) => {
  const view = readView(state, args, 'modal');
  const userId = exchangeTrigger(state, args);
  return { view: state.views.open(userId, view).view };
};

const push: Handler = (state, args) => {
  const view = readView(state, args, 'modal');
  const userId = exchangeTrigger(state, args);
  const pushed = state.views.push(userId, view);
  if (pushed === 'push_limit_reached') throw new ApiError('push_limit_reached');
  if (pushed === 'no_open_view')
    throw invalidArguments("views.push needs a modal already open in the user's client; use views.open");
  return { view: pushed.view };
};

const update: Handler = (state, args) => {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) throw invalidArguments('must provide view_id or external_id');
  const stored = viewId ? state.views.get(viewId) : state.views.byExternalId(externalId ?? '');
  // A closed modal is gone from the user's client; Slack no longer finds it.
  if (!stored || (stored.type === 'modal' && !stored.isOpen)) throw new ApiError('not_found');
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== stored.hash) throw new ApiError('hash_conflict');
  const view = readView(state, args, stored.type, stored);
  return { view: state.views.update(stored, view).view };
};

const publish: Handler = (state, args) => {
  const user = requireUser(state, requireStr(args, 'user_id'));
  if (user.is_bot || user.deleted) throw new ApiError('invalid_arguments');
  const view = readView(state, args, 'home', state.views.homeOf(user.id));
  const hash = str(args, 'hash');
  const existing = state.views.homeOf(user.id);
  if (hash !== undefined && existing && hash !== existing.hash) throw new ApiError('hash_conflict');
  return { view: state.views.publish(user.id, view).view };
};

export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
