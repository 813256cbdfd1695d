import type { PersonalData } from '../privacy/personalData';
import { deleteUser, findUser, insertAliasUser } from './store';

/**
 * The person's own record (name, zone, roles, calendar link). Erasure runs in two steps around the
 * features': the alias's placeholder row comes first (memberships point at people), the person's
 * row goes last.
 */
export const personAlias: PersonalData = {
  name: 'people (alias)',
  describe: async () => [],
  async forget(trx, teamId, _userId, alias) {
    await insertAliasUser(trx, teamId, alias);
  },
};

export const personRecord: PersonalData = {
  name: 'people',
  async describe(db, teamId, userId) {
    const u = await findUser(db, teamId, userId);
    if (!u) return [];
    return [
      {
        title: 'Your profile (copied from Slack)',
        lines: [
          `Name: ${u.display_name || '(none)'}`,
          `Time zone: ${u.time_zone ?? '(unknown)'}`,
          ...(u.calendar_token_hash ? ['A private calendar link'] : []),
          ...(u.is_organizer ? ['Named an organizer in the app'] : []),
        ],
      },
    ];
  },
  async forget(trx, teamId, userId) {
    await deleteUser(trx, teamId, userId);
  },
};
