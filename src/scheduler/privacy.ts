import type { PersonalData } from '../privacy/personalData';
import { forgetRecipient } from './ledger';

/**
 * The delivery ledger names the people messages went to. Rows stay (they keep a message from being
 * sent twice), each under an alias of its own rather than the person's one alias, in their keys and
 * payloads too: nothing in the ledger ties one of the person's messages to another or to their
 * rows elsewhere. Their DM id goes.
 */
export const ledgerPersonalData: PersonalData = {
  name: 'deliveries',
  describe: async () => [],
  forget: (trx, teamId, userId) => forgetRecipient(trx, teamId, userId),
};
