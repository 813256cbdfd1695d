import type { AppDeps } from '../app/deps';
import type { Registration } from '../slack/app';
import { registerCalendarActions } from './actions';
import { calendarHomeSection, calendarUrlFor } from './home';
import { calendarRoutes } from './routes';

/** Private calendar feeds wired: the New link button, the App Home line, the link others show and the feed route. */
export function calendarFeature(deps: AppDeps) {
  const register: Registration = (app) => {
    registerCalendarActions(app, deps);
    // No /circle subcommand: the link lives in the App Home and the welcome.
    return {};
  };
  return {
    register,
    homeSection: calendarHomeSection(deps),
    /** The person's feed link, or null: for the circles' ports (the welcome on joining). */
    urlFor: calendarUrlFor(deps),
    routes: calendarRoutes(deps),
  };
}
