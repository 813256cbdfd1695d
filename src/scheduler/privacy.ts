import type { PersonalData } from '../privacy/personalData';
import { aliasDeliveries } from './ledger';

/**
 * The delivery ledger names the people messages went to. Rows stay (they keep a message from being
 * sent twice) under the alias, in their keys and payloads too.
 */
export const ledgerPersonalData: PersonalData = {
  name: 'deliveries',
  describe: async () => [],
  async forget(trx, teamId, userId, alias) {
    await aliasDeliveries(trx, teamId, userId, alias);
  },
};
