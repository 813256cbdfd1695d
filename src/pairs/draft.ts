import { assertCanManage, type CircleRow, type CycleRow, cyclesOf, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { Person } from '../people/service';
import { type Arrangement, type MatchInput, matchPairs, shuffle, swap, type SwapRefusal } from './matching';
import { type DraftRef, MATCH_WHAT, toParticipant, withShown } from './model';
import { pairedIn, participantsOf, requireCycle } from './status';
import { type DraftRow, findDraft, lockDraft, pastGroups, saveDraft, surveysOf } from './store';

/** The organizer's preview of a cycle's pairs: drawn up, shuffled and swapped, never announced. */

/** Who acts on a program's matching, and the organizers they may be one of: use cases check them. */
export interface Manager {
  person: Person;
  organizers: readonly string[];
}

export const STALE_PREVIEW =
  'This preview is out of date: someone changed it since. Run `/circle match` again to see the latest.';

/** The matcher's input: the active members who answered, and the circle's history for cool-off. */
async function matchInput(db: Db, circle: CircleRow, cycle: CycleRow, now: Date): Promise<MatchInput> {
  const paired = await pairedIn(db, circle.team_id, cycle.id);
  const active = new Set(await participantsOf(db, circle, ['active']));
  const surveys = (await surveysOf(db, circle.team_id, cycle.id)).filter((s) => active.has(s.user_id) && !paired.has(s.user_id));
  const numbers = new Map((await cyclesOf(db, circle.team_id, circle.id)).map((c) => [c.id, c.number]));
  const groups = (await pastGroups(db, circle.team_id, circle.id))
    .map((g) => ({ cycle: numbers.get(g.cycleId) ?? Number.POSITIVE_INFINITY, members: g.members }))
    .filter((g) => g.cycle < cycle.number);
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

export const arrangementOf = (draft: DraftRow) => draft.arrangement as Arrangement;

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
  actor: Manager,
  now: Date,
  change: (draft: DraftRow, input: MatchInput) => { arrangement: Arrangement; changed: boolean; swap?: [string, string] },
): Promise<Preview> {
  return db.transaction().execute(async (trx) => {
    const draft = await lockDraft(trx, teamId, ref.cycleId);
    if (!draft || draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE_PREVIEW);
    const circle = await requireCircle(trx, teamId, draft.circle_id);
    // Whoever calls this, only the circle's facilitators and organizers change its preview.
    await assertCanManage(trx, circle, actor.person, actor.organizers, MATCH_WHAT);
    if (draft.confirmed_at) throw new AppError(ErrorCode.Conflict, 'These pairs are already confirmed.');
    const cycle = await requireCycle(trx, circle);
    const input = await matchInput(trx, circle, cycle, now);
    const ids = new Set(input.participants.map((p) => p.id));
    if (draft.participants.some((id) => !ids.has(id)) || ids.size !== draft.participants.length) {
      throw new AppError(ErrorCode.Conflict, 'Who is taking part has changed since this preview. Run `/circle match` again.');
    }
    const outcome = change(draft, input);
    const shown = withShown(draft.shown as Arrangement[], outcome.arrangement);
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
export async function shufflePreview(db: Db, teamId: string, ref: DraftRef, actor: Manager, now: Date): Promise<Preview> {
  return changeDraft(db, teamId, ref, actor, now, (draft, input) => {
    const { changed, ...arrangement } = shuffle(input, draft.shown as Arrangement[], { seed: draft.seed });
    return { arrangement, changed };
  });
}

const SWAP_REFUSALS: Record<SwapRefusal, string> = {
  'unknown-person': 'Choose two people who answered the survey and are in this preview.',
  'nothing-to-swap': 'Those two are already in the same group (or both unmatched): choose people from two different groups.',
  'avoid-list': 'That swap is not possible: it would put together people who should not be matched. Try another.',
};

export async function swapPreview(
  db: Db,
  teamId: string,
  ref: DraftRef,
  actor: Manager,
  a: string,
  b: string,
  now: Date,
): Promise<Preview> {
  return changeDraft(db, teamId, ref, actor, now, (draft, input) => {
    const result = swap(input, arrangementOf(draft), a, b);
    if (!result.ok) throw new AppError(ErrorCode.Invalid, SWAP_REFUSALS[result.reason]);
    return { arrangement: result.arrangement, changed: true, swap: [a, b] };
  });
}
