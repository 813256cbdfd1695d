import type { AppDeps } from '../app/deps';
import { isAppError } from '../core/errors';
import type { HomeSection } from '../home/sections';
import { hiddenLinkBlocks, homeLinkBlocks } from './blocks';
import { calendarUrl, type LinkSettings } from './service';

export function linkSettings(config: AppDeps['config']): LinkSettings {
  return { publicUrl: config.publicUrl, secret: config.calendarLinkSecret };
}

/**
 * The calendar link for the App Home and the welcome DM. A missing link must never stop a home
 * tab or a welcome from going out, so failures become undefined (logged unless the person is
 * unknown). Null: the person has a link that cannot be shown again (see calendarUrl).
 */
export function calendarUrlFor(deps: Pick<AppDeps, 'db' | 'config' | 'logger'>) {
  return async (teamId: string, userId: string): Promise<string | null | undefined> => {
    try {
      return await calendarUrl(deps.db, teamId, userId, linkSettings(deps.config));
    } catch (error) {
      if (!isAppError(error)) deps.logger.warn(`Could not get the calendar link of ${userId}`, error);
      return undefined;
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
      if (url === undefined) return [];
      return url === null ? hiddenLinkBlocks() : homeLinkBlocks(url);
    },
  };
}
