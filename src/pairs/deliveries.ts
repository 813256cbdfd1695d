import { z } from 'zod';
import type { AppDeps } from '../app/deps';
import { circleZone } from '../circles/model';
import { type CircleRow, circleById, currentCycle, members, membershipOf } from '../circles/service';
import type { Db } from '../db/database';
import { type Delivery, type DeliveryKind, defineKind, type NewDelivery, type PlanWindow } from '../scheduler/kinds';
import { parseStoredCadence } from '../time/cadence';
import { occurrences } from '../time/occurrences';
import { zonedWallTimeToInstant } from '../time/zonedTime';
import {
  announceText,
  checkBlocks,
  checkText,
  commitmentTipsText,
  headsUpText,
  introBlocks,
  introText,
  keptText,
  leftOutText,
  remindBlocks,
  remindText,
  surveyBlocks,
  surveyText,
  tipBlocks,
  tipText,
} from './blocks';
import { meetingCheckKey, nextMonth, nextTip } from './model';
import {
  findCycle,
  findDraft,
  findPair,
  findSurvey,
  openPairsCircles,
  type PairRow,
  pairsOfCycle,
  recordTip,
  setPairChannel,
  surveysOf,
  tipsUsed,
} from './store';
import { TIP_KEYS } from './tips';

const cyclePayload = z.object({ cycleId: z.number().int().positive() });
const remindPayload = z.object({ cycleId: z.number().int().positive(), deadline: z.string().datetime() });
const pairPayload = z.object({ pairId: z.number().int().positive() });
const checkPayload = z.object({ pairId: z.number().int().positive(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const leftOutPayload = z.object({
  cycleId: z.number().int().positive(),
  reason: z.enum(['no-survey', 'late', 'paused', 'avoid-list', 'no-partner-left', 'swapped-out']),
});
const tipPayload = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) });

const DAY_MS = 86_400_000;
/** A "did you meet?" question or a monthly tip this late has lost its point. */
const CHECK_USEFUL_MS = 7 * DAY_MS;
const TIP_USEFUL_MS = 3 * DAY_MS;
/** Monthly tips go out on the first of the month at this local time of the circle. */
const TIP_LOCAL_TIME = '10:00';

/** Every message of the pairs, each a kind in the ledger. */
export interface PairKinds {
  /** The matching survey DM: planned for each active member without answers while the cycle is unmatched. */
  survey: DeliveryKind<z.infer<typeof cyclePayload>>;
  /** An organizer's reminder, with a deadline. */
  remind: DeliveryKind<z.infer<typeof remindPayload>>;
  /** The group DM of a confirmed pair or trio. */
  intro: DeliveryKind<z.infer<typeof pairPayload>>;
  /** A pair kept from the last cycle hears it in its group DM. */
  kept: DeliveryKind<z.infer<typeof pairPayload>>;
  /** To each member not matched at confirm, with why. */
  leftOut: DeliveryKind<z.infer<typeof leftOutPayload>>;
  /** The circle's channel hears that the pairs are confirmed. */
  announce: DeliveryKind<z.infer<typeof cyclePayload>>;
  /** "Did you meet?" in each pair's group DM, on the circle's cadence. */
  check: DeliveryKind<z.infer<typeof checkPayload>>;
  /** After two "not yet" in a row: tips to the pair, and a heads-up to the organizers. */
  commitmentTips: DeliveryKind<z.infer<typeof checkPayload>>;
  headsUp: DeliveryKind<z.infer<typeof checkPayload>>;
  /** The monthly tip in the circle's channel. */
  tip: DeliveryKind<z.infer<typeof tipPayload>>;
}

type Deps = Pick<AppDeps, 'db' | 'gateway' | 'home'>;

/** Why the survey has lost its point for this member, if it has. */
async function surveyClosed(db: Db, d: Delivery<{ cycleId: number }>): Promise<{ skip: string } | { circle: CircleRow }> {
  const cycle = await findCycle(db, d.teamId, d.payload.cycleId);
  const circle = cycle ? await circleById(db, d.teamId, cycle.circle_id) : undefined;
  if (!cycle || !circle || circle.status !== 'open') return { skip: 'circle closed or gone' };
  if ((await currentCycle(db, d.teamId, circle.id))?.id !== cycle.id) return { skip: 'a newer cycle opened' };
  if ((await findDraft(db, d.teamId, cycle.id))?.confirmed_at) return { skip: 'matching confirmed' };
  if (!d.userId || (await membershipOf(db, circle, d.userId))?.status !== 'active') return { skip: 'not an active member' };
  if (await findSurvey(db, d.teamId, cycle.id, d.userId)) return { skip: 'already answered' };
  const userId = d.userId;
  if ((await pairsOfCycle(db, d.teamId, cycle.id)).some((p) => p.user_ids.includes(userId)))
    return { skip: 'kept their pair from the last cycle' };
  return { circle };
}

async function pairAndCircle(
  db: Db,
  teamId: string,
  pairId: number,
): Promise<{ skip: string } | { pair: PairRow; circle: CircleRow }> {
  const pair = await findPair(db, teamId, pairId);
  const circle = pair ? await circleById(db, teamId, pair.circle_id) : undefined;
  if (!pair || !circle || pair.status !== 'confirmed') return { skip: 'pair no longer exists' };
  return { pair, circle };
}

function monthStarts(circle: CircleRow, w: PlanWindow): Array<{ month: string; at: Date }> {
  const out: Array<{ month: string; at: Date }> = [];
  // A day's slack each side: the first of the month in the circle's zone may fall on another UTC day.
  let month = new Date(w.from.getTime() - DAY_MS).toISOString().slice(0, 7);
  const last = new Date(w.to.getTime() + DAY_MS).toISOString().slice(0, 7);
  for (; month <= last; month = nextMonth(month)) {
    const at = zonedWallTimeToInstant(`${month}-01`, TIP_LOCAL_TIME, circleZone(circle));
    if (at > w.from && at <= w.to) out.push({ month, at });
  }
  return out;
}

export function pairKinds(deps: Deps): PairKinds {
  const { db } = deps;

  async function planSurveys(w: PlanWindow): Promise<Array<NewDelivery<{ cycleId: number }>>> {
    const planned: Array<NewDelivery<{ cycleId: number }>> = [];
    for (const circle of await openPairsCircles(db)) {
      const cycle = await currentCycle(db, circle.team_id, circle.id);
      if (!cycle || (await findDraft(db, circle.team_id, cycle.id))?.confirmed_at) continue;
      const answered = new Set((await surveysOf(db, circle.team_id, cycle.id)).map((a) => a.user_id));
      // Pairs kept from the last cycle are matched already.
      for (const p of await pairsOfCycle(db, circle.team_id, cycle.id)) for (const id of p.user_ids) answered.add(id);
      for (const m of await members(db, circle.team_id, circle.id, ['active'])) {
        if (m.role !== 'member' || answered.has(m.user_id)) continue;
        planned.push({
          teamId: circle.team_id,
          key: `pairs-survey:${cycle.id}:${m.user_id}`,
          circleId: circle.id,
          userId: m.user_id,
          dueAt: w.now,
          payload: { cycleId: cycle.id },
        });
      }
    }
    return planned;
  }

  async function planChecks(w: PlanWindow): Promise<Array<NewDelivery<z.infer<typeof checkPayload>>>> {
    const planned: Array<NewDelivery<z.infer<typeof checkPayload>>> = [];
    for (const circle of await openPairsCircles(db)) {
      const cadence = parseStoredCadence(circle.cadence);
      const cycle = cadence ? await currentCycle(db, circle.team_id, circle.id) : undefined;
      if (!cadence || !cycle) continue;
      const due = occurrences(
        cadence,
        { startDate: cycle.start_date, endDate: cycle.end_date },
        { from: w.from, to: w.to },
      ).filter((o) => o.startsAt > w.from);
      if (!due.length) continue;
      for (const pair of await pairsOfCycle(db, circle.team_id, cycle.id)) {
        for (const o of due) {
          if (pair.confirmed_at && pair.confirmed_at >= o.startsAt) continue;
          planned.push({
            teamId: circle.team_id,
            key: meetingCheckKey(pair.id, o.localDate),
            circleId: circle.id,
            dueAt: o.startsAt,
            expiresAt: new Date(o.startsAt.getTime() + CHECK_USEFUL_MS),
            payload: { pairId: pair.id, date: o.localDate },
          });
        }
      }
    }
    return planned;
  }

  async function planTips(w: PlanWindow): Promise<Array<NewDelivery<{ month: string }>>> {
    const planned: Array<NewDelivery<{ month: string }>> = [];
    for (const circle of await openPairsCircles(db)) {
      if (!circle.channel_id) continue;
      for (const { month, at } of monthStarts(circle, w)) {
        planned.push({
          teamId: circle.team_id,
          key: `pairs-tip:${circle.id}:${month}`,
          circleId: circle.id,
          channelId: circle.channel_id,
          dueAt: at,
          expiresAt: new Date(at.getTime() + TIP_USEFUL_MS),
          payload: { month },
        });
      }
    }
    return planned;
  }

  return {
    survey: defineKind({
      kind: 'pairs-survey',
      payload: cyclePayload,
      plan: planSurveys,
      async render(d) {
        const open = await surveyClosed(db, d);
        if ('skip' in open) return open;
        return {
          post: { channel: d.userId!, text: surveyText(open.circle), blocks: surveyBlocks(open.circle, d.payload.cycleId) },
        };
      },
    }),

    remind: defineKind({
      kind: 'pairs-survey-reminder',
      payload: remindPayload,
      async render(d) {
        const open = await surveyClosed(db, d);
        if ('skip' in open) return open;
        const deadline = new Date(d.payload.deadline);
        return {
          post: {
            channel: d.userId!,
            text: remindText(open.circle, deadline),
            blocks: remindBlocks(open.circle, d.payload.cycleId, deadline),
          },
        };
      },
    }),

    intro: defineKind({
      kind: 'pairs-intro',
      payload: pairPayload,
      async render(d) {
        const loaded = await pairAndCircle(db, d.teamId, d.payload.pairId);
        if ('skip' in loaded) return loaded;
        const { pair, circle } = loaded;
        let channel = pair.channel_id;
        if (!channel) {
          // Opening the group DM sends nothing; asking again returns the same conversation.
          const client = await deps.gateway.client(d.teamId);
          const opened = await client.conversations.open({ users: pair.user_ids.join(',') });
          channel = opened.channel?.id ?? null;
          if (!channel) return { skip: 'Slack opened no conversation' };
          await setPairChannel(db, d.teamId, pair.id, channel);
        }
        const goals = new Map<string, string>();
        for (const id of pair.user_ids) {
          const s = await findSurvey(db, d.teamId, pair.cycle_id, id);
          if (s) goals.set(id, s.goals);
        }
        return {
          post: { channel, text: introText(circle, pair), blocks: introBlocks(circle, pair, goals) },
          // The App Home names the partner from now on.
          afterSend: async () => {
            for (const id of pair.user_ids) await deps.home.refresh(d.teamId, id);
          },
        };
      },
    }),

    kept: defineKind({
      kind: 'pairs-kept',
      payload: pairPayload,
      async render(d) {
        const loaded = await pairAndCircle(db, d.teamId, d.payload.pairId);
        if ('skip' in loaded) return loaded;
        const { pair, circle } = loaded;
        const cycle = await findCycle(db, d.teamId, pair.cycle_id);
        if (!pair.channel_id || !cycle) return { skip: 'the pair has no group DM' };
        if ((await currentCycle(db, d.teamId, circle.id))?.id !== cycle.id) return { skip: 'a newer cycle opened' };
        return {
          post: { channel: pair.channel_id, text: keptText(circle, pair, cycle.number) },
          afterSend: async () => {
            for (const id of pair.user_ids) await deps.home.refresh(d.teamId, id);
          },
        };
      },
    }),

    leftOut: defineKind({
      kind: 'pairs-left-out',
      payload: leftOutPayload,
      async render(d) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        if (!circle || !d.userId) return { skip: 'circle no longer exists' };
        const m = await membershipOf(db, circle, d.userId);
        if (!m || m.status === 'left') return { skip: 'no longer in the circle' };
        const userId = d.userId;
        return {
          post: { channel: userId, text: leftOutText(circle, d.payload.reason) },
          afterSend: () => deps.home.refresh(d.teamId, userId),
        };
      },
    }),

    announce: defineKind({
      kind: 'pairs-announce',
      payload: cyclePayload,
      async render(d) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        const cycle = await findCycle(db, d.teamId, d.payload.cycleId);
        if (!circle?.channel_id || !cycle) return { skip: 'circle or its channel is gone' };
        const groups = (await pairsOfCycle(db, d.teamId, cycle.id)).length;
        return { post: { channel: circle.channel_id, text: announceText(circle, groups, cycle.number) } };
      },
    }),

    check: defineKind({
      kind: 'pairs-meeting-check',
      payload: checkPayload,
      plan: planChecks,
      async render(d) {
        const loaded = await pairAndCircle(db, d.teamId, d.payload.pairId);
        if ('skip' in loaded) return loaded;
        if (!loaded.pair.channel_id) return { skip: 'the pair has no group DM yet' };
        return { post: { channel: loaded.pair.channel_id, text: checkText, blocks: checkBlocks(d.payload) } };
      },
    }),

    commitmentTips: defineKind({
      kind: 'pairs-commitment-tips',
      payload: checkPayload,
      async render(d) {
        const loaded = await pairAndCircle(db, d.teamId, d.payload.pairId);
        if ('skip' in loaded) return loaded;
        if (!loaded.pair.channel_id) return { skip: 'the pair has no group DM' };
        return { post: { channel: loaded.pair.channel_id, text: commitmentTipsText(loaded.pair) } };
      },
    }),

    headsUp: defineKind({
      kind: 'pairs-heads-up',
      payload: checkPayload,
      async render(d) {
        const loaded = await pairAndCircle(db, d.teamId, d.payload.pairId);
        if ('skip' in loaded) return loaded;
        if (!d.userId) return { skip: 'no recipient' };
        return { post: { channel: d.userId, text: headsUpText(loaded.circle, loaded.pair) } };
      },
    }),

    tip: defineKind({
      kind: 'pairs-monthly-tip',
      payload: tipPayload,
      plan: planTips,
      async render(d, now) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        if (!circle?.channel_id || circle.status !== 'open') return { skip: 'circle closed or has no channel' };
        const used = await tipsUsed(db, d.teamId, circle.id);
        if (used.some((u) => u.month === d.payload.month)) return { skip: 'this month has had its tip' };
        const key = nextTip(
          TIP_KEYS,
          used.map((u) => u.tip_key),
        );
        return {
          post: { channel: circle.channel_id, text: tipText(key), blocks: tipBlocks(key) },
          afterSend: () => recordTip(db, d.teamId, circle.id, key, d.payload.month, now),
        };
      },
    }),
  };
}
