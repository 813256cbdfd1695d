import type { SlackApp } from '../slack/app';
import { actorOf } from '../slack/context';
import type { Home } from './publisher';

/** Opening the App Home draws it fresh. */
export function registerHomeListeners(app: SlackApp, home: Home): void {
  app.event('app_home_opened', async ({ event, context }) => {
    if (event.tab !== 'home') return;
    await home.refresh(actorOf(context).teamId, event.user);
  });
}
