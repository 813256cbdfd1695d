import type { KnownBlock } from '@slack/types';
import type { Person } from '../people/service';

/** Who the App Home is drawn for. */
export interface HomeViewer {
  teamId: string;
  userId: string;
  person: Person;
  /** Workspace admins and owners, ORGANIZERS, and people granted in the app. */
  organizer: boolean;
}

/**
 * A part of the App Home that one feature draws (my circles, my calendar link, my commitments,
 * the organizer's overview). The home shell orders the parts, keeps the whole view within Slack's
 * 100 blocks, and publishes it; no feature knows the others' parts.
 */
export interface HomeSection {
  name: string;
  /** Lower comes first. */
  order: number;
  /** The most blocks this part may take; what it returns beyond that is cut. */
  maxBlocks: number;
  blocks(viewer: HomeViewer, now: Date): Promise<KnownBlock[]>;
}
