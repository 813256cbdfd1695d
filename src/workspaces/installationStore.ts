import type { InstallationStore } from '@slack/bolt';
import type { Installations } from './installations';

/** Bolt's view of the installations: every replica can serve every workspace from the database. */
export function postgresInstallationStore(
  store: Installations,
  onUninstall?: (teamId: string) => Promise<void>,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      await store.save(installation);
    },
    async fetchInstallation(query) {
      const found = await store.fetch(query);
      if (!found) throw new Error(`No installation for team ${query.teamId ?? query.enterpriseId ?? '(none)'}`);
      return found;
    },
    async deleteInstallation(query) {
      if (query.teamId && onUninstall) await onUninstall(query.teamId);
    },
  };
}
