import { activeMembersAt, activeMembersAtEach, type CircleRow } from '../circles/service';
import type { Db } from '../db/database';
import type { AttendanceCount } from '../sessions/ports';
import { recentlyHeld, type SessionRow } from '../sessions/service';
import { attendanceMark, lapse, type MarkedSession, type Streak } from './model';
import { attendanceRecords, attendedAnswers, insertRoster, rosters } from './store';

/**
 * Attendance as the app knows it, shared by the use cases and the messages: who was expected at
 * a session, who was there by the facilitator's record or their own check-in, and who has lapsed.
 */

/** Long enough that a run of missed sessions is always seen from its start, so it keeps its key. */
const LAPSE_WINDOW = 60;

/** Who held an active place when the session began (the members asked to check in), from the membership history. */
async function activeAtStart(db: Db, session: SessionRow): Promise<string[]> {
  const at = await activeMembersAt(db, session.team_id, session.circle_id, [session.starts_at]);
  return at.get(session.starts_at.getTime()) ?? [];
}

/** The session's roster, taken now as of its start if nobody took it when it began. */
export async function takeRoster(db: Db, session: SessionRow, now: Date): Promise<string[]> {
  const taken = (await rosters(db, session.team_id, [session.id])).get(session.id);
  if (taken) return taken;
  await insertRoster(db, session.team_id, session.id, await activeAtStart(db, session), now);
  return (await rosters(db, session.team_id, [session.id])).get(session.id) ?? [];
}

/**
 * Rosters for sessions that have none, each as of its start, however long ago that was: one
 * history read per circle. Returns how many were taken.
 */
export async function takeRosters(db: Db, sessions: SessionRow[], now: Date): Promise<number> {
  const expected = await expectedAtEach(db, sessions);
  let taken = 0;
  for (const s of sessions) {
    await insertRoster(db, s.team_id, s.id, expected.get(s.id) ?? [], now);
    taken++;
  }
  return taken;
}

/** The roster if taken, else who would be on it: for reading without writing (planning, rendering). */
export async function expectedAt(db: Db, session: SessionRow): Promise<string[]> {
  return (await rosters(db, session.team_id, [session.id])).get(session.id) ?? activeAtStart(db, session);
}

/** `expectedAt` for many sessions at once: rosters, and for the rest the history of their circles, a query each per workspace. */
export async function expectedAtEach(db: Db, sessions: SessionRow[]): Promise<Map<number, string[]>> {
  const expected = new Map<number, string[]>();
  const byTeam = new Map<string, SessionRow[]>();
  for (const s of sessions) byTeam.set(s.team_id, [...(byTeam.get(s.team_id) ?? []), s]);
  for (const [teamId, group] of byTeam) {
    const taken = await rosters(
      db,
      teamId,
      group.map((s) => s.id),
    );
    const wanted = new Map<number, Date[]>();
    for (const s of group) if (!taken.has(s.id)) wanted.set(s.circle_id, [...(wanted.get(s.circle_id) ?? []), s.starts_at]);
    const active = await activeMembersAtEach(db, teamId, wanted);
    for (const s of group) expected.set(s.id, taken.get(s.id) ?? active.get(s.circle_id)?.get(s.starts_at.getTime()) ?? []);
  }
  return expected;
}

interface Known {
  expected: Map<number, Set<string>>;
  facilitator: Map<string, boolean>;
  answers: Map<string, MarkedAnswer>;
}
type MarkedAnswer = 'yes' | 'part' | 'no';
const key = (sessionId: number, userId: string) => `${sessionId}:${userId}`;

async function known(db: Db, teamId: string, sessionIds: number[]): Promise<Known> {
  const [taken, records, answers] = await Promise.all([
    rosters(db, teamId, sessionIds),
    attendanceRecords(db, teamId, sessionIds),
    attendedAnswers(db, teamId, sessionIds),
  ]);
  const expected = new Map<number, Set<string>>();
  for (const id of sessionIds) {
    // Without a roster (sessions from before check-ins), whoever has a record was expected.
    const people = taken.get(id) ?? [
      ...records.filter((r) => r.session_id === id).map((r) => r.user_id),
      ...answers.filter((a) => a.session_id === id).map((a) => a.user_id),
    ];
    expected.set(id, new Set(people));
  }
  return {
    expected,
    facilitator: new Map(records.map((r) => [key(r.session_id, r.user_id), r.present])),
    answers: new Map(answers.map((a) => [key(a.session_id, a.user_id), a.attended])),
  };
}

const markOf = (k: Known, sessionId: number, userId: string) =>
  attendanceMark(
    k.expected.get(sessionId)?.has(userId) ?? false,
    k.facilitator.get(key(sessionId, userId)),
    k.answers.get(key(sessionId, userId)),
  );

/** Each person's mark at each session, the sessions in the order given. */
export async function marksFor(
  db: Db,
  teamId: string,
  sessionIds: number[],
  userIds: string[],
): Promise<Map<string, MarkedSession[]>> {
  const k = await known(db, teamId, sessionIds);
  return new Map(userIds.map((u) => [u, sessionIds.map((sessionId) => ({ sessionId, mark: markOf(k, sessionId, u) }))]));
}

/** Who is marked absent (by the facilitator, or by their own "no") at any of these sessions of one workspace. */
export async function markedAbsentAt(db: Db, teamId: string, sessionIds: number[]): Promise<Map<number, string[]>> {
  const [records, answers] = await Promise.all([
    attendanceRecords(db, teamId, sessionIds),
    attendedAnswers(db, teamId, sessionIds),
  ]);
  const out = new Map<number, Set<string>>();
  const add = (sessionId: number, userId: string) => out.set(sessionId, (out.get(sessionId) ?? new Set()).add(userId));
  for (const r of records) if (!r.present) add(r.session_id, r.user_id);
  const recorded = new Set(records.map((r) => key(r.session_id, r.user_id)));
  for (const a of answers) if (a.attended === 'no' && !recorded.has(key(a.session_id, a.user_id))) add(a.session_id, a.user_id);
  return new Map([...out].map(([id, users]) => [id, [...users]]));
}

/** Whether each person is recorded absent from one session. */
export async function recordedAbsent(db: Db, teamId: string, sessionId: number, userIds: string[]): Promise<string[]> {
  const k = await known(db, teamId, [sessionId]);
  return userIds.filter((u) => markOf(k, sessionId, u) === 'absent');
}

/** Attendance per session over whoever was expected: how many were there, of how many are known. */
export async function attendanceCounts(db: Db, teamId: string, sessionIds: number[]): Promise<Map<number, AttendanceCount>> {
  const k = await known(db, teamId, sessionIds);
  const counts = new Map<number, AttendanceCount>();
  for (const id of sessionIds) {
    let present = 0;
    let recorded = 0;
    for (const u of k.expected.get(id) ?? []) {
      const mark = markOf(k, id, u);
      if (mark === 'present') present++;
      if (mark === 'present' || mark === 'absent') recorded++;
    }
    if (recorded > 0) counts.set(id, { present, recorded });
  }
  return counts;
}

/** The people of a circle who have lapsed (missed the circle's threshold of sessions in a row), with their streak. */
export async function lapses(db: Db, circle: CircleRow, userIds: string[], now: Date): Promise<Map<string, Streak>> {
  if (userIds.length === 0) return new Map();
  const held = (await recentlyHeld(db, circle, now, LAPSE_WINDOW)).reverse();
  const marks = await marksFor(
    db,
    circle.team_id,
    held.map((s) => s.id),
    userIds,
  );
  const out = new Map<string, Streak>();
  for (const [userId, records] of marks) {
    const streak = lapse(records, circle.lapse_threshold);
    if (streak) out.set(userId, streak);
  }
  return out;
}
