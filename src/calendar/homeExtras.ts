import { isAppError } from '../errors';
import type { SlackAppDeps } from '../slack/app';
import { calendarUrl } from './service';

/**
 * The calendar link for the App Home and the welcome DM. A missing link must never stop a home
 * tab or a welcome from going out, so failures become null (logged unless the person is unknown).
 */
export function calendarUrlFor(deps: Pick<SlackAppDeps, 'db' | 'config' | 'logger'>) {
  return async (teamId: string, userId: string): Promise<string | null> => {
    try {
      return await calendarUrl(deps.db, teamId, userId, deps.config.publicUrl);
    } catch (error) {
      if (!isAppError(error)) deps.logger.warn(`Could not get the calendar link of ${userId}`, error);
      return null;
    }
  };
}
