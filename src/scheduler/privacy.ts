import { sql } from 'kysely';
import type { PersonalData } from '../privacy/personalData';

/**
 * The delivery ledger names the people messages went to. Rows stay (they keep a message from being
 * sent twice) under the alias, in their keys and payloads too.
 */
export const ledgerPersonalData: PersonalData = {
  name: 'deliveries',
  describe: async () => [],
  async forget(trx, teamId, userId, alias) {
    await trx
      .updateTable('deliveries')
      .set({
        user_id: sql`replace(user_id, ${userId}, ${alias})`,
        key: sql`replace(key, ${userId}, ${alias})`,
        payload: sql`replace(payload::text, ${userId}, ${alias})::jsonb`,
        last_error: sql`replace(last_error, ${userId}, ${alias})`,
      })
      .where('team_id', '=', teamId)
      .where((eb) =>
        eb.or([eb('user_id', '=', userId), eb('key', 'like', `%${userId}%`), eb(sql`payload::text`, 'like', `%${userId}%`)]),
      )
      .execute();
  },
};
