import type { Installation, InstallationQuery } from '@slack/bolt';
import type { Clock } from '../core/clock';
import type { Db } from '../db/database';
import type { Sealer } from './sealing';
import {
  findEnterpriseInstallation,
  findInstallation,
  lockInstallation,
  saveEnterpriseInstallation,
  saveInstallation,
  updateEnterpriseSealed,
  updateSealed,
} from './store';

export type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** What the scheduler knows of a workspace's installation. */
export type TeamInstallation =
  | { state: 'installed'; installation: AnyInstallation; enterpriseId: string | null }
  | { state: 'uninstalled' }
  | { state: 'unknown' };

/**
 * Installations, sealed on the way in and opened on the way out; nothing outside this file sees a
 * sealed value or handles the sealing key. A value sealed with an older key is re-sealed with the
 * current one whenever it is read, so rotating keys needs no migration.
 */
export function installations(db: Db, sealer: Sealer, clock: Clock) {
  const open = (sealed: string): AnyInstallation => JSON.parse(sealer.open(sealed)) as AnyInstallation;
  const reseal = async (sealed: string, write: (fresh: string) => Promise<void>) => {
    if (sealer.isStale(sealed)) await write(sealer.seal(sealer.open(sealed)));
  };

  async function enterprise(enterpriseId: string): Promise<AnyInstallation | null> {
    const sealed = await findEnterpriseInstallation(db, enterpriseId);
    if (!sealed) return null;
    await reseal(sealed, (fresh) => updateEnterpriseSealed(db, enterpriseId, fresh, clock()));
    return open(sealed);
  }

  return {
    async save(installation: AnyInstallation): Promise<void> {
      const sealed = sealer.seal(JSON.stringify(installation));
      const enterpriseId = installation.enterprise?.id ?? null;
      if (installation.isEnterpriseInstall && enterpriseId) {
        const before = await findEnterpriseInstallation(db, enterpriseId);
        await saveEnterpriseInstallation(db, enterpriseId, installation.enterprise?.name ?? null, sealed, clock(), !before);
        return;
      }
      const teamId = installation.team?.id;
      if (!teamId) throw new Error('An installation names neither a workspace nor an org-wide install.');
      const before = await findInstallation(db, teamId);
      const fields = { name: installation.team?.name ?? null, botUserId: installation.bot?.userId ?? null, enterpriseId, sealed };
      await saveInstallation(db, teamId, fields, clock(), !before?.sealed || before.uninstalledAt !== null);
    },

    /** As Bolt asks: a workspace's own install, or the org-wide one that serves it. */
    async fetch(query: InstallationQuery<boolean>): Promise<AnyInstallation | null> {
      if (query.isEnterpriseInstall && query.enterpriseId) return enterprise(query.enterpriseId);
      if (!query.teamId) return query.enterpriseId ? enterprise(query.enterpriseId) : null;
      const found = await this.forTeam(query.teamId);
      return found.state === 'installed' ? found.installation : null;
    },

    async forTeam(teamId: string): Promise<TeamInstallation> {
      const row = await findInstallation(db, teamId);
      if (!row) return { state: 'unknown' };
      if (row.uninstalledAt) return { state: 'uninstalled' };
      if (row.sealed) {
        await reseal(row.sealed, (fresh) => updateSealed(db, teamId, fresh, clock()));
        return { state: 'installed', installation: open(row.sealed), enterpriseId: row.enterpriseId };
      }
      const org = row.enterpriseId ? await enterprise(row.enterpriseId) : null;
      return org ? { state: 'installed', installation: org, enterpriseId: row.enterpriseId } : { state: 'unknown' };
    },

    /**
     * Runs `change` on a workspace's installation with its row locked, and stores what it returns:
     * replicas refreshing the same rotating token at once refresh it once.
     */
    async update(
      teamId: string,
      change: (current: AnyInstallation) => Promise<AnyInstallation | undefined>,
    ): Promise<AnyInstallation | null> {
      return db.transaction().execute(async (trx) => {
        const row = await lockInstallation(trx, teamId);
        if (!row?.sealed || row.uninstalledAt) return null;
        const current = open(row.sealed);
        const next = await change(current);
        if (!next) return current;
        await updateSealed(trx, teamId, sealer.seal(JSON.stringify(next)), clock());
        return next;
      });
    },
  };
}
export type Installations = ReturnType<typeof installations>;
