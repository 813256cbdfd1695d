import { assertCanManage, type CircleRow, requireCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { arrangementOf, type Manager, STALE_PREVIEW } from './draft';
import type { PairEffects } from './effects';
import { type DraftRef, groupReasons, type LeftOutReason, MATCH_WHAT } from './model';
import { pairedIn, participantsOf } from './status';
import { insertPair, lockDraft, markConfirmed, type PairRow, resolveRematches, surveysOf } from './store';

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
  actor: Manager,
  now: Date,
): Promise<Confirmed> {
  const by = actor.person.userId;
  return db.transaction().execute(async (trx) => {
    const draft = await lockDraft(trx, teamId, ref.cycleId);
    if (!draft) throw new AppError(ErrorCode.Conflict, STALE_PREVIEW);
    const circle = await requireCircle(trx, teamId, draft.circle_id);
    // Whoever calls this, only the circle's facilitators and organizers confirm its pairs.
    await assertCanManage(trx, circle, actor.person, actor.organizers, MATCH_WHAT);
    if (draft.confirmed_at) throw new AppError(ErrorCode.Conflict, 'These pairs are already confirmed: everyone has been told.');
    if (draft.version !== ref.version) throw new AppError(ErrorCode.Conflict, STALE_PREVIEW);
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
