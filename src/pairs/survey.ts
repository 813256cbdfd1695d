import {
  assertCanManage,
  type CircleRow,
  type CycleRow,
  currentCycle,
  findCycle,
  membershipOf,
  requireCircle,
} from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { PairEffects } from './effects';
import type { Manager } from './draft';
import { MATCH_WHAT, type SurveyInput } from './model';
import { isConfirmed, matchStatus, participantsOf } from './status';
import { findSurvey, pairsOfCycle, type SurveyRow, upsertSurvey } from './store';

/** The matching survey: who may answer it for which cycle, their answers, and reminders to those who have not. */

const CONFIRMED_REFUSAL = (circle: CircleRow) =>
  `Thank you! Matching for *${circle.name}* has already been confirmed for this cycle, so the survey is closed now. ` +
  'Your answers will be asked for again when the next cycle opens.';

export interface SurveyTarget {
  circle: CircleRow;
  cycle: CycleRow;
  survey: SurveyRow | undefined;
  /** The program's other active members: who can be wished for or avoided. */
  others: Set<string>;
}

/** The survey this person may answer for this cycle, or a refusal written for them. */
export async function surveyTarget(db: Db, teamId: string, cycleId: number, userId: string): Promise<SurveyTarget> {
  const cycle = await findCycle(db, teamId, cycleId);
  if (!cycle) throw new AppError(ErrorCode.NotFound, 'That coaching program no longer exists.');
  const circle = await requireCircle(db, teamId, cycle.circle_id);
  const current = await currentCycle(db, teamId, circle.id);
  if (current?.id !== cycle.id) {
    throw new AppError(
      ErrorCode.Invalid,
      `That survey was for an earlier cycle of *${circle.name}*. Look for the latest one in your DMs.`,
    );
  }
  const m = await membershipOf(db, circle, userId);
  if (!m || m.status !== 'active') {
    const why = m?.status === 'paused' ? 'you are paused' : 'you are not in it';
    throw new AppError(ErrorCode.Forbidden, `The matching survey of *${circle.name}* is for its active members, and ${why}.`);
  }
  if (await isConfirmed(db, teamId, cycle.id)) throw new AppError(ErrorCode.Conflict, CONFIRMED_REFUSAL(circle));
  const kept = (await pairsOfCycle(db, teamId, cycle.id)).find((p) => p.user_ids.includes(userId));
  if (kept) {
    const partners = kept.user_ids.filter((id) => id !== userId).map((id) => `<@${id}>`);
    throw new AppError(
      ErrorCode.Invalid,
      `You stay paired with ${partners.join(' and ')} in cycle ${cycle.number} of *${circle.name}*, as you both chose, so there is no survey to answer.`,
    );
  }
  // Only those who can be matched: active members, not facilitators, never the person answering.
  const others = new Set((await participantsOf(db, circle, ['active'])).filter((id) => id !== userId));
  return { circle, cycle, survey: await findSurvey(db, teamId, cycle.id, userId), others };
}

export async function saveSurvey(
  db: Db,
  target: SurveyTarget,
  userId: string,
  input: SurveyInput,
  now: Date,
): Promise<{ edited: boolean }> {
  return upsertSurvey(db, {
    team_id: target.circle.team_id,
    circle_id: target.circle.id,
    cycle_id: target.cycle.id,
    user_id: userId,
    goals: input.goals,
    topics: input.topics,
    stage: input.stage,
    times: input.times,
    time_zone: input.timeZone,
    wishes: input.wishes,
    avoid: input.avoid,
    submitted_at: now,
    updated_at: now,
  });
}

/** Asks those who have not answered, with a deadline; returns the reminders' keys. */
export async function remindMissing(
  db: Db,
  fx: PairEffects,
  circle: CircleRow,
  actor: Manager,
  deadline: Date,
  now: Date,
): Promise<{ keys: string[]; count: number }> {
  // Whoever calls this, only the circle's facilitators and organizers remind its members.
  await assertCanManage(db, circle, actor.person, actor.organizers, MATCH_WHAT);
  const status = await matchStatus(db, circle);
  if (status.confirmed)
    throw new AppError(ErrorCode.Conflict, `Matching for *${circle.name}* is already confirmed for this cycle.`);
  const day = deadline.toISOString().slice(0, 10);
  const keys = await fx.outbox.enqueue(
    db,
    fx.kinds.remind,
    status.missing.map((userId) => ({
      teamId: circle.team_id,
      key: `pairs-remind:${status.cycle.id}:${userId}:${day}`,
      circleId: circle.id,
      userId,
      dueAt: now,
      expiresAt: deadline,
      payload: { cycleId: status.cycle.id, deadline: deadline.toISOString() },
    })),
  );
  return { keys, count: status.missing.length };
}
