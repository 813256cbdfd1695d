import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../core/clock';
import type { Db } from '../db/database';
import { clearInstallation, findInstallation, saveInstallation } from './store';

/** OAuth installations live on the workspace row, so every replica can serve every team. */
export function postgresInstallationStore(db: Db, clock: Clock): InstallationStore {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      const teamId = installation.team?.id;
      if (!teamId) throw new Error('Org-wide (Enterprise Grid) installs are not supported: install to a workspace.');
      await saveInstallation(
        db,
        teamId,
        installation.team?.name ?? null,
        installation.bot?.userId ?? null,
        installation,
        clock(),
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
      const stored = query.teamId ? await findInstallation(db, query.teamId) : null;
      if (!stored) throw new Error(`No installation for team ${query.teamId ?? '(none)'}`);
      return stored as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      if (query.teamId) await clearInstallation(db, query.teamId, clock());
    },
  };
}
