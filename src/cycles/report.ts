import { randomInt } from 'node:crypto';
import { lapses, sessionRecords } from '../checkins/service';
import { type CircleRow, members } from '../circles/service';
import type { Db } from '../db/database';
import type { MembershipRow } from '../circles/service';
import { sessionsHeldInCycle } from '../sessions/service';
import { type Distribution, distribution, phaseAt } from './model';
import type { PairsPort } from './ports';
import { timesOf } from './roster';
import { type CycleRow, cyclesOf, type EvaluationRow, evaluationsOf } from './store';

/** What a cycle's report says, computed from the records: the same figures for the message, the CSV and the chart. */

export interface CycleMembers {
  cycle: CycleRow;
  active: number;
  paused: number;
  left: number;
}

export interface SessionLine {
  id: number;
  startsAt: Date;
  expected: number;
  present: number;
  /** Marked present or absent: the rest is unknown. */
  recorded: number;
  checkins: number;
  usefulness: number | null;
  /**
   * Anything recorded at all (an attendance mark or a check-in). A session without is "not
   * recorded": nobody knows who came, which is not the same as nobody came.
   */
  noted: boolean;
}

/** A member over the recorded sessions only: those not recorded say nothing about anyone. */
export interface MemberLine {
  userId: string;
  /** Recorded sessions at which they held an active place. */
  expected: number;
  /** Of those, the ones where they are marked present or absent: the attendance denominator. */
  recorded: number;
  present: number;
  checkins: number;
}

/** A coaching pair of the cycle, with its "did you meet?" answers, oldest first. */
export interface PairLine {
  userIds: string[];
  answers: Array<{ date: string; answer: 'yes' | 'not_yet' | 'stuck' }>;
}

export interface Comment {
  userId: string | null;
  mostUseful: string | null;
  toImprove: string | null;
}

export interface Report {
  circle: CircleRow;
  cycle: CycleRow;
  perCycle: CycleMembers[];
  sessions: SessionLine[];
  members: MemberLine[];
  /** Members who have missed the circle's threshold of sessions in a row. */
  lapsed: string[];
  pairMeetings: { met: number; planned: number } | null;
  /** A coaching program's pairs; null for a circle that meets. */
  pairs: PairLine[] | null;
  evaluations: EvaluationRow[];
  value: Distribution;
  keptOwn: Distribution;
  keptOthers: Distribution;
  recommend: { yes: number; no: number };
  choices: { continue: number; rematch: number; end: number };
  comments: Comment[];
  anonymous: boolean;
}

const DAY_MS = 86_400_000;

function during(m: MembershipRow, cycle: CycleRow, endsAt: Date): boolean {
  if (m.status === 'waitlisted' || (m.joined_at && m.joined_at > endsAt)) return false;
  return m.left_at === null || m.left_at >= new Date(`${cycle.start_date}T00:00:00Z`);
}

/** The cycle a report is about: the latest one that has ended, else the one running. */
export function reportedCycle(circle: CircleRow, cycles: CycleRow[], now: Date): CycleRow | undefined {
  const ended = cycles.filter((c) => phaseAt(timesOf(circle, c), now) !== 'running');
  return ended.at(-1) ?? cycles.at(-1);
}

export async function buildReport(db: Db, pairs: PairsPort, circle: CircleRow, now: Date): Promise<Report | null> {
  const cycles = await cyclesOf(db, circle.team_id, circle.id);
  const cycle = reportedCycle(circle, cycles, now);
  if (!cycle) return null;
  const everyone = await members(db, circle.team_id, circle.id, ['active', 'paused', 'left']);
  const perCycle = cycles.map((c) => {
    const { endsAt } = timesOf(circle, c);
    const start = new Date(`${c.start_date}T00:00:00Z`);
    const there = everyone.filter((m) => during(m, c, endsAt));
    return {
      cycle: c,
      active: there.filter((m) => m.status === 'active').length,
      paused: there.filter((m) => m.status === 'paused').length,
      left: there.filter(
        (m) => m.status === 'left' && m.left_at !== null && m.left_at >= start && m.left_at.getTime() < endsAt.getTime() + DAY_MS,
      ).length,
    };
  });

  const { endsAt } = timesOf(circle, cycle);
  const userIds = everyone.filter((m) => during(m, cycle, endsAt)).map((m) => m.user_id);
  const held = await sessionsHeldInCycle(db, circle.team_id, cycle.id, now);
  const { marks, checkins } = await sessionRecords(
    db,
    circle.team_id,
    held.map((s) => s.id),
    userIds,
  );
  const sessions: SessionLine[] = held.map((s, i) => {
    let expected = 0;
    let present = 0;
    let recorded = 0;
    for (const records of marks.values()) {
      const mark = records[i]?.mark;
      if (mark && mark !== 'away') expected++;
      if (mark === 'present') present++;
      if (mark === 'present' || mark === 'absent') recorded++;
    }
    const here = checkins.filter((c) => c.session_id === s.id);
    const rated = here.flatMap((c) => (c.usefulness === null ? [] : [c.usefulness]));
    return {
      id: s.id,
      startsAt: s.starts_at,
      expected,
      present,
      recorded,
      checkins: here.length,
      usefulness: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 10) / 10 : null,
      noted: recorded > 0 || here.length > 0,
    };
  });
  const noted = new Set(sessions.filter((s) => s.noted).map((s) => s.id));
  const memberLines: MemberLine[] = userIds.map((userId) => {
    const records = (marks.get(userId) ?? []).filter((r) => noted.has(r.sessionId));
    return {
      userId,
      expected: records.filter((r) => r.mark !== 'away').length,
      recorded: records.filter((r) => r.mark === 'present' || r.mark === 'absent').length,
      present: records.filter((r) => r.mark === 'present').length,
      checkins: checkins.filter((c) => c.user_id === userId).length,
    };
  });
  const stillHere = everyone.filter((m) => m.status === 'active').map((m) => m.user_id);
  const lapsed = [...(await lapses(db, circle, stillHere, now)).keys()];
  const anonymous = circle.evaluations_anonymous;
  // Submission order would tell who answered when: an anonymous circle's rows come shuffled.
  const evaluations = anonymous
    ? shuffled(await evaluationsOf(db, circle.team_id, cycle.id))
    : await evaluationsOf(db, circle.team_id, cycle.id);
  return {
    circle,
    cycle,
    perCycle,
    sessions,
    members: memberLines,
    lapsed,
    pairMeetings: circle.kind === 'pairs' ? await pairs.pairMeetingRate(circle.team_id, circle.id, cycle.id) : null,
    pairs: circle.kind === 'pairs' ? await pairs.pairMeetings(circle.team_id, circle.id, cycle.id) : null,
    evaluations,
    value: distribution(evaluations.map((e) => e.value_rating)),
    keptOwn: distribution(evaluations.map((e) => e.kept_own)),
    keptOthers: distribution(evaluations.map((e) => e.kept_others)),
    recommend: { yes: evaluations.filter((e) => e.recommend).length, no: evaluations.filter((e) => !e.recommend).length },
    choices: {
      continue: evaluations.filter((e) => e.choice === 'continue').length,
      rematch: evaluations.filter((e) => e.choice === 'rematch').length,
      end: evaluations.filter((e) => e.choice === 'end').length,
    },
    comments: anonymized(evaluations, anonymous),
    anonymous,
  };
}

function shuffled<T>(rows: readonly T[]): T[] {
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Comments with their authors, or without them and in an order that follows neither who answered when nor the ratings' rows. */
function anonymized(evaluations: EvaluationRow[], anonymous: boolean): Comment[] {
  const comments = evaluations
    .filter((e) => e.most_useful || e.to_improve)
    .map((e) => ({ userId: anonymous ? null : e.user_id, mostUseful: e.most_useful, toImprove: e.to_improve }));
  // Shuffled apart from the ratings, so a comment's place does not pair it with a row there.
  if (anonymous) return shuffled(comments);
  return comments;
}
