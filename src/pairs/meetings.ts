import { type CircleRow, circleById, facilitatorIds } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { PairEffects } from './effects';
import { type MeetingAnswer, meetingCheckKey, secondNotYet } from './model';
import { answerBefore, findPair, meetingAnswersOfCycle, type PairRow, pairsOfCycle, saveMeeting } from './store';

/** "Did you meet?": a pair's answers, the tips and heads-up a second "not yet" brings, and the counts a report reads. */

export interface PairTarget {
  circle: CircleRow;
  pair: PairRow;
}

/** The pair a button refers to, for one of its own members only. */
export async function pairTarget(db: Db, teamId: string, pairId: number, userId: string): Promise<PairTarget> {
  const pair = await findPair(db, teamId, pairId);
  const circle = pair ? await circleById(db, teamId, pair.circle_id) : undefined;
  if (!pair || !circle || pair.status !== 'confirmed') throw new AppError(ErrorCode.NotFound, 'That pair no longer exists.');
  if (!pair.user_ids.includes(userId)) throw new AppError(ErrorCode.Forbidden, 'Only the people in this pair can answer for it.');
  return { circle, pair };
}

/** Who hears about a pair in trouble: the circle's facilitators, or whoever created it. */
export async function organizersOf(db: Db, circle: CircleRow): Promise<string[]> {
  const facilitators = await facilitatorIds(db, circle.team_id, circle.id);
  return facilitators.length ? facilitators : [circle.created_by];
}

export async function answerCheck(
  db: Db,
  fx: PairEffects,
  target: PairTarget,
  date: string,
  userId: string,
  answer: MeetingAnswer,
  now: Date,
): Promise<{ keys: string[]; secondNotYet: boolean }> {
  const { circle, pair } = target;
  // The buttons carry their date: only a date the pair was asked about can be answered.
  if (!(await fx.outbox.wasSent(db, pair.team_id, meetingCheckKey(pair.id, date)))) {
    throw new AppError(ErrorCode.Conflict, 'This button is out of date: answer the latest "Did you meet?" message.');
  }
  const organizers = await organizersOf(db, circle);
  return db.transaction().execute(async (trx) => {
    await saveMeeting(trx, pair.team_id, pair.id, date, answer, userId, now);
    if (!secondNotYet(await answerBefore(trx, pair.team_id, pair.id, date), answer)) return { keys: [], secondNotYet: false };
    const base = { teamId: pair.team_id, circleId: circle.id, dueAt: now, payload: { pairId: pair.id, date } };
    const keys = [
      ...(await fx.outbox.enqueue(trx, fx.kinds.commitmentTips, [
        { ...base, key: `pairs-commitment-tips:${pair.id}:${date}`, channelId: pair.channel_id },
      ])),
      ...(await fx.outbox.enqueue(
        trx,
        fx.kinds.headsUp,
        organizers.map((o) => ({ ...base, key: `pairs-heads-up:${pair.id}:${date}:${o}`, userId: o })),
      )),
    ];
    return { keys, secondNotYet: true };
  });
}

/**
 * How often a cycle's pairs met: the "did you meet?" checks answered, and how many said they met;
 * null before any answer. The one count of it (cycles' report reads it through the port).
 */
export async function meetingRate(db: Db, teamId: string, cycleId: number): Promise<{ met: number; planned: number } | null> {
  const rows = await meetingAnswersOfCycle(db, teamId, cycleId);
  const met = rows.filter((r) => r.answer === 'yes').length;
  return rows.length ? { met, planned: rows.length } : null;
}

/** Each pair of a cycle with its "did you meet?" answers, oldest first: what a program's report lists. */
export async function pairMeetingsOfCycle(
  db: Db,
  teamId: string,
  cycleId: number,
): Promise<Array<{ userIds: string[]; answers: Array<{ date: string; answer: MeetingAnswer }> }>> {
  const [pairs, answers] = await Promise.all([pairsOfCycle(db, teamId, cycleId), meetingAnswersOfCycle(db, teamId, cycleId)]);
  return pairs.map((p) => ({
    userIds: p.user_ids,
    answers: answers
      .filter((a) => a.pair_id === p.id)
      .map((a) => ({ date: a.check_date, answer: a.answer }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  }));
}
