import type { AppDeps } from '../app/deps';
import type { HomeSection } from '../home/sections';
import { HOME_MAX_BLOCKS, homeBlocks } from './blocks';
import { homeData } from './homeData';

/** My App Home's check-in part: sessions waiting for my check-in, and my open commitments with a Mark done button. */
export function checkinHomeSection(deps: Pick<AppDeps, 'db'>): HomeSection {
  return {
    name: 'your commitments',
    // Right after my circles, before circles to join.
    order: 15,
    maxBlocks: HOME_MAX_BLOCKS,
    async blocks({ teamId, userId }, now) {
      const { open, pending } = await homeData(deps.db, teamId, userId, now);
      return homeBlocks(open, pending);
    },
  };
}
