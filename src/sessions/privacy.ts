import { sql } from 'kysely';
import type { PersonalData } from '../privacy/personalData';
import { promptsAddedBy } from './store';

/** What a person added to sessions: agenda items (erased), prompts (kept for the circle, unsigned), warm-up turns. */
export const sessionsPersonalData: PersonalData = {
  name: 'sessions',
  async describe(db, teamId, userId) {
    const items = await db
      .selectFrom('agenda_items')
      .select('text')
      .where('team_id', '=', teamId)
      .where('author_user_id', '=', userId)
      .execute();
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
    await trx.deleteFrom('agenda_items').where('team_id', '=', teamId).where('author_user_id', '=', userId).execute();
    await trx
      .updateTable('prompts')
      .set({ created_by: alias })
      .where('team_id', '=', teamId)
      .where('created_by', '=', userId)
      .execute();
    await trx
      .updateTable('sessions')
      .set({ leader_user_id: null })
      .where('team_id', '=', teamId)
      .where('leader_user_id', '=', userId)
      .execute();
    await trx
      .updateTable('sessions')
      .set({ warmup_passed: sql`array_remove(warmup_passed, ${userId})` })
      .where('team_id', '=', teamId)
      .where(sql<boolean>`${userId} = ANY(warmup_passed)`)
      .execute();
  },
};
