import { createHash } from 'node:crypto';
import { type CircleRow, circleById, facilitatorIds, membershipOf, membershipsOf } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { Outbox } from '../scheduler/outbox';
import { slackDate } from '../slack/blocks';
import { latestHeld, recentlyHeld, type SessionRow, sessionById } from '../sessions/service';
import type { AttendanceRow, CheckinCounts, CheckinForm, OwnCheckin, PendingCheckin } from './blocks';
import type { CheckinKinds } from './deliveries';
import { type CheckinInput, headsUpKey, lapseKey, type MarkedSession, MAX_REVIEWED } from './model';
import { attendanceCounts, expectedAt, lapses, marksFor, recordedAbsent, takeRoster } from './records';
import {
  attendedAnswers,
  attendanceRecords,
  type CheckinRow,
  checkinRatings,
  checkinsOfMember,
  type CommitmentRow,
  commitmentsBefore,
  commitmentsOfCheckin,
  deleteCommitments,
  findCheckin,
  findCommitment,
  findNotes,
  insertCommitment,
  openCommitmentsOf,
  previousCheckin,
  recordAttendance,
  setOutcome,
  updateCommitmentText,
  upsertCheckin,
  upsertNotes,
} from './store';
import { escapeMrkdwn } from '../core/text';

/** What the check-in use cases write besides the database: the messages that follow them. */
export interface CheckinEffects {
  outbox: Outbox;
  kinds: CheckinKinds;
}

/**
 * What people do with check-ins, without Slack: who may, which session, what is stored, and which
 * messages follow. Privacy is kept here: commitments, ratings and notes are read only for their
 * author (and a note for the facilitators it is addressed to); everyone else gets counts.
 */

const day = (at: Date) => slackDate(at, '{date_short_pretty}');

// ---------------------------------------------------------------------------------------------
// Which session

/**
 * The session a person may check in for, or why not: it must have taken place (ended, not
 * cancelled), be the circle's latest, and they must have held a place when it began.
 */
export async function checkinTarget(
  db: Db,
  teamId: string,
  sessionId: number,
  userId: string,
  now: Date,
): Promise<{ circle: CircleRow; session: SessionRow }> {
  const session = await sessionById(db, teamId, sessionId);
  const circle = session ? await circleById(db, teamId, session.circle_id) : undefined;
  if (!session || !circle) throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  if (session.status === 'cancelled') {
    throw new AppError(
      ErrorCode.Conflict,
      `The *${escapeMrkdwn(circle.name)}* session of ${day(session.starts_at)} was cancelled, so there is nothing to check in for.`,
    );
  }
  if (session.ends_at > now) {
    throw new AppError(
      ErrorCode.Conflict,
      `The *${escapeMrkdwn(circle.name)}* session of ${day(session.starts_at)} has not finished yet. Check in once it is over.`,
    );
  }
  const latest = await latestHeld(db, circle, now);
  if (latest && latest.id !== session.id) {
    throw new AppError(
      ErrorCode.Conflict,
      `*${escapeMrkdwn(circle.name)}* has met again since then (${day(latest.starts_at)}), so that check-in is closed. Please check in for the newer session instead: \`/circle checkin ${circle.name}\`.`,
    );
  }
  const roster = await takeRoster(db, session, now);
  if (!roster.includes(userId)) {
    throw new AppError(
      ErrorCode.Forbidden,
      `You did not hold an active place in *${escapeMrkdwn(circle.name)}* when the session of ${day(session.starts_at)} took place, so there is no check-in for you there.`,
    );
  }
  return { circle, session };
}

/** The latest session of a circle to check in for, or why there is none. */
export async function latestToCheckIn(db: Db, circle: CircleRow, userId: string, now: Date): Promise<SessionRow> {
  if (circle.kind !== 'group') {
    throw new AppError(
      ErrorCode.NotFound,
      `*${escapeMrkdwn(circle.name)}* is a coaching program: its pairs meet on their own, without circle check-ins.`,
    );
  }
  const latest = await latestHeld(db, circle, now);
  if (!latest) {
    throw new AppError(
      ErrorCode.NotFound,
      `*${escapeMrkdwn(circle.name)}* has not met yet. After each session I'll send you a DM to check in.`,
    );
  }
  return (await checkinTarget(db, circle.team_id, latest.id, userId, now)).session;
}

// ---------------------------------------------------------------------------------------------
// Checking in

/** Last time's commitments (and older ones still open) that this check-in asks about. */
async function toReview(db: Db, session: SessionRow, userId: string): Promise<CommitmentRow[]> {
  const previous = await previousCheckin(db, session.team_id, session.circle_id, userId, session.starts_at);
  return commitmentsBefore(db, session.team_id, session.circle_id, userId, session.starts_at, {
    ...(previous ? { alsoFromCheckin: previous.id } : {}),
    reviewedAt: session.id,
    limit: MAX_REVIEWED,
  });
}

/** What the check-in modal shows a member: their own answers so far, and their own commitments. */
export async function checkinForm(db: Db, session: SessionRow, userId: string): Promise<CheckinForm> {
  const existing = await findCheckin(db, session.team_id, session.id, userId);
  const mine = existing ? await commitmentsOfCheckin(db, session.team_id, existing.id) : [];
  return { existing, mine, review: await toReview(db, session, userId) };
}

/** The commitment ids a submission may report on: the ones the form asks about. */
export async function reviewableIds(db: Db, session: SessionRow, userId: string): Promise<Set<number>> {
  return new Set((await toReview(db, session, userId)).map((c) => c.id));
}

export interface SavedCheckin {
  checkin: CheckinRow;
  edited: boolean;
  commitments: number;
  /** Messages that follow (a note to the facilitators, a lapse nudge), to send right away. */
  keys: string[];
}

/** Stores a check-in, or replaces the member's earlier one for the same session. */
export async function saveCheckin(
  db: Db,
  fx: CheckinEffects,
  teamId: string,
  sessionId: number,
  userId: string,
  input: CheckinInput,
  now: Date,
): Promise<SavedCheckin> {
  return db.transaction().execute(async (trx) => {
    const { circle, session } = await checkinTarget(trx, teamId, sessionId, userId, now);
    const reviewable = await reviewableIds(trx, session, userId);
    for (const id of input.progress.keys()) {
      if (!reviewable.has(id)) throw new AppError(ErrorCode.Invalid, 'This form is out of date. Close it and check in again.');
    }
    const before = await findCheckin(trx, teamId, session.id, userId);
    const checkin = await upsertCheckin(trx, {
      team_id: teamId,
      circle_id: circle.id,
      session_id: session.id,
      user_id: userId,
      attended: input.attended,
      usefulness: input.usefulness,
      note: input.note,
      submitted_at: now,
      updated_at: now,
    });

    const existing = await commitmentsOfCheckin(trx, teamId, checkin.id);
    const gone = existing.filter((c) => !input.commitments.some((n) => n.position === c.position));
    await deleteCommitments(
      trx,
      teamId,
      gone.map((c) => c.id),
    );
    for (const n of input.commitments) {
      const current = existing.find((c) => c.position === n.position);
      if (!current) {
        await insertCommitment(trx, {
          team_id: teamId,
          circle_id: circle.id,
          checkin_id: checkin.id,
          session_id: session.id,
          user_id: userId,
          position: n.position,
          text: n.text,
          outcome: null,
          outcome_at: null,
          reviewed_session_id: null,
          created_at: now,
          updated_at: now,
        });
      } else if (current.text !== n.text) {
        await updateCommitmentText(trx, teamId, current.id, n.text, now);
      }
    }
    for (const [id, outcome] of input.progress) await setOutcome(trx, teamId, userId, id, outcome, session.id, now);

    const keys: string[] = [];
    if (checkin.note && checkin.note !== before?.note) keys.push(...(await planNote(trx, fx, circle, session, checkin, now)));
    if (input.attended === 'no') keys.push(...(await planLapseMessages(trx, fx, circle, [userId], now)));
    return { checkin, edited: before !== undefined, commitments: input.commitments.length, keys };
  });
}

/** The member's note, to each facilitator; a changed note is a new message, the same one is not. */
async function planNote(
  db: Db,
  fx: CheckinEffects,
  circle: CircleRow,
  session: SessionRow,
  checkin: CheckinRow,
  now: Date,
): Promise<string[]> {
  const version = createHash('sha256')
    .update(checkin.note ?? '')
    .digest('hex')
    .slice(0, 12);
  const to = (await facilitatorIds(db, circle.team_id, circle.id)).filter((f) => f !== checkin.user_id);
  return fx.outbox.enqueue(
    db,
    fx.kinds.note,
    to.map((facilitator) => ({
      teamId: circle.team_id,
      key: `checkin-note:${checkin.id}:${facilitator}:${version}`,
      circleId: circle.id,
      sessionId: session.id,
      userId: facilitator,
      dueAt: now,
      payload: { checkinId: checkin.id },
    })),
  );
}

/**
 * After attendance changes: a member who has now missed the circle's threshold of sessions in a
 * row gets one kind DM, and each facilitator one heads-up. Keyed by the run's first session, so a
 * run is told once however often attendance is saved.
 */
async function planLapseMessages(db: Db, fx: CheckinEffects, circle: CircleRow, userIds: string[], now: Date): Promise<string[]> {
  const lapsed = await lapses(db, circle, userIds, now);
  if (lapsed.size === 0) return [];
  const facilitators = await facilitatorIds(db, circle.team_id, circle.id);
  const keys: string[] = [];
  for (const [userId, streak] of lapsed) {
    const m = await membershipOf(db, circle, userId);
    if (m?.status !== 'active') continue;
    const about = { teamId: circle.team_id, circleId: circle.id, dueAt: now };
    keys.push(
      ...(await fx.outbox.enqueue(db, fx.kinds.nudge, [
        {
          ...about,
          key: lapseKey(circle.id, userId, streak.firstSessionId),
          userId,
          payload: { firstSessionId: streak.firstSessionId },
        },
      ])),
      ...(await fx.outbox.enqueue(
        db,
        fx.kinds.headsUp,
        facilitators
          .filter((f) => f !== userId)
          .map((f) => ({
            ...about,
            key: headsUpKey(circle.id, userId, streak.firstSessionId, f),
            userId: f,
            payload: { memberId: userId, firstSessionId: streak.firstSessionId },
          })),
      )),
    );
  }
  return keys;
}

/** Marks one of the person's own commitments done (from the App Home). */
export async function markCommitmentDone(
  db: Db,
  teamId: string,
  userId: string,
  commitmentId: number,
  now: Date,
): Promise<CommitmentRow> {
  const commitment = await findCommitment(db, teamId, commitmentId);
  // Someone else's commitment is answered exactly like a missing one: its existence is private too.
  if (!commitment || commitment.user_id !== userId) throw new AppError(ErrorCode.NotFound, 'That commitment is no longer there.');
  if (commitment.outcome === 'done') throw new AppError(ErrorCode.Conflict, 'That commitment is already marked done.');
  await setOutcome(db, teamId, userId, commitment.id, 'done', null, now);
  return { ...commitment, outcome: 'done', outcome_at: now };
}

// ---------------------------------------------------------------------------------------------
// Facilitators: attendance and notes

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
  recordedBy: string,
  present: ReadonlySet<string>,
  now: Date,
): Promise<{ present: number; listed: number; keys: string[] }> {
  return db.transaction().execute(async (trx) => {
    const roster = await takeRoster(trx, session, now);
    const marks = roster.map((userId) => ({ userId, present: present.has(userId) }));
    await recordAttendance(trx, circle.team_id, session.id, marks, recordedBy, now);
    const absent = marks.filter((m) => !m.present).map((m) => m.userId);
    const keys = await planLapseMessages(trx, fx, circle, absent, now);
    return { present: marks.length - absent.length, listed: marks.length, keys };
  });
}

export interface SharedNotes {
  /** Where the notes already are, to edit in place; null when they are posted now for the first time. */
  posted: { channel: string; ts: string } | null;
  absentTold: number;
  /** The post in the thread, then the links to it: flushed in that order, so the links can point at the post. */
  keys: { post: string[]; tell: string[] };
}

/** Stores a session's notes; the first time, plans their post in the thread and a link to each member recorded absent. */
export async function shareNotes(
  db: Db,
  fx: CheckinEffects,
  circle: CircleRow,
  session: SessionRow,
  authorId: string,
  text: string,
  now: Date,
): Promise<SharedNotes> {
  return db.transaction().execute(async (trx) => {
    const notes = await upsertNotes(trx, circle.team_id, session.id, text, authorId, now);
    if (notes.channel_id && notes.ts) {
      return { posted: { channel: notes.channel_id, ts: notes.ts }, absentTold: 0, keys: { post: [], tell: [] } };
    }
    const base = { teamId: circle.team_id, circleId: circle.id, sessionId: session.id, dueAt: now, payload: {} };
    const post = await fx.outbox.enqueue(trx, fx.kinds.notes, [{ ...base, key: `notes:${session.id}` }]);
    const absent = await recordedAbsent(trx, circle.team_id, session.id, await takeRoster(trx, session, now));
    const tell = await fx.outbox.enqueue(
      trx,
      fx.kinds.notesAbsent,
      absent.map((userId) => ({ ...base, key: `notes-absent:${session.id}:${userId}`, userId })),
    );
    return { posted: null, absentTold: absent.length, keys: { post, tell } };
  });
}

export async function notesOf(db: Db, session: SessionRow): Promise<string | undefined> {
  return (await findNotes(db, session.team_id, session.id))?.text;
}

// ---------------------------------------------------------------------------------------------
// Who may see what

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
    const rows = await checkinsOfMember(db, circle.team_id, circle.id, memberId, HISTORY);
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

export { attendanceCounts, lapses };

// ---------------------------------------------------------------------------------------------
// What reminders and the App Home show

/** The reader's own commitments still open before a session: for its reminder. */
export async function openBefore(db: Db, session: SessionRow, userId: string): Promise<CommitmentRow[]> {
  return commitmentsBefore(db, session.team_id, session.circle_id, userId, session.starts_at, { limit: MAX_REVIEWED });
}

const HOME_OPEN = 20;

export async function homeData(
  db: Db,
  teamId: string,
  userId: string,
  now: Date,
): Promise<{ open: Array<{ commitment: CommitmentRow; circleName: string }>; pending: PendingCheckin[] }> {
  const memberships = await membershipsOf(db, teamId, userId);
  const names = new Map(memberships.map((m) => [m.circle_id, m.circle.name]));
  const open = (await openCommitmentsOf(db, teamId, userId, HOME_OPEN))
    .filter((c) => names.has(c.circle_id))
    .map((commitment) => ({ commitment, circleName: names.get(commitment.circle_id)! }));
  const pending: PendingCheckin[] = [];
  for (const m of memberships) {
    if (m.status !== 'active' || m.circle.kind !== 'group') continue;
    const latest = await latestHeld(db, m.circle, now);
    if (!latest || (await findCheckin(db, teamId, latest.id, userId))) continue;
    // Only a session they were expected at (the roster is taken when a session begins).
    if (!(await expectedAt(db, latest)).includes(userId)) continue;
    pending.push({ circle: m.circle, session: latest });
  }
  return { open, pending };
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
