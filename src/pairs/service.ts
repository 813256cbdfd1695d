import {
  type CircleRow,
  type CycleRow,
  circleById,
  currentCycle,
  facilitatorIds,
  membershipOf,
  members,
  membershipsOf,
  requireCircle,
} from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { Outbox } from '../scheduler/outbox';
import type { PairKinds } from './deliveries';
import {
  type Arrangement,
  describeFit,
  type Group,
  type MatchInput,
  matchPairs,
  type PairFit,
  shuffle,
  swap,
  type SwapRefusal,
} from './matching';
import {
  type DraftRef,
  type HomeLine,
  type LeftOutReason,
  type MatchStatus,
  type MeetingAnswer,
  secondNotYet,
  type SurveyInput,
  toParticipant,
  meetingCheckKey,
} from './model';
import {
  answerBefore,
  cycleByNumber,
  type DraftRow,
  findCycle,
  findDraft,
  findPair,
  findSurvey,
  insertPair,
  insertRematch,
  lockDraft,
  markConfirmed,
  meetingAnswersOfCycle,
  openRematches,
  type PairRow,
  pairsOfCycle,
  pastGroups,
  resolveRematches,
  saveDraft,
  saveMeeting,
  type SurveyRow,
  surveysOf,
  upsertSurvey,
} from './store';

/** The pairs' use cases: the survey, the organizer's preview and confirm, the meeting checks, rematches. */

export type { DraftRow, MatchStatus, PairRow, SurveyRow };

export interface PairEffects {
  outbox: Outbox;
  kinds: PairKinds;
}

const CONFIRMED_REFUSAL = (circle: CircleRow) =>
  `Thank you! Matching for *${circle.name}* has already been confirmed for this cycle, so the survey is closed now. ` +
  'Your answers will be asked for again when the next cycle opens.';

const STALE_PREVIEW = 'This preview is out of date: someone changed it since. Run `/circle match` again to see the latest.';

/** Whether this cycle's matching has been confirmed (surveys are then closed). */
export async function isConfirmed(db: Db, teamId: string, cycleId: number): Promise<boolean> {
  return Boolean((await findDraft(db, teamId, cycleId))?.confirmed_at);
}

/**
 * Who is already paired in a cycle before any matching: pairs kept from the cycle before (both
 * chose continue). They are neither surveyed nor matched again.
 */
export async function pairedIn(db: Db, teamId: string, cycleId: number): Promise<Set<string>> {
  return new Set((await pairsOfCycle(db, teamId, cycleId)).flatMap((p) => p.user_ids));
}

/** Members (not facilitators) of a coaching program, by status. */
async function participantsOf(db: Db, circle: CircleRow, statuses: Array<'active' | 'paused'>): Promise<string[]> {
  return (await members(db, circle.team_id, circle.id, statuses)).filter((m) => m.role === 'member').map((m) => m.user_id);
}

// ---------------------------------------------------------------------------------------------
// The survey

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

// ---------------------------------------------------------------------------------------------
// The organizer's view

export async function requireCycle(db: Db, circle: CircleRow): Promise<CycleRow> {
  if (circle.kind !== 'pairs') {
    throw new AppError(
      ErrorCode.Invalid,
      `*${circle.name}* is a learning circle, not a coaching program: there is nobody to match.`,
    );
  }
  const cycle = await currentCycle(db, circle.team_id, circle.id);
  if (!cycle) throw new AppError(ErrorCode.NotFound, `*${circle.name}* has no cycle open, so there is nobody to match yet.`);
  return cycle;
}

export async function matchStatus(db: Db, circle: CircleRow): Promise<MatchStatus> {
  const cycle = await requireCycle(db, circle);
  const paired = await pairedIn(db, circle.team_id, cycle.id);
  const active = (await participantsOf(db, circle, ['active'])).filter((id) => !paired.has(id));
  const answeredSet = new Set((await surveysOf(db, circle.team_id, cycle.id)).map((s) => s.user_id));
  return {
    cycle,
    confirmed: await isConfirmed(db, circle.team_id, cycle.id),
    answered: active.filter((id) => answeredSet.has(id)),
    missing: active.filter((id) => !answeredSet.has(id)),
    paused: await participantsOf(db, circle, ['paused']),
    pairs: await pairsOfCycle(db, circle.team_id, cycle.id),
    rematches: await openRematches(db, circle.team_id, circle.id),
  };
}

/** The matcher's input: the active members who answered, and the circle's history for cool-off. */
async function matchInput(db: Db, circle: CircleRow, cycle: CycleRow, now: Date): Promise<MatchInput> {
  const paired = await pairedIn(db, circle.team_id, cycle.id);
  const active = new Set(await participantsOf(db, circle, ['active']));
  const surveys = (await surveysOf(db, circle.team_id, cycle.id)).filter((s) => active.has(s.user_id) && !paired.has(s.user_id));
  const groups = (await pastGroups(db, circle.team_id, circle.id)).filter((g) => g.cycle < cycle.number);
  return {
    participants: surveys.map((s) => toParticipant(s, now)),
    history: { currentCycle: cycle.number, coolOff: circle.pair_cooloff_cycles, groups },
  };
}

const seedOf = (cycle: CycleRow) => `${cycle.team_id}:${cycle.id}`;

export interface Preview {
  circle: CircleRow;
  draft: DraftRow;
  arrangement: Arrangement;
  /** False when Shuffle found nothing different as good (a tiny cohort). */
  changed: boolean;
}

/** The circle of the draft a button refers to. */
export async function draftCircleId(db: Db, teamId: string, ref: DraftRef): Promise<number> {
  const draft = await findDraft(db, teamId, ref.cycleId);
  if (!draft) throw new AppError(ErrorCode.NotFound, STALE_PREVIEW);
  return draft.circle_id;
}

const arrangementOf = (draft: DraftRow) => draft.arrangement as Arrangement;

/** Everyone in a draft (matched or not): the only people a swap can move. */
export async function draftPeople(db: Db, teamId: string, ref: DraftRef): Promise<string[]> {
  const draft = await findDraft(db, teamId, ref.cycleId);
  if (!draft) throw new AppError(ErrorCode.NotFound, STALE_PREVIEW);
  const a = arrangementOf(draft);
  return [...a.groups.flatMap((g) => g.members), ...a.unmatched.map((u) => u.id)];
}

/** A fresh preview from the answers as they are now; nothing is announced. */
export async function startPreview(db: Db, circle: CircleRow, organizerId: string, now: Date): Promise<Preview> {
  const cycle = await requireCycle(db, circle);
  const input = await matchInput(db, circle, cycle, now);
  if (input.participants.length < 2) {
    throw new AppError(
      ErrorCode.Invalid,
      `Only ${input.participants.length} active member${input.participants.length === 1 ? ' has' : 's have'} answered the survey of *${circle.name}*: at least two are needed to make a pair.`,
    );
  }
  const arrangement = matchPairs(input, { seed: seedOf(cycle) });
  const draft = await db.transaction().execute(async (trx) => {
    const old = await lockDraft(trx, circle.team_id, cycle.id);
    if (old?.confirmed_at)
      throw new AppError(ErrorCode.Conflict, `Matching for *${circle.name}* is already confirmed for this cycle.`);
    return saveDraft(trx, {
      team_id: circle.team_id,
      circle_id: circle.id,
      cycle_id: cycle.id,
      seed: seedOf(cycle),
      version: (old?.version ?? 0) + 1,
      shuffles: 0,
      swaps: '[]',
      shown: JSON.stringify([arrangement]),
      arrangement: JSON.stringify(arrangement),
      participants: input.participants.map((p) => p.id),
      created_by: organizerId,
      updated_at: now,
    });
  });
  return { circle, draft, arrangement, changed: true };
}

async function changeDraft(
  db: Db,
  teamId: string,
  ref: DraftRef,
  now: Date,
  change: (draft: DraftRow, input: MatchInput) => { arrangement: Arrangement; changed: boolean; swap?: [string, string] },
): Promise<Preview> {
  return db.transaction().execute(async (trx) => {
    const draft = await lockDraft(trx, teamId, ref.cycleId);
    if (!draft || draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE_PREVIEW);
    if (draft.confirmed_at) throw new AppError(ErrorCode.Conflict, 'These pairs are already confirmed.');
    const circle = await requireCircle(trx, teamId, draft.circle_id);
    const cycle = await requireCycle(trx, circle);
    const input = await matchInput(trx, circle, cycle, now);
    const ids = new Set(input.participants.map((p) => p.id));
    if (draft.participants.some((id) => !ids.has(id)) || ids.size !== draft.participants.length) {
      throw new AppError(ErrorCode.Conflict, 'Who is taking part has changed since this preview. Run `/circle match` again.');
    }
    const outcome = change(draft, input);
    const shown = [...(draft.shown as Arrangement[]), outcome.arrangement];
    const swaps = [...(draft.swaps as string[][]), ...(outcome.swap ? [outcome.swap] : [])];
    const saved = await saveDraft(trx, {
      ...draft,
      version: draft.version + 1,
      shuffles: draft.shuffles + (outcome.swap ? 0 : 1),
      swaps: JSON.stringify(swaps),
      shown: JSON.stringify(shown),
      arrangement: JSON.stringify(outcome.arrangement),
      updated_at: now,
    });
    return { circle, draft: saved, arrangement: outcome.arrangement, changed: outcome.changed };
  });
}

/** The next-best arrangement: as many people matched and as few repeats, avoiding the pairs already shown. */
export async function shufflePreview(db: Db, teamId: string, ref: DraftRef, now: Date): Promise<Preview> {
  return changeDraft(db, teamId, ref, now, (draft, input) => {
    const { changed, ...arrangement } = shuffle(input, draft.shown as Arrangement[], { seed: draft.seed });
    return { arrangement, changed };
  });
}

const SWAP_REFUSALS: Record<SwapRefusal, string> = {
  'unknown-person': 'Choose two people who answered the survey and are in this preview.',
  'nothing-to-swap': 'Those two are already in the same group (or both unmatched): choose people from two different groups.',
  'avoid-list': 'That swap is not possible: it would put together people who should not be matched. Try another.',
};

export async function swapPreview(db: Db, teamId: string, ref: DraftRef, a: string, b: string, now: Date): Promise<Preview> {
  return changeDraft(db, teamId, ref, now, (draft, input) => {
    const result = swap(input, arrangementOf(draft), a, b);
    if (!result.ok) throw new AppError(ErrorCode.Invalid, SWAP_REFUSALS[result.reason]);
    return { arrangement: result.arrangement, changed: true, swap: [a, b] };
  });
}

/** The reasons a group was matched, as people read them ("both: fundraising; 1 h apart; <@A> asked for <@B>"). */
export function groupReasons(group: Group): string[] {
  const mention = (id: string) => `<@${id}>`;
  const lines = group.reasons.map((r: PairFit) => describeFit(r, mention).join('; '));
  return group.members.length === 3 ? group.reasons.map((r, i) => `${mention(r.a)} & ${mention(r.b)}: ${lines[i]!}`) : lines;
}

export interface Confirmed {
  circle: CircleRow;
  pairs: PairRow[];
  leftOut: Array<{ userId: string; reason: LeftOutReason }>;
  keys: string[];
}

/** Writes the pairs, closes the surveys and queues every message: intros, the left-out, the channel's news. */
export async function confirmDraft(
  db: Db,
  fx: PairEffects,
  teamId: string,
  ref: DraftRef,
  by: string,
  now: Date,
): Promise<Confirmed> {
  return db.transaction().execute(async (trx) => {
    const draft = await lockDraft(trx, teamId, ref.cycleId);
    if (draft?.confirmed_at) throw new AppError(ErrorCode.Conflict, 'These pairs are already confirmed: everyone has been told.');
    if (!draft || draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE_PREVIEW);
    const circle = await requireCircle(trx, teamId, draft.circle_id);
    const active = new Set(await participantsOf(trx, circle, ['active']));
    const arrangement = arrangementOf(draft);
    const gone = arrangement.groups.flatMap((g) => g.members).filter((id) => !active.has(id));
    if (gone.length) {
      throw new AppError(
        ErrorCode.Conflict,
        `${gone.map((id) => `<@${id}>`).join(', ')} paused or left since this preview. Run \`/circle match\` again.`,
      );
    }
    // Pairs kept from the last cycle were written at rollover: they count as matched.
    const kept = await pairedIn(trx, teamId, draft.cycle_id);
    const pairs: PairRow[] = [];
    for (const g of arrangement.groups) {
      pairs.push(
        await insertPair(trx, {
          team_id: teamId,
          circle_id: circle.id,
          cycle_id: draft.cycle_id,
          user_ids: g.members,
          fit: g.fit,
          reasons: groupReasons(g),
          now,
        }),
      );
    }
    await markConfirmed(trx, teamId, draft.cycle_id, by, now);
    // The open rematch requests went into this matching.
    await resolveRematches(trx, teamId, circle.id, now);

    const matched = new Set([...kept, ...arrangement.groups.flatMap((g) => g.members)]);
    // Answers that came in after the preview was drawn up are not in it: those members are told so.
    const answered = new Set((await surveysOf(trx, teamId, draft.cycle_id)).map((s) => s.user_id));
    const leftOut: Confirmed['leftOut'] = arrangement.unmatched.map((u) => ({ userId: u.id, reason: u.reason }));
    for (const id of active)
      if (!matched.has(id) && !leftOut.some((l) => l.userId === id))
        leftOut.push({ userId: id, reason: answered.has(id) ? 'late' : 'no-survey' });
    for (const id of await participantsOf(trx, circle, ['paused']))
      if (!kept.has(id)) leftOut.push({ userId: id, reason: 'paused' });

    const keys = [
      ...(await fx.outbox.enqueue(
        trx,
        fx.kinds.intro,
        pairs.map((p) => ({ teamId, key: `pairs-intro:${p.id}`, circleId: circle.id, dueAt: now, payload: { pairId: p.id } })),
      )),
      ...(await fx.outbox.enqueue(
        trx,
        fx.kinds.leftOut,
        leftOut.map((l) => ({
          teamId,
          key: `pairs-left-out:${draft.cycle_id}:${l.userId}`,
          circleId: circle.id,
          userId: l.userId,
          dueAt: now,
          payload: { cycleId: draft.cycle_id, reason: l.reason },
        })),
      )),
      ...(circle.channel_id
        ? await fx.outbox.enqueue(trx, fx.kinds.announce, [
            {
              teamId,
              key: `pairs-announce:${draft.cycle_id}`,
              circleId: circle.id,
              channelId: circle.channel_id,
              dueAt: now,
              payload: { cycleId: draft.cycle_id },
            },
          ])
        : []),
    ];
    return { circle, pairs, leftOut, keys };
  });
}

/** Asks those who have not answered, with a deadline; returns the reminders' keys. */
export async function remindMissing(
  db: Db,
  fx: PairEffects,
  circle: CircleRow,
  deadline: Date,
  now: Date,
): Promise<{ keys: string[]; count: number }> {
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

// ---------------------------------------------------------------------------------------------
// "Did you meet?" and rematches

export interface PairTarget {
  circle: CircleRow;
  pair: PairRow;
}

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

export async function requestRematch(db: Db, target: PairTarget, userId: string, now: Date): Promise<boolean> {
  return insertRematch(db, {
    team_id: target.pair.team_id,
    circle_id: target.circle.id,
    pair_id: target.pair.id,
    user_id: userId,
    now,
  });
}

// ---------------------------------------------------------------------------------------------
// What the cycles feature reads

export interface MeetingRate {
  /** Checks a pair answered. */
  answered: number;
  /** Of those, how many said they met. */
  met: number;
  /** met / answered, or null before any answer. */
  rate: number | null;
}

export async function meetingRate(db: Db, teamId: string, cycleId: number): Promise<MeetingRate> {
  const rows = await meetingAnswersOfCycle(db, teamId, cycleId);
  const met = rows.filter((r) => r.answer === 'yes').length;
  return { answered: rows.length, met, rate: rows.length ? met / rows.length : null };
}

export async function currentPairs(db: Db, teamId: string, circleId: number): Promise<PairRow[]> {
  const cycle = await currentCycle(db, teamId, circleId);
  return cycle ? pairsOfCycle(db, teamId, cycle.id) : [];
}

export async function rematchRequests(db: Db, teamId: string, circleId: number) {
  return openRematches(db, teamId, circleId);
}

/**
 * Pairs whose members all chose continue stay together: written as confirmed pairs of the new
 * cycle (same group DM, fit and reasons), so its survey and matching leave them out. Members
 * already paired in the new cycle are not paired twice.
 */
export async function keepPairs(
  db: Db,
  fx: PairEffects,
  teamId: string,
  circleId: number,
  fromCycleId: number,
  toCycleId: number,
  groups: string[][],
  now: Date,
): Promise<{ kept: PairRow[]; keys: string[] }> {
  if (!groups.length) return { kept: [], keys: [] };
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));
  return db.transaction().execute(async (trx) => {
    const old = await pairsOfCycle(trx, teamId, fromCycleId);
    const paired = await pairedIn(trx, teamId, toCycleId);
    const kept: PairRow[] = [];
    for (const members of groups) {
      const from = old.find((p) => same(p.user_ids, members));
      if (!from || members.some((id) => paired.has(id))) continue;
      kept.push(
        await insertPair(trx, {
          team_id: teamId,
          circle_id: circleId,
          cycle_id: toCycleId,
          user_ids: from.user_ids,
          fit: from.fit,
          reasons: from.reasons as string[],
          channel_id: from.channel_id,
          now,
        }),
      );
      for (const id of members) paired.add(id);
    }
    const keys = await fx.outbox.enqueue(
      trx,
      fx.kinds.kept,
      kept.map((p) => ({ teamId, key: `pairs-kept:${p.id}`, circleId, dueAt: now, payload: { pairId: p.id } })),
    );
    return { kept, keys };
  });
}

/**
 * Members who asked at the end of a cycle for a new partner: recorded against the pair they leave,
 * so the organizer sees it in `/circle match` for the new cycle. One open request per pair (a
 * stuck pair may have one already). Someone who had no pair is surveyed and matched like everyone.
 */
export async function requestRematches(
  db: Db,
  teamId: string,
  circleId: number,
  toCycleId: number,
  userIds: string[],
  now: Date,
): Promise<number> {
  const to = await findCycle(db, teamId, toCycleId);
  const from = to ? await cycleByNumber(db, teamId, circleId, to.number - 1) : undefined;
  if (!from || !userIds.length) return 0;
  const old = await pairsOfCycle(db, teamId, from.id);
  let added = 0;
  for (const userId of userIds) {
    const pair = old.find((p) => p.user_ids.includes(userId));
    if (pair && (await insertRematch(db, { team_id: teamId, circle_id: circleId, pair_id: pair.id, user_id: userId, now })))
      added++;
  }
  return added;
}

/** The pairs' meeting rate as cycles reports it: the checks answered, and how many said they met. */
export async function pairMeetingRate(db: Db, teamId: string, cycleId: number): Promise<{ met: number; planned: number } | null> {
  const rate = await meetingRate(db, teamId, cycleId);
  return rate.answered ? { met: rate.met, planned: rate.answered } : null;
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

export async function pairsOfCycleIds(db: Db, teamId: string, cycleId: number): Promise<string[][]> {
  return (await pairsOfCycle(db, teamId, cycleId)).map((p) => p.user_ids);
}

export async function homeData(db: Db, teamId: string, userId: string): Promise<HomeLine[]> {
  const lines: HomeLine[] = [];
  for (const m of await membershipsOf(db, teamId, userId)) {
    if (m.circle.kind !== 'pairs' || m.status !== 'active' || m.role !== 'member') continue;
    const cycle = await currentCycle(db, teamId, m.circle.id);
    if (!cycle) continue;
    const pair = (await pairsOfCycle(db, teamId, cycle.id)).find((p) => p.user_ids.includes(userId));
    if (pair || (await isConfirmed(db, teamId, cycle.id))) {
      lines.push(
        pair
          ? { kind: 'paired', circle: m.circle, partners: pair.user_ids.filter((id) => id !== userId) }
          : { kind: 'unmatched', circle: m.circle },
      );
    } else {
      const answered = Boolean(await findSurvey(db, teamId, cycle.id, userId));
      lines.push({ kind: 'survey', circle: m.circle, cycleId: cycle.id, answered });
    }
  }
  return lines;
}
