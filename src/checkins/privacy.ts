import { sql } from 'kysely';
import type { PersonalData } from '../privacy/personalData';
import { notesWrittenBy } from './store';

/**
 * Check-ins: what was said (commitments, notes) is erased; that someone checked in, attended and
 * rated a session stays under the alias, so attendance and check-in rates still add up.
 */
export const checkinsPersonalData: PersonalData = {
  name: 'check-ins',
  async describe(db, teamId, userId) {
    const checkins = await db
      .selectFrom('checkins')
      .select(['attended', 'usefulness', 'note', 'submitted_at'])
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .orderBy('submitted_at')
      .execute();
    const commitments = await db
      .selectFrom('commitments')
      .select(['text', 'outcome'])
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    return [
      {
        title: 'Check-ins',
        lines: checkins.map(
          (c) =>
            `${c.submitted_at.toISOString().slice(0, 10)}: attended ${c.attended}${c.usefulness ? `, usefulness ${c.usefulness}/5` : ''}${c.note ? `, note: ${c.note}` : ''}`,
        ),
      },
      { title: 'Commitments', lines: commitments.map((c) => `${c.text}${c.outcome ? ` (${c.outcome.replace('_', ' ')})` : ''}`) },
      {
        title: 'Session notes you shared (they stay with the circle, unsigned)',
        lines: (await notesWrittenBy(db, teamId, userId)).map(
          (n) => `${n.circle}, ${n.starts_at.toISOString().slice(0, 10)}: ${n.text}`,
        ),
      },
    ];
  },
  async forget(trx, teamId, userId, alias) {
    await trx.deleteFrom('commitments').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    await trx
      .updateTable('checkins')
      .set({ user_id: alias, note: null })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .execute();
    await trx
      .updateTable('attendance')
      .set({ user_id: alias })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .execute();
    await trx
      .updateTable('attendance')
      .set({ recorded_by: alias })
      .where('team_id', '=', teamId)
      .where('recorded_by', '=', userId)
      .execute();
    await trx
      .updateTable('session_rosters')
      .set({ user_ids: sql`array_replace(user_ids, ${userId}, ${alias})` })
      .where('team_id', '=', teamId)
      .where(sql<boolean>`${userId} = ANY(user_ids)`)
      .execute();
    await trx
      .updateTable('session_notes')
      .set({ author_id: alias })
      .where('team_id', '=', teamId)
      .where('author_id', '=', userId)
      .execute();
  },
};
