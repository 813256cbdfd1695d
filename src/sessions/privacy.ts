import type { PersonalData } from '../privacy/personalData';
import { agendaItemsBy, forgetSessionsPerson, promptsAddedBy } from './store';

/** What a person added to sessions: agenda items (erased), prompts (kept for the circle, unsigned), warm-up turns. */
export const sessionsPersonalData: PersonalData = {
  name: 'sessions',
  async describe(db, teamId, userId) {
    const items = await agendaItemsBy(db, teamId, userId);
    const prompts = await promptsAddedBy(db, teamId, userId);
    return [
      { title: 'Agenda items you added', lines: items.map((i) => i.text) },
      {
        title: 'Get-to-know-you prompts you added (they stay in the circle’s bank, unsigned)',
        lines: prompts.map((p) => `${p.circle}: ${p.text}`),
      },
    ];
  },
  async forget(trx, teamId, userId, alias) {
    await forgetSessionsPerson(trx, teamId, userId, alias);
  },
};
