import type { KnownBlock } from '@slack/types';
import type { AppDeps } from '../app/deps';
import type { HomeSection } from '../home/sections';
import { memberHomeBlocks, organizerHomeBlocks } from './blocks';
import { myPrograms, organizerPrograms } from './service';

const ORGANIZER_MAX_BLOCKS = 8;
const MEMBER_MAX_BLOCKS = 4;

/** The organizer's programs (with counts, Edit and New program), and each person's own intakes. */
export function programHomeSections(deps: Pick<AppDeps, 'db'>): HomeSection[] {
  return [
    {
      name: 'your programs',
      // Beside my coaching pairs.
      order: 18,
      maxBlocks: MEMBER_MAX_BLOCKS,
      async blocks({ teamId, userId }): Promise<KnownBlock[]> {
        return memberHomeBlocks(await myPrograms(deps.db, teamId, userId), MEMBER_MAX_BLOCKS);
      },
    },
    {
      name: 'programs you run',
      // With the organizer's view.
      order: 85,
      maxBlocks: ORGANIZER_MAX_BLOCKS,
      async blocks({ teamId, organizer }): Promise<KnownBlock[]> {
        if (!organizer) return [];
        return organizerHomeBlocks(await organizerPrograms(deps.db, teamId), ORGANIZER_MAX_BLOCKS);
      },
    },
  ];
}
