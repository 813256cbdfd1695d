import type { KnownBlock } from '@slack/types';
import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import type { Db } from '../db/database';
import { getPerson, isOrganizer } from '../people/service';
import { section } from '../slack/blocks';
import type { SlackGateway } from '../workspaces/gateway';
import type { HomeSection } from './sections';

/** Slack's limit for a home tab. */
export const HOME_MAX_BLOCKS = 100;

/** Re-publishes a person's App Home; features call it when what it shows has changed. */
export interface Home {
  refresh(teamId: string, userId: string): Promise<void>;
}

interface HomeDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  gateway: SlackGateway;
}

/** `sections` may be filled after this is made (features are wired after the home exists). */
export function homePublisher(deps: HomeDeps, sections: HomeSection[]) {
  async function view(teamId: string, userId: string): Promise<{ type: 'home'; blocks: KnownBlock[] }> {
    const { db, clock, config, logger, gateway } = deps;
    const now = clock();
    const client = await gateway.client(teamId);
    const person = await getPerson(db, client, teamId, userId, now);
    const viewer = { teamId, userId, person, organizer: isOrganizer(person, config.organizers) };
    const ordered = [...sections].sort((a, b) => a.order - b.order);
    const parts = await Promise.all(
      ordered.map(async (s) => {
        try {
          return (await s.blocks(viewer, now)).slice(0, s.maxBlocks);
        } catch (error) {
          // One part failing must not blank the whole tab; it says so in its place.
          logger.warn(`Home section ${s.name} failed for ${userId}`, error);
          return [section(`_This part could not be loaded just now (${s.name}). It will be back when you next open the tab._`)];
        }
      }),
    );
    return { type: 'home', blocks: parts.flat().slice(0, HOME_MAX_BLOCKS) };
  }

  const home: Home & { view: typeof view } = {
    view,
    async refresh(teamId, userId) {
      try {
        const client = await deps.gateway.client(teamId);
        await client.views.publish({ user_id: userId, view: await view(teamId, userId) });
      } catch (error) {
        // The change itself is done and confirmed; a stale home tab is redrawn when it is next opened.
        deps.logger.warn(`Could not refresh the home tab of ${userId}`, error);
      }
    },
  };
  return home;
}
