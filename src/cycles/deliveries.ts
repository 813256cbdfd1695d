import { z } from 'zod';
import type { AppDeps } from '../app/deps';
import {
  type CircleRow,
  circleById,
  currentCycle,
  membershipOf,
  type CycleRow,
  cyclesEndingIn,
  findCycle,
} from '../circles/service';
import { type DeliveryKind, defineKind, type NewDelivery, type PlanWindow } from '../scheduler/kinds';
import { addDays } from '../time/calendarDate';
import {
  closingText,
  farewellText,
  inviteBlocks,
  inviteText,
  reminderBlocks,
  reminderText,
  stayAskBlocks,
  stayAskText,
} from './blocks';
import { CLOSING_NOTICE_DAYS, type CycleTimes, phaseAt, REMINDER_AFTER_DAYS, STAY_ANSWER_DAYS } from './model';
import { findEvaluation, findStay } from './store';
import { invitees, timesOf } from './roster';

const none = z.object({});
const farewellPayload = z.object({ reason: z.enum(['end', 'rematch', 'dropped']) });
const stayPayload = z.object({ cycleId: z.number().int().positive() });
type Empty = z.infer<typeof none>;

/** Every message about a cycle's end, each a kind in the ledger: sent once, skipped once it has lost its point. */
export interface CycleKinds {
  /** In the circle's channel, a week before the cycle's last day. Planned from the cycle's dates. */
  closing: DeliveryKind<Empty>;
  /** To each member at the cycle's end: the evaluation. Planned. */
  invite: DeliveryKind<Empty>;
  /** Three days later, to those who have not answered. Planned. */
  reminder: DeliveryKind<Empty>;
  /** At rollover: thanks to those who leave (they chose end, another circle, or said nothing). */
  farewell: DeliveryKind<z.infer<typeof farewellPayload>>;
  /** At rollover: to a member who gave no choice, once: stay or leave? */
  stayAsk: DeliveryKind<z.infer<typeof stayPayload>>;
}

const DAY_MS = 86_400_000;
type Deps = Pick<AppDeps, 'db'>;
type Due = { circle: CircleRow; cycle: CycleRow; times: CycleTimes };

export function cycleKinds(deps: Deps): CycleKinds {
  const { db } = deps;

  /**
   * Cycles whose messages may fall in the window: their last day is near it. Zones move a local
   * date by a day either way, so the scan is a little wider and each instant is checked exactly.
   */
  let memo: { key: string; due: Promise<Due[]> } | undefined;
  const near = (w: PlanWindow) => {
    const key = `${w.from.getTime()}:${w.to.getTime()}`;
    if (memo?.key !== key) memo = { key, due: scan(w) };
    return memo.due;
  };
  async function scan(w: PlanWindow): Promise<Due[]> {
    const from = addDays(w.from.toISOString().slice(0, 10), -(REMINDER_AFTER_DAYS + 2));
    const to = addDays(w.to.toISOString().slice(0, 10), CLOSING_NOTICE_DAYS + 2);
    const out: Due[] = [];
    for (const cycle of await cyclesEndingIn(db, from, to)) {
      const circle = await circleById(db, cycle.team_id, cycle.circle_id);
      if (circle && circle.status !== 'ended') out.push({ circle, cycle, times: timesOf(circle, cycle) });
    }
    return out;
  }
  const inWindow = (at: Date, w: PlanWindow) => at > w.from && at <= w.to;

  async function toMembers(w: PlanWindow, pick: (t: CycleTimes) => Date, prefix: string): Promise<Array<NewDelivery<Empty>>> {
    const planned: Array<NewDelivery<Empty>> = [];
    for (const { circle, cycle, times } of await near(w)) {
      const dueAt = pick(times);
      if (!inWindow(dueAt, w)) continue;
      for (const userId of await invitees(db, circle, times.endsAt)) {
        planned.push({
          teamId: cycle.team_id,
          key: `${prefix}:${cycle.id}:${userId}`,
          circleId: circle.id,
          userId,
          dueAt,
          expiresAt: times.closesAt,
          payload: {},
        });
      }
    }
    return planned;
  }

  /** The cycle a member's message is about, or why it has lost its point. */
  async function loadForMember(
    teamId: string,
    circleId: number | null,
    key: string,
    userId: string | null,
    now: Date,
  ): Promise<{ skip: string } | { circle: CircleRow; cycle: CycleRow; times: CycleTimes; userId: string }> {
    const cycleId = Number(key.split(':')[1]);
    const circle = circleId === null ? undefined : await circleById(db, teamId, circleId);
    const cycle = Number.isSafeInteger(cycleId) ? await findCycle(db, teamId, cycleId) : undefined;
    if (!circle || !cycle || !userId) return { skip: 'circle or cycle no longer exists' };
    const times = timesOf(circle, cycle);
    if (phaseAt(times, now) !== 'evaluating') return { skip: 'the evaluation is not open' };
    const m = await membershipOf(db, circle, userId);
    if (!m || m.status === 'left' || m.status === 'waitlisted') return { skip: 'no longer in the circle' };
    if (await findEvaluation(db, teamId, cycle.id, userId)) return { skip: 'already answered' };
    return { circle, cycle, times, userId };
  }

  return {
    closing: defineKind({
      kind: 'cycle-closing',
      payload: none,
      async plan(w) {
        const planned: Array<NewDelivery<Empty>> = [];
        for (const { circle, cycle, times } of await near(w)) {
          if (!inWindow(times.closingNoticeAt, w) || !circle.channel_id) continue;
          planned.push({
            teamId: cycle.team_id,
            key: `cycle-closing:${cycle.id}`,
            circleId: circle.id,
            channelId: circle.channel_id,
            dueAt: times.closingNoticeAt,
            expiresAt: times.endsAt,
            payload: {},
          });
        }
        return planned;
      },
      async render(d) {
        const cycleId = Number(d.key.split(':')[1]);
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        const cycle = await findCycle(db, d.teamId, cycleId);
        if (!circle || !cycle) return { skip: 'circle or cycle no longer exists' };
        if (!circle.channel_id) return { skip: 'circle has no channel' };
        // Dates edited since planning: the cycle no longer closes now.
        const latest = await currentCycle(db, d.teamId, circle.id);
        if (latest?.id !== cycle.id) return { skip: 'a newer cycle exists' };
        const times = timesOf(circle, cycle);
        if (Math.abs(times.closingNoticeAt.getTime() - d.dueAt.getTime()) > DAY_MS) return { skip: 'the cycle dates changed' };
        return { post: { channel: circle.channel_id, text: closingText(circle, cycle, times.endsAt) } };
      },
    }),

    invite: defineKind({
      kind: 'cycle-invite',
      payload: none,
      plan: (w) => toMembers(w, (t) => t.endsAt, 'cycle-invite'),
      async render(d, now) {
        const loaded = await loadForMember(d.teamId, d.circleId, d.key, d.userId, now);
        if ('skip' in loaded) return loaded;
        const { circle, cycle, times, userId } = loaded;
        return {
          post: { channel: userId, text: inviteText(circle, cycle), blocks: inviteBlocks(circle, cycle, times.closesAt) },
        };
      },
    }),

    reminder: defineKind({
      kind: 'cycle-reminder',
      payload: none,
      plan: (w) => toMembers(w, (t) => t.reminderAt, 'cycle-reminder'),
      async render(d, now) {
        const loaded = await loadForMember(d.teamId, d.circleId, d.key, d.userId, now);
        if ('skip' in loaded) return loaded;
        const { circle, cycle, times, userId } = loaded;
        return {
          post: { channel: userId, text: reminderText(circle, cycle), blocks: reminderBlocks(circle, cycle, times.closesAt) },
        };
      },
    }),

    farewell: defineKind({
      kind: 'cycle-farewell',
      payload: farewellPayload,
      async render(d) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        if (!circle || !d.userId) return { skip: 'circle no longer exists' };
        const m = await membershipOf(db, circle, d.userId);
        // Joined again since: a goodbye would be wrong.
        if (m && m.status !== 'left') return { skip: 'back in the circle' };
        return { post: { channel: d.userId, text: farewellText(circle, d.payload.reason) } };
      },
    }),

    stayAsk: defineKind({
      kind: 'cycle-stay-ask',
      payload: stayPayload,
      async render(d) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        const cycle = await findCycle(db, d.teamId, d.payload.cycleId);
        if (!circle || !cycle || !d.userId) return { skip: 'circle or cycle no longer exists' };
        const stay = await findStay(db, d.teamId, cycle.id, d.userId);
        if (!stay || stay.answer !== null) return { skip: 'already answered' };
        const deadline = new Date(stay.asked_at.getTime() + STAY_ANSWER_DAYS * DAY_MS);
        return { post: { channel: d.userId, text: stayAskText(circle, cycle), blocks: stayAskBlocks(circle, cycle, deadline) } };
      },
    }),
  };
}
