import type { KnownBlock } from '@slack/types';
import type { AppDeps } from '../app/deps';
import type { HomeSection } from '../home/sections';
import { HOME_MAX_PROGRAMS, homeBlocks } from './blocks';
import { homeData } from './homeData';

/** My App Home's coaching part: who my partner is this cycle, or the survey still waiting for me. */
export function pairsHomeSection(deps: Pick<AppDeps, 'db'>): HomeSection {
  return {
    name: 'your coaching pairs',
    // After my commitments, before circles to join.
    order: 17,
    maxBlocks: HOME_MAX_PROGRAMS + 1,
    async blocks({ teamId, userId }): Promise<KnownBlock[]> {
      return homeBlocks(await homeData(deps.db, teamId, userId));
    },
  };
}
