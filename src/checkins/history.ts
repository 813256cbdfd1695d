import type { CircleRow } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { escapeMrkdwn } from '../core/text';
import type { Db } from '../db/database';
import { recentlyHeld, sessionStarts } from '../sessions/service';
import type { CheckinCounts, MarkedSession, OwnCheckin } from './model';
import { marksFor } from './records';
import { attendedAnswers, type CheckinRow, checkinRatings, checkinsInCircle, commitmentsOfCheckin } from './store';

/**
 * A member's check-ins over time, and who may see what of them: the member all of it, the
 * facilitators attendance and counts, nobody else anything. Reports read the same records.
 */

/** A member's check-ins in a circle with their sessions' starts, the most recent session first. */
export async function checkinsWithStarts(
  db: Db,
  teamId: string,
  circleId: number,
  userId: string,
): Promise<Array<CheckinRow & { starts_at: Date }>> {
  const rows = await checkinsInCircle(db, teamId, circleId, userId);
  if (rows.length === 0) return [];
  const starts = await sessionStarts(
    db,
    teamId,
    rows.map((r) => r.session_id),
  );
  return rows
    .flatMap((r) => {
      const startsAt = starts.get(r.session_id);
      return startsAt ? [{ ...r, starts_at: startsAt }] : [];
    })
    .sort((x, y) => y.starts_at.getTime() - x.starts_at.getTime());
}

export type CheckinsView = { kind: 'own'; checkins: OwnCheckin[] } | { kind: 'counts'; counts: CheckinCounts };

const HISTORY = 12;

/**
 * A member's check-ins as `viewer` may see them: all of it for the member themselves; for a
 * facilitator or organizer (`canManage`), attendance and how often they checked in, never what
 * they wrote; for anyone else, nothing.
 */
export async function checkinsOf(
  db: Db,
  circle: CircleRow,
  viewer: { userId: string; canManage: boolean },
  memberId: string,
  now: Date,
): Promise<CheckinsView> {
  if (viewer.userId === memberId) {
    const rows = (await checkinsWithStarts(db, circle.team_id, circle.id, memberId)).slice(0, HISTORY);
    const own: OwnCheckin[] = [];
    for (const r of rows) {
      own.push({
        startsAt: r.starts_at,
        attended: r.attended,
        usefulness: r.usefulness,
        commitments: await commitmentsOfCheckin(db, circle.team_id, r.id),
      });
    }
    return { kind: 'own', checkins: own };
  }
  if (!viewer.canManage) {
    throw new AppError(
      ErrorCode.Forbidden,
      `Check-ins are private: only <@${memberId}> sees theirs, and the facilitators of *${escapeMrkdwn(circle.name)}* see attendance.`,
    );
  }
  const held = (await recentlyHeld(db, circle, now, HISTORY)).reverse();
  const marks =
    (
      await marksFor(
        db,
        circle.team_id,
        held.map((s) => s.id),
        [memberId],
      )
    ).get(memberId) ?? [];
  const answered = new Set(
    (
      await attendedAnswers(
        db,
        circle.team_id,
        held.map((s) => s.id),
      )
    )
      .filter((a) => a.user_id === memberId)
      .map((a) => a.session_id),
  );
  const expected = marks.filter((m) => m.mark !== 'away');
  return {
    kind: 'counts',
    counts: {
      expected: expected.length,
      checkedIn: expected.filter((m) => answered.has(m.sessionId)).length,
      present: expected.filter((m) => m.mark === 'present').length,
      absent: expected.filter((m) => m.mark === 'absent').length,
    },
  };
}

/**
 * What a report counts over a set of held sessions: each member's mark at each (present, absent,
 * unknown, away), and each check-in with its usefulness.
 */
export async function sessionRecords(
  db: Db,
  teamId: string,
  sessionIds: number[],
  userIds: string[],
): Promise<{
  marks: Map<string, MarkedSession[]>;
  checkins: Array<{ session_id: number; user_id: string; usefulness: number | null }>;
}> {
  const [marks, checkins] = await Promise.all([
    marksFor(db, teamId, sessionIds, userIds),
    checkinRatings(db, teamId, sessionIds),
  ]);
  return { marks, checkins };
}
