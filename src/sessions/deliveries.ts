import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { AGENDA_LEADS, REMINDER_LEADS } from '../circles/settings/leads';
import { type CircleRow, circleById, memberIds, membershipOf } from '../circles/service';
import type { Db } from '../db/database';
import type { Database } from '../db/types';
import { type Delivery, type DeliveryKind, defineKind, type NewDelivery, type PlanWindow } from '../scheduler/kinds';
import { moveDelivery, pendingForSession } from '../scheduler/ledger';
import { handedOverNote } from './blocks';
import { agendaBlocks, agendaText, changeText, reminderBlocks, reminderText, warmupBlocks, warmupText } from './messages';
import { type AgendaExtras, noAgendaExtras } from './ports';
import { agendaItems, findSession, type SessionRow, updateSession } from './store';
import { ensureWarmup } from './warmup';

type Conn = Kysely<Database> | Transaction<Database>;

/** The warm-up leader hears of their turn this long before the session. */
export const WARMUP_LEAD_MINUTES = 3 * 1440;

const leadPayload = z.object({ leadMinutes: z.number().int().min(0) });
const handoverPayload = z.object({ from: z.string() });
const changePayload = z.object({ change: z.enum(['moved', 'cancelled']), sequence: z.number().int() });
type Lead = z.infer<typeof leadPayload>;
export type Change = z.infer<typeof changePayload>;

export interface SessionKinds {
  reminder: DeliveryKind<Lead>;
  agenda: DeliveryKind<Lead>;
  warmup: DeliveryKind<Lead>;
  change: DeliveryKind<Change>;
  handover: DeliveryKind<z.infer<typeof handoverPayload>>;
}

/** Extra lines a reminder carries for its reader (their own open commitments, say), from features built on sessions. */
export type ReminderExtras = (session: SessionRow, userId: string) => Promise<import('@slack/types').KnownBlock[]>;

interface Due {
  session: SessionRow;
  kind: 'reminder' | 'agenda' | 'warmup';
  leadMinutes: number;
}

/**
 * The messages around a group session: reminders, the agenda post, the warm-up leader's turn,
 * and news of a move or cancellation. The three calendar-driven kinds share one scan per window
 * (`dueIn`), so warm-up leaders are chosen in session order across all of them: rotation counts
 * the sessions before, whichever message asks first.
 */
export function sessionKinds(
  db: Db,
  reminderExtras: ReminderExtras = async () => [],
  agendaExtras: AgendaExtras = noAgendaExtras,
): SessionKinds {
  let memo: { from: number; to: number; due: Promise<Due[]> } | undefined;
  const dueIn = (w: PlanWindow): Promise<Due[]> => {
    if (!memo || memo.from !== w.from.getTime() || memo.to !== w.to.getTime()) {
      memo = { from: w.from.getTime(), to: w.to.getTime(), due: scanDue(db, w) };
    }
    return memo.due;
  };
  const planOf = async (w: PlanWindow, kind: Due['kind']) => (await dueIn(w)).filter((d) => d.kind === kind);

  const base = (d: Due) => ({
    teamId: d.session.team_id,
    circleId: d.session.circle_id,
    sessionId: d.session.id,
    dueAt: new Date(d.session.starts_at.getTime() - d.leadMinutes * 60_000),
    payload: { leadMinutes: d.leadMinutes },
  });

  return {
    reminder: defineKind({
      kind: 'reminder',
      payload: leadPayload,
      async plan(w) {
        const planned: Array<NewDelivery<Lead>> = [];
        const byCircle = new Map<string, string[]>();
        for (const d of await planOf(w, 'reminder')) {
          const key = `${d.session.team_id}:${d.session.circle_id}`;
          let people = byCircle.get(key);
          if (!people) {
            // Only active members: paused, waitlisted and departed people get no reminders.
            people = await memberIds(db, d.session.team_id, d.session.circle_id, ['active']);
            byCircle.set(key, people);
          }
          for (const userId of people) {
            planned.push({
              ...base(d),
              key: `reminder:${d.session.id}:${userId}:${d.leadMinutes}`,
              userId,
              expiresAt: d.session.starts_at,
            });
          }
        }
        return planned;
      },
      async render(d) {
        const loaded = await load(db, d);
        if ('skip' in loaded) return loaded;
        const { circle, session } = loaded;
        const inactive = await stillActive(db, circle, d.userId);
        if (inactive) return { skip: inactive };
        const lead = d.payload.leadMinutes;
        return {
          post: {
            channel: d.userId!,
            text: reminderText(circle, session, lead),
            blocks: reminderBlocks(
              circle,
              session,
              lead,
              await agendaItems(db, d.teamId, session.id),
              await reminderExtras(session, d.userId!),
            ),
          },
        };
      },
    }),

    agenda: defineKind({
      kind: 'agenda',
      payload: leadPayload,
      async plan(w) {
        return (await planOf(w, 'agenda')).map((d) => ({
          ...base(d),
          key: `agenda:${d.session.id}`,
          expiresAt: d.session.ends_at,
        }));
      },
      async render(d) {
        const loaded = await load(db, d);
        if ('skip' in loaded) return loaded;
        const { circle, session } = loaded;
        if (!circle.channel_id) return { skip: 'circle has no channel' };
        return {
          post: {
            channel: circle.channel_id,
            text: agendaText(circle, session),
            blocks: [...agendaBlocks(circle, session, await agendaItems(db, d.teamId, session.id)), ...agendaExtras(session)],
          },
          // Remembered so later changes edit this post in place instead of posting again.
          afterSend: async ({ channel, ts }) => {
            await updateSession(db, d.teamId, session.id, { agenda_channel_id: channel, agenda_ts: ts });
          },
        };
      },
    }),

    warmup: defineKind({
      kind: 'warmup',
      payload: leadPayload,
      async plan(w) {
        return (await planOf(w, 'warmup')).flatMap((d) =>
          d.session.leader_user_id
            ? [
                {
                  ...base(d),
                  key: `warmup:${d.session.id}:${d.session.leader_user_id}`,
                  userId: d.session.leader_user_id,
                  expiresAt: d.session.starts_at,
                },
              ]
            : [],
        );
      },
      async render(d) {
        const loaded = await load(db, d);
        if ('skip' in loaded) return loaded;
        const { circle, session } = loaded;
        if (session.leader_user_id !== d.userId) return { skip: 'warm-up passed to someone else' };
        const inactive = await stillActive(db, circle, d.userId);
        if (inactive) return { skip: inactive };
        return { post: { channel: d.userId!, text: warmupText(circle, session), blocks: warmupBlocks(circle, session) } };
      },
    }),

    handover: defineKind({
      kind: 'warmup-handover',
      payload: handoverPayload,
      async render(d) {
        const loaded = await load(db, d);
        if ('skip' in loaded) return loaded;
        const { circle, session } = loaded;
        if (session.leader_user_id !== d.userId) return { skip: 'warm-up passed on again' };
        return {
          post: {
            channel: d.userId!,
            text: warmupText(circle, session),
            blocks: [handedOverNote(d.payload.from), ...warmupBlocks(circle, session)],
          },
        };
      },
    }),

    change: defineKind({
      kind: 'session-change',
      payload: changePayload,
      async render(d) {
        const loaded = await load(db, d, { anyStatus: true });
        if ('skip' in loaded) return loaded;
        const { circle, session } = loaded;
        const inactive = await stillActive(db, circle, d.userId);
        if (inactive) return { skip: inactive };
        return { post: { channel: d.userId!, text: changeText(circle, session, d.payload.change) } };
      },
    }),
  };
}

type Loaded = { skip: string } | { circle: CircleRow; session: SessionRow };

async function load(db: Db, d: Delivery<unknown>, opts: { anyStatus?: boolean } = {}): Promise<Loaded> {
  const session = d.sessionId === null ? undefined : await findSession(db, d.teamId, d.sessionId);
  const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
  if (!session || !circle) return { skip: 'session or circle no longer exists' };
  if (!opts.anyStatus && session.status !== 'scheduled') return { skip: `session ${session.status}` };
  return { circle, session };
}

/** Paused, waitlisted and departed members are not messaged, whatever was planned for them. */
async function stillActive(db: Db, circle: CircleRow, userId: string | null): Promise<string | null> {
  const m = userId ? await membershipOf(db, circle, userId) : undefined;
  if (!m) return 'not a member';
  return m.status === 'active' ? null : `member is ${m.status}`;
}

/**
 * Every session message falling due in the window, warm-ups assigned in session order. Each kind
 * and lead of the fixed menus is one narrow range scan on session start times, so a pass costs
 * what is due in it, not what is stored.
 */
async function scanDue(db: Db, w: PlanWindow): Promise<Due[]> {
  const due: Due[] = [];
  for (const { minutes: lead } of REMINDER_LEADS) {
    for (const session of await sessionsStartingIn(db, w, lead, sql`${lead} = ANY(c.reminder_lead_minutes)`)) {
      due.push({ session, kind: 'reminder', leadMinutes: lead });
    }
  }
  for (const { minutes: lead } of AGENDA_LEADS) {
    for (const session of await sessionsStartingIn(
      db,
      w,
      lead,
      sql`c.agenda_lead_minutes = ${lead} AND c.channel_id IS NOT NULL`,
    )) {
      due.push({ session, kind: 'agenda', leadMinutes: lead });
    }
  }
  for (const session of await sessionsStartingIn(db, w, WARMUP_LEAD_MINUTES, sql`true`)) {
    due.push({ session, kind: 'warmup', leadMinutes: WARMUP_LEAD_MINUTES });
  }
  // Warm-up leaders are chosen in session order, so rotation counts the sessions before.
  due.sort((a, b) => a.session.starts_at.getTime() - b.session.starts_at.getTime() || a.session.id - b.session.id);
  const withWarmup = new Map<number, SessionRow>();
  for (const d of due) {
    let session = withWarmup.get(d.session.id);
    if (!session) {
      session = await ensureWarmup(db, d.session);
      withWarmup.set(session.id, session);
    }
    d.session = session;
  }
  return due;
}

/** Scheduled group sessions whose due time (start minus lead) falls in (from, to]. */
async function sessionsStartingIn(
  db: Db,
  w: PlanWindow,
  leadMinutes: number,
  circleFilter: ReturnType<typeof sql>,
): Promise<SessionRow[]> {
  const lo = new Date(w.from.getTime() + leadMinutes * 60_000);
  const hi = new Date(w.to.getTime() + leadMinutes * 60_000);
  const { rows } = await sql<SessionRow>`
    SELECT s.*
    FROM sessions s JOIN circles c ON c.team_id = s.team_id AND c.id = s.circle_id
    WHERE s.status = 'scheduled' AND s.pair_id IS NULL AND s.starts_at > ${lo} AND s.starts_at <= ${hi}
      AND c.status <> 'ended' AND ${circleFilter}
    ORDER BY s.starts_at, s.id`.execute(db);
  return rows;
}

/**
 * Moves what has not gone out yet for a session to its new time: each message keeps its lead
 * before the start; the agenda stays of use until the end, the others until the start.
 */
export async function reanchorPending(
  db: Conn,
  teamId: string,
  sessionId: number,
  startsAt: Date,
  endsAt: Date,
  now: Date,
): Promise<void> {
  for (const p of await pendingForSession(db, teamId, sessionId)) {
    const lead = leadPayload.safeParse(p.payload);
    const leadMinutes = lead.success ? lead.data.leadMinutes : 0;
    const due = new Date(startsAt.getTime() - leadMinutes * 60_000);
    await moveDelivery(db, teamId, p.id, due, p.kind === 'agenda' ? endsAt : startsAt, now);
  }
}
