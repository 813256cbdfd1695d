import type { CircleHooks } from '../circles/hooks';
import { leaveCircle, type MembershipEffects } from '../circles/membership/service';
import { type CircleRow, circleById, currentCycle, membershipOf, members } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/types';
import type { Outbox } from '../scheduler/outbox';
import { slackDate } from '../slack/blocks';
import { zoneOfStoredCadence } from '../time/cadence';
import { todayIn } from '../time/zonedTime';
import type { CycleKinds } from './deliveries';
import {
  type CycleChoice,
  type CycleTimes,
  type EvaluationInput,
  nextCycleDates,
  pairsToKeep,
  phaseAt,
  planRollover,
  type RolloverPlan,
  STAY_ANSWER_DAYS,
} from './model';
import type { PairsPort } from './ports';
import { invitees, timesOf } from './roster';
import {
  answerStay,
  autoContinuing,
  claimRollover,
  type CycleRow,
  cyclesOf,
  type EvaluationRow,
  evaluationsOf,
  findCycle,
  findEvaluation,
  findStay,
  insertCycle,
  insertStays,
  unansweredStays,
  upsertEvaluation,
} from './store';

export type { CycleRow, EvaluationRow };
export { invitees, timesOf };

/** What the cycle use cases reach besides the database: messages, membership changes, sessions and pairs. */
export interface CycleEffects {
  outbox: Outbox;
  kinds: CycleKinds;
  membership: MembershipEffects;
  pairs: PairsPort;
  /** Regenerates a circle's sessions (for the new cycle). */
  settingsSaved: CircleHooks['settingsSaved'];
}

const DAY_MS = 86_400_000;
const day = (at: Date) => slackDate(at, '{date_long_pretty}');

export async function cycleWithCircle(db: Db, teamId: string, cycleId: number): Promise<{ circle: CircleRow; cycle: CycleRow }> {
  const cycle = Number.isSafeInteger(cycleId) ? await findCycle(db, teamId, cycleId) : undefined;
  const circle = cycle ? await circleById(db, teamId, cycle.circle_id) : undefined;
  if (!cycle || !circle) throw new AppError(ErrorCode.NotFound, 'That cycle no longer exists.');
  return { circle, cycle };
}

export async function cycleById(db: Db, teamId: string, cycleId: number): Promise<CycleRow | undefined> {
  return findCycle(db, teamId, cycleId);
}

export async function cyclesOfCircle(db: Db, circle: CircleRow): Promise<CycleRow[]> {
  return cyclesOf(db, circle.team_id, circle.id);
}

/** Whether this person may evaluate the cycle: they held a place at its end (and have not left since). */
async function tookPart(db: Db, circle: CircleRow, times: CycleTimes, userId: string): Promise<boolean> {
  const m = await membershipOf(db, circle, userId);
  if (!m || m.status === 'waitlisted') return false;
  if (m.joined_at && m.joined_at > times.endsAt) return false;
  return m.status !== 'left' || (m.left_at !== null && m.left_at >= times.endsAt);
}

export interface EvaluationTarget {
  circle: CircleRow;
  cycle: CycleRow;
  times: CycleTimes;
  existing: EvaluationRow | undefined;
}

/** The cycle a person evaluates, or a message saying why they cannot (not theirs, not over yet, closed). */
export async function evaluationTarget(
  db: Db,
  teamId: string,
  cycleId: number,
  userId: string,
  now: Date,
): Promise<EvaluationTarget> {
  const { circle, cycle } = await cycleWithCircle(db, teamId, cycleId);
  const times = timesOf(circle, cycle);
  if (!(await tookPart(db, circle, times, userId)))
    throw new AppError(ErrorCode.Forbidden, `Only the members of *${circle.name}* in cycle ${cycle.number} evaluate it.`);
  const phase = phaseAt(times, now);
  if (phase === 'running')
    throw new AppError(
      ErrorCode.Invalid,
      `Cycle ${cycle.number} of *${circle.name}* is still running. Its evaluation opens: ${day(times.endsAt)}.`,
    );
  if (phase === 'closed')
    throw new AppError(
      ErrorCode.Invalid,
      `The evaluation of cycle ${cycle.number} of *${circle.name}* closed (${day(times.closesAt)}), so answers can no longer be given or changed. Thank you all the same!`,
    );
  return { circle, cycle, times, existing: await findEvaluation(db, teamId, cycle.id, userId) };
}

export async function saveEvaluation(
  db: Db,
  target: EvaluationTarget,
  userId: string,
  input: EvaluationInput,
  now: Date,
): Promise<{ edited: boolean }> {
  await upsertEvaluation(db, {
    team_id: target.cycle.team_id,
    circle_id: target.circle.id,
    cycle_id: target.cycle.id,
    user_id: userId,
    value_rating: input.value,
    kept_own: input.keptOwn,
    kept_others: input.keptOthers,
    most_useful: input.mostUseful,
    to_improve: input.toImprove,
    recommend: input.recommend,
    choice: input.choice,
    submitted_at: target.existing?.submitted_at ?? now,
    updated_at: now,
  });
  return { edited: target.existing !== undefined };
}

export async function hasEvaluated(db: Db, teamId: string, cycleId: number, userId: string): Promise<boolean> {
  return (await findEvaluation(db, teamId, cycleId, userId)) !== undefined;
}

export async function evaluationsOfCycle(db: Db, teamId: string, cycleId: number): Promise<EvaluationRow[]> {
  return evaluationsOf(db, teamId, cycleId);
}

// ---------------------------------------------------------------------------------------------
// Rollover

export interface Rollover {
  from: CycleRow;
  next: CycleRow;
  plan: RolloverPlan;
  keptPairs: string[][];
  keys: string[];
}

/**
 * Opens the circle's next cycle once the current one has ended: members who chose continue stay,
 * those who chose end leave with thanks, rematch requests go to the next matching (another circle,
 * for a group), pairs who both chose continue stay paired, and those who said nothing are asked once.
 * The new cycle's sessions are generated. Claimed in one transaction, so it happens once.
 */
export async function rollover(db: Db, fx: CycleEffects, circle: CircleRow, now: Date): Promise<Rollover> {
  const from = await currentCycle(db, circle.team_id, circle.id);
  if (!from)
    throw new AppError(ErrorCode.Invalid, `*${circle.name}* has no cycle to close. Set its dates with \`/circle edit\`.`);
  const times = timesOf(circle, from);
  if (phaseAt(times, now) === 'running')
    throw new AppError(
      ErrorCode.Invalid,
      `Cycle ${from.number} of *${circle.name}* runs until ${day(new Date(times.endsAt.getTime() - DAY_MS))}; the next one can be opened once it has ended. Nothing was changed.`,
    );
  const choices = new Map<string, CycleChoice>();
  for (const e of await evaluationsOf(db, circle.team_id, from.id)) if (e.user_id) choices.set(e.user_id, e.choice);
  const held = await members(db, circle.team_id, circle.id, ['active', 'paused']);
  const plan = planRollover(
    held.map((m) => m.user_id),
    choices,
  );
  const pairsProgram = circle.kind === 'pairs';
  // In a pairs program a rematch stays in the program; in a group it means another circle.
  const leaving: Array<{ u: string; reason: 'end' | 'rematch' }> = plan.leave.map((u) => ({ u, reason: 'end' }));
  if (!pairsProgram) leaving.push(...plan.rematch.map((u) => ({ u, reason: 'rematch' as const })));
  const today = todayIn(now, zoneOfStoredCadence(circle.cadence));

  const { next, keys } = await db.transaction().execute(async (trx) => {
    if (!(await claimRollover(trx, circle.team_id, from.id, now)))
      throw new AppError(ErrorCode.Conflict, `The next cycle of *${circle.name}* is already open. Nothing was changed.`);
    const next = await insertCycle(trx, {
      team_id: circle.team_id,
      circle_id: circle.id,
      number: from.number + 1,
      ...nextCycleDates(from, today),
    });
    await insertStays(
      trx,
      plan.silent.map((u) => ({ team_id: circle.team_id, circle_id: circle.id, cycle_id: next.id, user_id: u, asked_at: now })),
    );
    const keys = [
      ...(await fx.outbox.enqueue(
        trx,
        fx.kinds.stayAsk,
        plan.silent.map((u) => ({
          teamId: circle.team_id,
          key: `cycle-stay:${next.id}:${u}`,
          circleId: circle.id,
          userId: u,
          dueAt: now,
          payload: { cycleId: next.id },
        })),
      )),
      ...(await fx.outbox.enqueue(
        trx,
        fx.kinds.farewell,
        leaving.map(({ u, reason }) => ({
          teamId: circle.team_id,
          key: `cycle-farewell:${from.id}:${u}`,
          circleId: circle.id,
          userId: u,
          dueAt: now,
          payload: { reason },
        })),
      )),
    ];
    // In the same transaction: a crash can leave the cycle unopened, never opened with leavers still in.
    for (const { u } of leaving) keys.push(...(await leaveIfThere(trx, fx, circle, u, now)));
    return { next, keys };
  });

  await fx.settingsSaved(circle.team_id, circle.id, now);
  let keptPairs: string[][] = [];
  if (pairsProgram) {
    keptPairs = pairsToKeep(await fx.pairs.currentPairs(circle.team_id, circle.id, from.id), choices);
    await fx.pairs.keepPairs(circle.team_id, circle.id, from.id, next.id, keptPairs);
    const kept = new Set(keptPairs.flat());
    // Those who chose continue but whose partner did not are matched again, like a rematch.
    const rematch = [...plan.rematch, ...plan.stay.filter((u) => !kept.has(u))];
    await fx.pairs.requestRematch(circle.team_id, circle.id, next.id, rematch);
  }
  return { from, next, plan, keptPairs, keys };
}

async function leaveIfThere(
  db: Db | Transaction<Database>,
  fx: CycleEffects,
  circle: CircleRow,
  userId: string,
  now: Date,
): Promise<string[]> {
  const m = await membershipOf(db, circle, userId);
  if (!m || m.status === 'left') return [];
  return (await leaveCircle(db, fx.membership, circle.team_id, circle.id, userId, now)).keys;
}

/** A silent member's answer to "do you want to keep your place?", given once. */
export async function answerStayQuestion(
  db: Db,
  fx: CycleEffects,
  teamId: string,
  cycleId: number,
  userId: string,
  answer: 'stay' | 'leave',
  now: Date,
): Promise<{ circle: CircleRow; keys: string[] }> {
  const { circle } = await cycleWithCircle(db, teamId, cycleId);
  const stay = await findStay(db, teamId, cycleId, userId);
  if (!stay) throw new AppError(ErrorCode.NotFound, `That question was not for you. \`/circle list\` shows your circles.`);
  if (stay.answer === 'dropped')
    throw new AppError(
      ErrorCode.Invalid,
      `Your place in *${circle.name}* has already gone to someone else. \`/circle join ${circle.name}\` asks for one again.`,
    );
  if (stay.answer !== null)
    throw new AppError(ErrorCode.Invalid, `You already answered: you chose to ${stay.answer} in *${circle.name}*.`);
  if (!(await answerStay(db, teamId, cycleId, userId, answer, now)))
    throw new AppError(ErrorCode.Conflict, 'You answered already. Nothing was changed.');
  const keys = answer === 'leave' ? await leaveIfThere(db, fx, circle, userId, now) : [];
  return { circle, keys };
}

/** Members asked whether they stay who did not answer in time leave the circle, and are told so. */
export async function dropSilent(db: Db, fx: CycleEffects, now: Date): Promise<string[]> {
  const due = await unansweredStays(db, new Date(now.getTime() - STAY_ANSWER_DAYS * DAY_MS));
  const keys: string[] = [];
  for (const stay of due) {
    if (!(await answerStay(db, stay.team_id, stay.cycle_id, stay.user_id, 'dropped', now))) continue;
    const circle = await circleById(db, stay.team_id, stay.circle_id);
    if (!circle) continue;
    const left = await leaveIfThere(db, fx, circle, stay.user_id, now);
    if (left.length === 0) continue;
    keys.push(
      ...left,
      ...(await fx.outbox.enqueue(db, fx.kinds.farewell, [
        {
          teamId: stay.team_id,
          key: `cycle-farewell:dropped:${stay.cycle_id}:${stay.user_id}`,
          circleId: stay.circle_id,
          userId: stay.user_id,
          dueAt: now,
          payload: { reason: 'dropped' },
        },
      ])),
    );
  }
  return keys;
}

/** Circles set to continue by themselves roll over when their evaluation closes. */
export async function autoRollovers(db: Db, fx: CycleEffects, now: Date): Promise<Rollover[]> {
  const done: Rollover[] = [];
  const tomorrow = new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
  for (const cycle of await autoContinuing(db, tomorrow)) {
    const circle = await circleById(db, cycle.team_id, cycle.circle_id);
    const latest = circle ? await currentCycle(db, circle.team_id, circle.id) : undefined;
    if (!circle || latest?.id !== cycle.id) continue;
    if (phaseAt(timesOf(circle, cycle), now) !== 'closed') continue;
    try {
      done.push(await rollover(db, fx, circle, now));
    } catch (error) {
      // Another replica got there first: nothing to do.
      if (!(error instanceof AppError && error.code === ErrorCode.Conflict)) throw error;
    }
  }
  return done;
}
