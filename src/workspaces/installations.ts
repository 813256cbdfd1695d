import type { Installation, InstallationQuery } from '@slack/bolt';
import type { Clock } from '../core/clock';
import type { Db } from '../db/database';
import type { Sealer } from './sealing';
import {
  findEnterpriseInstallation,
  findInstallation,
  lockInstallation,
  reinstateOrgWorkspaces,
  saveEnterpriseInstallation,
  replaceEnterpriseSealed,
  replaceSealed,
  saveInstallation,
  updateSealed,
} from './store';

export type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** What the scheduler knows of a workspace's installation. */
export type TeamInstallation =
  | { state: 'installed'; installation: AnyInstallation; enterpriseId: string | null }
  | { state: 'uninstalled' }
  | { state: 'unknown' };

/** Who a sealed value belongs to, bound into it as associated data (see sealing.ts). */
const teamOwner = (teamId: string) => `team:${teamId}`;
const orgOwner = (enterpriseId: string) => `enterprise:${enterpriseId}`;

/**
 * Installations, sealed on the way in and opened on the way out; nothing outside this file sees a
 * sealed value or handles the sealing key. A value sealed with an older key (or in the older
 * format) is sealed again with the current one whenever it is read, so rotating keys needs no
 * migration. That write only replaces the very value that was read: a replica that refreshed the
 * token in between keeps its fresh token, and this read takes that one instead.
 */
export function installations(db: Db, sealer: Sealer, clock: Clock) {
  const open = (sealed: string, owner: string): AnyInstallation => JSON.parse(sealer.open(sealed, owner)) as AnyInstallation;
  /** The installation in `sealed`, or undefined when re-sealing it found the stored value changed since it was read. */
  const opened = async (
    sealed: string,
    owner: string,
    replace: (fresh: string) => Promise<boolean>,
  ): Promise<AnyInstallation | undefined> => {
    const plain = sealer.open(sealed, owner);
    if (sealer.isStale(sealed) && !(await replace(sealer.seal(plain, owner)))) return undefined;
    return JSON.parse(plain) as AnyInstallation;
  };

  async function enterprise(enterpriseId: string): Promise<AnyInstallation | null> {
    for (let attempt = 1; ; attempt++) {
      const sealed = await findEnterpriseInstallation(db, enterpriseId);
      if (!sealed) return null;
      const found = await opened(sealed, orgOwner(enterpriseId), (fresh) =>
        replaceEnterpriseSealed(db, enterpriseId, sealed, fresh, clock()),
      );
      // Changed since it was read (refreshed, reinstalled): what is stored now is current.
      if (found || attempt > 1) return found ?? open(sealed, orgOwner(enterpriseId));
    }
  }

  return {
    async save(installation: AnyInstallation): Promise<void> {
      const enterpriseId = installation.enterprise?.id ?? null;
      if (installation.isEnterpriseInstall && enterpriseId) {
        const sealed = sealer.seal(JSON.stringify(installation), orgOwner(enterpriseId));
        const before = await findEnterpriseInstallation(db, enterpriseId);
        await saveEnterpriseInstallation(db, enterpriseId, installation.enterprise?.name ?? null, sealed, clock(), !before);
        // Installed again after an org-wide uninstall: the workspaces it served are served again.
        if (!before) await reinstateOrgWorkspaces(db, enterpriseId, clock());
        return;
      }
      const teamId = installation.team?.id;
      if (!teamId) throw new Error('An installation names neither a workspace nor an org-wide install.');
      const sealed = sealer.seal(JSON.stringify(installation), teamOwner(teamId));
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
      for (let attempt = 1; ; attempt++) {
        const row = await findInstallation(db, teamId);
        if (!row) return { state: 'unknown' };
        if (row.uninstalledAt) return { state: 'uninstalled' };
        const sealed = row.sealed;
        if (sealed) {
          const found = await opened(sealed, teamOwner(teamId), (fresh) => replaceSealed(db, teamId, sealed, fresh, clock()));
          // Changed since it was read: read it again (once; a second change in a moment is left to the next read).
          if (!found && attempt === 1) continue;
          return { state: 'installed', installation: found ?? open(sealed, teamOwner(teamId)), enterpriseId: row.enterpriseId };
        }
        const org = row.enterpriseId ? await enterprise(row.enterpriseId) : null;
        return org ? { state: 'installed', installation: org, enterpriseId: row.enterpriseId } : { state: 'unknown' };
      }
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
        const current = open(row.sealed, teamOwner(teamId));
        const next = await change(current);
        if (!next) return current;
        await updateSealed(trx, teamId, sealer.seal(JSON.stringify(next), teamOwner(teamId)), clock());
        return next;
      });
    },
  };
}
export type Installations = ReturnType<typeof installations>;
