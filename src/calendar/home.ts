import type { AppDeps } from '../app/deps';
import { isAppError } from '../core/errors';
import type { HomeSection } from '../home/sections';
import { homeLinkBlocks } from './blocks';
import { calendarUrl } from './service';

/**
 * The calendar link for the App Home and the welcome DM. A missing link must never stop a home
 * tab or a welcome from going out, so failures become null (logged unless the person is unknown).
 */
export function calendarUrlFor(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>) {
  return async (teamId: string, userId: string): Promise<string | null> => {
    try {
      return await calendarUrl(deps.db, teamId, userId, deps.config.publicUrl);
    } catch (error) {
      if (!isAppError(error)) deps.logger.warn(`Could not get the calendar link of ${userId}`, error);
      return null;
    }
  };
}

/** Under "Your circles": the private feed and a button for a new link. */
export function calendarHomeSection(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>): HomeSection {
  const urlOf = calendarUrlFor(deps);
  return {
    name: 'calendar link',
    order: 20,
    maxBlocks: 1,
    async blocks({ teamId, userId }) {
      const url = await urlOf(teamId, userId);
      return url ? homeLinkBlocks(url) : [];
    },
  };
}
