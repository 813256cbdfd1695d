import { assertCanManage, type CircleRow, circleById } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { type SessionRow, sessionById } from '../sessions/service';
import { day } from './checkin';
import type { CheckinEffects } from './effects';
import { ATTENDANCE_WHAT, type AttendanceRow, type Manager } from './model';
import { planLapseMessages } from './nudges';
import { takeRoster } from './records';
import { attendanceRecords, attendedAnswers, recordAttendance } from './store';

/** A facilitator's record of who came to a session, and the lapse messages it may bring. */

/** A session a facilitator records, once it has begun (not a cancelled one). */
export async function startedSession(
  db: Db,
  teamId: string,
  sessionId: number,
  now: Date,
  what: string,
): Promise<{ circle: CircleRow; session: SessionRow }> {
  const session = await sessionById(db, teamId, sessionId);
  const circle = session ? await circleById(db, teamId, session.circle_id) : undefined;
  if (!session || !circle) throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  if (session.status === 'cancelled')
    throw new AppError(ErrorCode.Conflict, `That session was cancelled, so there is no ${what} to record.`);
  if (session.starts_at > now) {
    throw new AppError(
      ErrorCode.Conflict,
      `The session of ${day(session.starts_at)} has not started yet. Come back once it has begun.`,
    );
  }
  return { circle, session };
}

/** Everyone expected at the session, ticked when present by the facilitator's record or else their check-in. */
export async function attendanceForm(db: Db, session: SessionRow, now: Date): Promise<AttendanceRow[]> {
  const roster = await takeRoster(db, session, now);
  const [records, answers] = await Promise.all([
    attendanceRecords(db, session.team_id, [session.id]),
    attendedAnswers(db, session.team_id, [session.id]),
  ]);
  return roster.map((userId) => {
    const record = records.find((r) => r.user_id === userId);
    const checkin = answers.find((a) => a.user_id === userId)?.attended;
    return { userId, present: record ? record.present : checkin !== undefined && checkin !== 'no', checkin };
  });
}

/** The facilitator's record: everyone on the list, present if ticked. Returns the messages that follow. */
export async function saveAttendance(
  db: Db,
  fx: CheckinEffects,
  circle: CircleRow,
  session: SessionRow,
  actor: Manager,
  present: ReadonlySet<string>,
  now: Date,
): Promise<{ present: number; listed: number; keys: string[] }> {
  // Whoever calls this, only the circle's facilitators and organizers record who came.
  await assertCanManage(db, circle, actor.person, actor.organizers, ATTENDANCE_WHAT);
  return db.transaction().execute(async (trx) => {
    const roster = await takeRoster(trx, session, now);
    const marks = roster.map((userId) => ({ userId, present: present.has(userId) }));
    await recordAttendance(trx, circle.team_id, session.id, marks, actor.person.userId, now);
    const absent = marks.filter((m) => !m.present).map((m) => m.userId);
    const keys = await planLapseMessages(trx, fx, circle, absent, now);
    return { present: marks.length - absent.length, listed: marks.length, keys };
  });
}
