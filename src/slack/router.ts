import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { AppContext } from './context';

export type ActionListener = (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs<AppContext>) => Promise<void>;
export type ViewListener = (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs<AppContext>) => Promise<void>;

interface Routes {
  actions: Map<string, ActionListener>;
  views: Map<string, ViewListener>;
}

const routesByApp = new WeakMap<object, Routes>();

/**
 * One Bolt listener for every button and one for every modal submission, each dispatching by id.
 * Bolt runs the filters of every registered listener on every request, a copy of the request's
 * arguments each: with one listener per button and modal (about fifty), that was most of what
 * the app spent on a slash command before answering it.
 */
function routesOf(app: App<AppContext>): Routes {
  let routes = routesByApp.get(app);
  if (routes) return routes;
  const actions = new Map<string, ActionListener>();
  const views = new Map<string, ViewListener>();
  routes = { actions, views };
  routesByApp.set(app, routes);
  app.action<BlockAction>({ type: 'block_actions' }, async (args) => {
    // An id no feature registered is left unanswered, as Bolt leaves a request no listener matches.
    await actions.get(args.action.action_id)?.(args);
  });
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async (args) => {
    await views.get(args.view.callback_id)?.(args);
  });
  return routes;
}

function add<L>(map: Map<string, L>, id: string, listener: L): void {
  if (map.has(id)) throw new Error(`${id} is registered twice`);
  map.set(id, listener);
}

export function routeAction(app: App<AppContext>, actionId: string, listener: ActionListener): void {
  add(routesOf(app).actions, actionId, listener);
}

export function routeView(app: App<AppContext>, callbackId: string, listener: ViewListener): void {
  add(routesOf(app).views, callbackId, listener);
}

/** Every action id and callback id the app answers. */
export function routedIds(app: App<AppContext>): { actions: string[]; views: string[] } {
  const routes = routesByApp.get(app);
  return { actions: [...(routes?.actions.keys() ?? [])], views: [...(routes?.views.keys() ?? [])] };
}
