import { circlesByIds } from '../circles/service';
import type { Db } from '../db/database';
import type { PersonalData } from '../privacy/personalData';
import { sessionsOf } from '../sessions/service';
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
        lines: await notesLines(db, teamId, userId),
      },
    ];
  },
  async forget(trx, teamId, userId, alias) {
    await forgetCheckinsPerson(trx, teamId, userId, alias);
  },
};

/** Each note the person shared, by its session's circle and date, oldest first. */
async function notesLines(db: Db, teamId: string, userId: string): Promise<string[]> {
  const notes = await notesWrittenBy(db, teamId, userId);
  if (notes.length === 0) return [];
  const sessions = new Map(
    (
      await sessionsOf(
        db,
        teamId,
        notes.map((n) => n.session_id),
      )
    ).map((s) => [s.id, s]),
  );
  const circles = await circlesByIds(db, teamId, [...new Set([...sessions.values()].map((s) => s.circle_id))]);
  return notes
    .flatMap((n) => {
      const session = sessions.get(n.session_id);
      const circle = session && circles.get(session.circle_id);
      return session && circle
        ? [{ at: session.starts_at, line: `${circle.name}, ${session.starts_at.toISOString().slice(0, 10)}: ${n.text}` }]
        : [];
    })
    .sort((x, y) => x.at.getTime() - y.at.getTime())
    .map((n) => n.line);
}
