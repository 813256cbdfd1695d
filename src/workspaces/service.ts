import type { Db } from '../db/database';
import { upsertWorkspace } from './store';

/**
 * Makes sure a workspace row exists before anything refers to it. Teams seen once stay in a
 * process-local set so a request costs no extra query after the first.
 */
export function workspaceRegistry(db: Db) {
  const known = new Set<string>();
  return {
    async ensure(teamId: string, now: Date): Promise<void> {
      if (known.has(teamId)) return;
      await upsertWorkspace(db, teamId, now);
      known.add(teamId);
    },
  };
}
export type WorkspaceRegistry = ReturnType<typeof workspaceRegistry>;
