import type { PersonalData } from '../privacy/personalData';
import { checkinsBy, commitmentsBy, forgetCheckinsPerson, notesWrittenBy } from './store';

/**
 * Check-ins: what was said (commitments, notes) is erased; that someone checked in, attended and
 * rated a session stays under the alias, so attendance and check-in rates still add up.
 */
export const checkinsPersonalData: PersonalData = {
  name: 'check-ins',
  async describe(db, teamId, userId) {
    const checkins = await checkinsBy(db, teamId, userId);
    const commitments = await commitmentsBy(db, teamId, userId);
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
    await forgetCheckinsPerson(trx, teamId, userId, alias);
  },
};
