import {
  type Answer,
  type CandidateTime,
  type Participant,
  type RankedCandidate,
  type ViewerTime,
  candidateKey,
  proposeCandidates,
  rangeFrom,
  rankCandidates,
  viewerTime,
  cadenceAt,
  rotatingCadenceAt,
} from '../availability';
import { type CircleRow, assertCanManage, isInCircle, members, moveCadence, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { knownZones, type Person } from '../people/service';
import type { Outbox } from '../scheduler/outbox';
import { cadenceCutover, resyncSessions } from '../sessions/service';
import { type Cadence, parseStoredCadence } from '../time/cadence';
import { todayIn } from '../time/zonedTime';
import type { PollKinds } from './kinds';
import { type RotationOffer, type StoredAnswers, answersFor, rotationOffer, storedCandidates, RANGE_MONTHS } from './model';
import {
  type AnswerRow,
  type PollRow,
  answerOf,
  answersOf,
  cancelPoll,
  findPoll,
  insertPoll,
  lockPoll,
  markPicked,
  openPollOf,
  upsertAnswer,
} from './store';

/** What the poll use cases write besides the database: the messages that follow. */
export interface PollEffects {
  outbox: Outbox;
  kinds: PollKinds;
}

export const OPEN_WHAT = 'open a poll for its meeting time';
const DAY_MS = 86_400_000;
/** Everyone who holds a place is asked; a facilitator waiting for one too. */
const ASKED = ['active', 'paused'] as const;

const gone = () => new AppError(ErrorCode.NotFound, 'That poll no longer exists.');

export type { PollRow };

export function cadenceOf(circle: CircleRow): Cadence {
  const cadence = parseStoredCadence(circle.cadence);
  if (!cadence) throw new AppError(ErrorCode.Invalid, 'This circle’s rhythm cannot be read. Fix it with `/circle edit` first.');
  return cadence;
}

/** The people asked: the circle's members holding a place, with their zones (the circle's when unknown). */
async function asked(db: Db, circle: CircleRow): Promise<Array<{ id: string; timeZone: string }>> {
  const rows = await members(db, circle.team_id, circle.id, [...ASKED]);
  const zones = await knownZones(
    db,
    circle.team_id,
    rows.map((r) => r.user_id),
  );
  const zone = cadenceOf(circle).timeZone;
  return rows.map((r) => ({ id: r.user_id, timeZone: zones.get(r.user_id) ?? zone }));
}

function rangeOf(circle: CircleRow, now: Date) {
  return rangeFrom(todayIn(now, cadenceOf(circle).timeZone), RANGE_MONTHS);
}

/** Times proposed from the members' working hours (09:00-18:00 in each one's own zone), best first. */
export async function proposedTimes(db: Db, circle: CircleRow, now: Date): Promise<CandidateTime[]> {
  const cadence = cadenceOf(circle);
  const zones = (await asked(db, circle)).map((p) => p.timeZone);
  return proposeCandidates({
    shape: cadence.kind === 'weekly' ? { kind: 'weekly' } : { kind: 'monthly', nth: cadence.nth },
    timeZone: cadence.timeZone,
    durationMinutes: cadence.durationMinutes,
    memberZones: zones.length > 0 ? zones : [cadence.timeZone],
    range: rangeOf(circle, now),
  }).map((p) => p.candidate);
}

export async function assertCanRun(db: Db, circle: CircleRow, person: Person, organizers: readonly string[]): Promise<void> {
  if (circle.kind !== 'group') {
    throw new AppError(ErrorCode.Invalid, 'Coaching pairs set their own times, so a program has no meeting time to poll.');
  }
  await assertCanManage(db, circle, person, organizers, OPEN_WHAT);
}

/** Opens a poll (closing any open one of the circle) and queues its announcement in the channel. */
export async function openPoll(
  db: Db,
  fx: PollEffects,
  circle: CircleRow,
  userId: string,
  candidates: CandidateTime[],
  closeDays: number,
  now: Date,
): Promise<{ poll: PollRow; keys: string[] }> {
  return db.transaction().execute(async (trx) => {
    const open = await openPollOf(trx, circle.team_id, circle.id);
    if (open) await cancelPoll(trx, circle.team_id, open.id, now);
    const poll = await insertPoll(trx, {
      team_id: circle.team_id,
      circle_id: circle.id,
      created_by: userId,
      candidates: JSON.stringify(candidates),
      closes_at: new Date(now.getTime() + closeDays * DAY_MS),
      created_at: now,
      updated_at: now,
    });
    const keys = circle.channel_id
      ? await fx.outbox.enqueue(trx, fx.kinds.opened, [
          {
            teamId: circle.team_id,
            key: `poll-opened:${poll.id}`,
            circleId: circle.id,
            channelId: circle.channel_id,
            dueAt: now,
            expiresAt: poll.closes_at,
            payload: { pollId: poll.id },
          },
        ])
      : [];
    return { poll, keys };
  });
}

export interface LoadedPoll {
  poll: PollRow;
  circle: CircleRow;
  candidates: CandidateTime[];
}

export async function loadPoll(db: Db, teamId: string, pollId: number): Promise<LoadedPoll> {
  const poll = await findPoll(db, teamId, pollId);
  if (!poll) throw gone();
  const circle = await requireCircle(db, teamId, poll.circle_id);
  const candidates = storedCandidates(poll.candidates);
  if (!candidates) throw gone();
  return { poll, circle, candidates };
}

export function isOpen(poll: PollRow, now: Date): boolean {
  return poll.status === 'open' && poll.closes_at > now;
}

/** What the answer modal shows one person: every time in their zone, their answers, and others' only once they answered. */
export interface AnswerForm extends LoadedPoll {
  views: ViewerTime[];
  circleViews: ViewerTime[];
  mine: StoredAnswers;
  note: string | null;
  /** Counts per candidate key; null until the person has answered. */
  tallies: Map<string, Record<Answer, number>> | null;
}

async function assertAsked(db: Db, circle: CircleRow, userId: string): Promise<void> {
  if (!(await isInCircle(db, circle, userId))) {
    throw new AppError(ErrorCode.Forbidden, 'Only the members of this circle answer its poll.');
  }
}

export async function answerForm(db: Db, teamId: string, pollId: number, person: Person, now: Date): Promise<AnswerForm> {
  const loaded = await loadPoll(db, teamId, pollId);
  const { poll, circle, candidates } = loaded;
  await assertAsked(db, circle, person.userId);
  if (!isOpen(poll, now)) throw new AppError(ErrorCode.Invalid, closedText(poll));
  const range = rangeOf(circle, now);
  const zone = person.timeZone ?? cadenceOf(circle).timeZone;
  const own = await answerOf(db, teamId, pollId, person.userId);
  return {
    ...loaded,
    views: candidates.map((c) => viewerTime(c, zone, range)),
    circleViews: candidates.map((c) => viewerTime(c, c.timeZone, range)),
    mine: own ? answersFor(own.answers, candidates) : {},
    note: own?.note ?? null,
    tallies: own ? tally(candidates, await answersOf(db, teamId, pollId)) : null,
  };
}

function tally(candidates: readonly CandidateTime[], rows: readonly AnswerRow[]): Map<string, Record<Answer, number>> {
  const out = new Map<string, Record<Answer, number>>();
  for (const c of candidates) out.set(candidateKey(c), { yes: 0, ifneedbe: 0, no: 0 });
  for (const row of rows) {
    for (const [key, answer] of Object.entries(answersFor(row.answers, candidates))) {
      const counts = out.get(key);
      if (counts) counts[answer] += 1;
    }
  }
  return out;
}

export function closedText(poll: PollRow): string {
  return poll.status === 'picked'
    ? 'This poll is over: a time has been picked.'
    : poll.status === 'cancelled'
      ? 'This poll was replaced by a newer one.'
      : 'This poll has closed, so answers can no longer change.';
}

/** Saves (or changes) a member's answers while the poll is open. */
export async function saveAnswers(
  db: Db,
  teamId: string,
  pollId: number,
  userId: string,
  answers: StoredAnswers,
  note: string | null,
  now: Date,
): Promise<LoadedPoll> {
  const loaded = await loadPoll(db, teamId, pollId);
  await assertAsked(db, loaded.circle, userId);
  if (!isOpen(loaded.poll, now)) throw new AppError(ErrorCode.Invalid, closedText(loaded.poll));
  await upsertAnswer(db, {
    team_id: teamId,
    poll_id: pollId,
    user_id: userId,
    answers: JSON.stringify(answers),
    note,
    answered_at: now,
    updated_at: now,
  });
  return loaded;
}

/** The facilitator's view: every time ranked, who can come, the worst local time, and a rotation when none suits everyone. */
export interface Ranking extends LoadedPoll {
  ranked: RankedCandidate[];
  notes: Array<{ userId: string; note: string }>;
  asked: number;
  answered: number;
  rotation: RotationOffer | null;
}

export async function ranking(
  db: Db,
  teamId: string,
  pollId: number,
  person: Person,
  organizers: readonly string[],
  now: Date,
): Promise<Ranking> {
  const loaded = await loadPoll(db, teamId, pollId);
  const { circle, candidates } = loaded;
  await assertCanManage(db, circle, person, organizers, 'see the whole poll');
  const people = await asked(db, circle);
  const rows = await answersOf(db, teamId, pollId);
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  const participants: Participant[] = people.map((p) => ({ ...p, answers: answersFor(byUser.get(p.id)?.answers, candidates) }));
  const ranked = rankCandidates(candidates, participants, rangeOf(circle, now));
  const everyone = ranked.some((r) => r.suitsEveryone);
  return {
    ...loaded,
    ranked,
    notes: rows
      .filter((r) => r.note && people.some((p) => p.id === r.user_id))
      .map((r) => ({ userId: r.user_id, note: r.note! })),
    asked: people.length,
    answered: people.filter((p) => byUser.has(p.id)).length,
    rotation: everyone ? null : rotationOffer(ranked, candidates, cadenceOf(circle)),
  };
}

/** Whether a member has answered: the gate on seeing others' answers. */
export async function hasAnswered(db: Db, teamId: string, pollId: number, userId: string): Promise<boolean> {
  return (await answerOf(db, teamId, pollId, userId)) !== undefined;
}

/** The cadence a pick makes: one time, or two alternated. */
export function pickedCadence(cadence: Cadence, candidates: readonly CandidateTime[], picks: readonly number[]): Cadence | null {
  const [a, b] = picks.map((i) => candidates[i]);
  if (!a || (picks.length === 2 && !b)) return null;
  if (picks.length === 1) return cadenceAt(cadence, a);
  return b ? rotatingCadenceAt(cadence, a, b) : null;
}

export interface Picked {
  circle: CircleRow;
  cadence: Cadence;
  from: Date;
  keptSessions: number;
  keys: string[];
}

/**
 * Applies a pick: the circle's cadence changes from the next session no one was reminded of (or
 * from now, when the facilitator moves those too), later sessions are regenerated (reminders,
 * agenda and calendar follow the sessions), and the channel is told. The poll row is locked, so
 * two Picks at once apply once.
 */
export async function pick(
  db: Db,
  fx: PollEffects,
  teamId: string,
  pollId: number,
  person: Person,
  organizers: readonly string[],
  picks: readonly number[],
  moveReminded: boolean,
  now: Date,
): Promise<Picked> {
  const loaded = await loadPoll(db, teamId, pollId);
  await assertCanManage(db, loaded.circle, person, organizers, 'pick its meeting time');
  const cadence = pickedCadence(cadenceOf(loaded.circle), loaded.candidates, picks);
  if (!cadence) throw new AppError(ErrorCode.Invalid, 'Those times cannot be picked together. Open the ranking again.');
  const { from, kept } = await cadenceCutover(db, loaded.circle, now, moveReminded);
  const outcome = await db.transaction().execute(async (trx) => {
    const poll = await lockPoll(trx, teamId, pollId);
    if (!poll) throw gone();
    if (poll.status !== 'open') throw new AppError(ErrorCode.Conflict, closedText(poll));
    const circle = await moveCadence(trx, teamId, loaded.circle.id, cadence, from, now);
    await markPicked(
      trx,
      teamId,
      pollId,
      JSON.stringify(picks.map((i) => candidateKey(loaded.candidates[i]!))),
      person.userId,
      now,
    );
    const keys = circle.channel_id
      ? await fx.outbox.enqueue(trx, fx.kinds.picked, [
          {
            teamId,
            key: `poll-picked:${pollId}`,
            circleId: circle.id,
            channelId: circle.channel_id,
            dueAt: now,
            payload: { pollId, from: from.toISOString() },
          },
        ])
      : [];
    return { circle, keys };
  });
  await resyncSessions(db, teamId, loaded.circle.id, now);
  return { circle: outcome.circle, cadence, from, keptSessions: kept.length, keys: outcome.keys };
}
