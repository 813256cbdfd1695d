import { sql } from 'kysely';
import { z } from 'zod';
import { AGENDA_LEADS, REMINDER_LEADS } from '../circles/settings/leads';
import { type CircleRow, circleById, type MembershipRow, membersByCircle, membershipOf } from '../circles/service';
import type { Conn, Db } from '../db/database';
import { type Delivery, type DeliveryKind, defineKind, type NewDelivery, type PlanWindow } from '../scheduler/kinds';
import { moveDelivery, pendingForSession } from '../scheduler/ledger';
import { handedOverNote } from './blocks';
import { agendaBlocks, agendaText, changeText, reminderBlocks, reminderText, warmupBlocks, warmupText } from './messages';
import { type AgendaExtras, noAgendaExtras, type ReminderExtras } from './ports';
import { agendaItems, findSession, type SessionRow, updateSession } from './store';
import { ensureWarmups } from './warmup';

/** The warm-up leader hears of their turn this long before the session. */
export const WARMUP_LEAD_MINUTES = 3 * 1440;
/** How far before a reminder's due time a newly taken place is still looked at (see remindersCaughtUp). */
const PLAN_SLACK_MINUTES = 5;

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

interface Due {
  session: SessionRow;
  kind: 'reminder' | 'agenda' | 'warmup';
  leadMinutes: number;
  /** Set when the session came inside its lead after that lead had passed: sent from then, not from start minus lead. */
  lateFrom?: Date;
  /** A reminder caught up for one person, who took their place after its lead had passed. */
  userId?: string;
}

interface Scan {
  due: Due[];
  /** Active members of every circle with something due, by team then circle. */
  active: Map<string, Map<number, MembershipRow[]>>;
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
  let memo: { from: number; to: number; scan: Promise<Scan> } | undefined;
  const scanOf = (w: PlanWindow): Promise<Scan> => {
    if (!memo || memo.from !== w.from.getTime() || memo.to !== w.to.getTime()) {
      memo = { from: w.from.getTime(), to: w.to.getTime(), scan: scanDue(db, w) };
    }
    return memo.scan;
  };
  const planOf = async (w: PlanWindow, kind: Due['kind']) => (await scanOf(w)).due.filter((d) => d.kind === kind);

  const base = (d: Due) => ({
    teamId: d.session.team_id,
    circleId: d.session.circle_id,
    sessionId: d.session.id,
    dueAt: d.lateFrom ?? new Date(d.session.starts_at.getTime() - d.leadMinutes * 60_000),
    payload: { leadMinutes: d.leadMinutes },
  });

  return {
    reminder: defineKind({
      kind: 'reminder',
      payload: leadPayload,
      async plan(w) {
        const planned: Array<NewDelivery<Lead>> = [];
        const { active } = await scanOf(w);
        for (const d of await planOf(w, 'reminder')) {
          // Only active members: paused, waitlisted and departed people get no reminders.
          const people = (active.get(d.session.team_id)?.get(d.session.circle_id) ?? []).filter(
            (m) => d.userId === undefined || m.user_id === d.userId,
          );
          for (const { user_id: userId } of people) {
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
            text: reminderText(circle, session),
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
 * Every session message falling due in the window, warm-ups assigned in session order, and the
 * active members of the circles concerned. Each kind and lead of the fixed menus is a narrow range
 * scan on session start times, all in one statement; members and warm-ups are read and written in
 * one statement each per workspace: so a pass costs a fixed number of round trips plus what is due
 * in it, not one per circle, and nothing that is merely stored.
 */
async function scanDue(db: Db, w: PlanWindow): Promise<Scan> {
  const scans = [
    ...REMINDER_LEADS.map(({ minutes }) => ({
      kind: 'reminder' as const,
      lead: minutes,
      filter: sql`${minutes}::int = ANY(c.reminder_lead_minutes)`,
    })),
    ...AGENDA_LEADS.map(({ minutes }) => ({
      kind: 'agenda' as const,
      lead: minutes,
      filter: sql`c.agenda_lead_minutes = ${minutes}::int AND c.channel_id IS NOT NULL`,
    })),
    { kind: 'warmup' as const, lead: WARMUP_LEAD_MINUTES, filter: sql`true` },
  ];
  const tag = (kind: Due['kind'], lead: number, late: boolean) =>
    sql`${kind}::text AS due_kind, ${lead}::int AS due_lead, ${late}::boolean AS due_late, NULL::text AS due_user, NULL::timestamptz AS due_from`;
  const parts = [
    ...scans.map((scan) => sessionsStartingIn(w, scan.lead, scan.filter, tag(scan.kind, scan.lead, false))),
    ...AGENDA_LEADS.map(({ minutes }) =>
      agendasCaughtUp(
        w,
        minutes,
        sql`c.agenda_lead_minutes = ${minutes}::int AND c.channel_id IS NOT NULL`,
        tag('agenda', minutes, true),
      ),
    ),
    remindersCaughtUp(w),
  ];
  const { rows } = await sql<
    SessionRow & { due_kind: Due['kind']; due_lead: number; due_late: boolean; due_user: string | null; due_from: Date | null }
  >`${sql.join(
    parts.map((part) => sql`(${part})`),
    sql` UNION ALL `,
  )}`.execute(db);
  const due: Due[] = rows.map(({ due_kind, due_lead, due_late, due_user, due_from, ...session }) => ({
    session,
    kind: due_kind,
    leadMinutes: due_lead,
    ...(due_late ? { lateFrom: session.updated_at } : {}),
    ...(due_user !== null && due_from !== null ? { userId: due_user, lateFrom: lateOf(session, due_lead, due_from) } : {}),
  }));
  // Warm-up leaders are chosen in session order, so rotation counts the sessions before.
  due.sort((a, b) => a.session.starts_at.getTime() - b.session.starts_at.getTime() || a.session.id - b.session.id);

  const circlesByTeam = new Map<string, Set<number>>();
  for (const d of due)
    circlesByTeam.set(d.session.team_id, (circlesByTeam.get(d.session.team_id) ?? new Set()).add(d.session.circle_id));
  const active = new Map<string, Map<number, MembershipRow[]>>();
  for (const [teamId, circles] of circlesByTeam) active.set(teamId, await membersByCircle(db, teamId, [...circles], ['active']));

  const sessions = [...new Map(due.map((d) => [d.session.id, d.session])).values()];
  const withWarmup = await ensureWarmups(db, sessions, (teamId) => active.get(teamId));
  for (const d of due) d.session = withWarmup.get(d.session.id) ?? d.session;
  return { due, active };
}

/** Scheduled group sessions whose due time (start minus lead) falls in (from, to]: one part of the scan above. */
function sessionsStartingIn(
  w: PlanWindow,
  leadMinutes: number,
  circleFilter: ReturnType<typeof sql>,
  tag: ReturnType<typeof sql>,
): ReturnType<typeof sql> {
  const lo = new Date(w.from.getTime() + leadMinutes * 60_000);
  const hi = new Date(w.to.getTime() + leadMinutes * 60_000);
  return sql`
    SELECT s.*, ${tag}
    FROM sessions s JOIN circles c ON c.team_id = s.team_id AND c.id = s.circle_id
    WHERE s.status = 'scheduled' AND s.pair_id IS NULL AND s.starts_at > ${lo} AND s.starts_at <= ${hi}
      AND c.status <> 'ended' AND ${circleFilter}`;
}

/**
 * Sessions whose agenda lead had already passed when they were created or moved (a circle set up
 * the afternoon before its first session, a session moved to tomorrow): the window scan above never
 * sees their due time, so they are planned now, once, as long as the session has not started and
 * nothing has been posted for it. The key is the same as the on-time one, so nothing goes out twice.
 */
function agendasCaughtUp(
  w: PlanWindow,
  leadMinutes: number,
  circleFilter: ReturnType<typeof sql>,
  tag: ReturnType<typeof sql>,
): ReturnType<typeof sql> {
  const hi = new Date(w.from.getTime() + leadMinutes * 60_000);
  return sql`
    SELECT s.*, ${tag}
    FROM sessions s JOIN circles c ON c.team_id = s.team_id AND c.id = s.circle_id
    WHERE s.status = 'scheduled' AND s.pair_id IS NULL AND s.starts_at > ${w.from} AND s.starts_at <= ${hi}
      AND s.agenda_ts IS NULL AND s.updated_at > s.starts_at - ${leadMinutes}::int * interval '1 minute'
      AND c.status <> 'ended' AND ${circleFilter}`;
}

/**
 * Reminders for people who took their place (joined, came off the waitlist, resumed) after a
 * reminder's lead had passed: the window scan planned that reminder for the members of the time,
 * so it is planned now for the newcomer, once, until the session starts. Only the latest lead
 * already passed is caught up (someone joining an hour before is not sent last week's reminder
 * too), and the key is the on-time one, so whoever was planned on time is not sent it twice.
 * It starts from the few recent membership events (indexed by time), not from every session
 * inside a lead, so a pass with nobody new costs one index probe.
 */
function remindersCaughtUp(w: PlanWindow): ReturnType<typeof sql> {
  const longest = Math.max(...REMINDER_LEADS.map((l) => l.minutes));
  const since = new Date(w.from.getTime() - (longest + PLAN_SLACK_MINUTES) * 60_000);
  return sql`
    SELECT DISTINCT ON (s.id, m.user_id, lead.minutes) s.*, 'reminder'::text AS due_kind, lead.minutes AS due_lead,
      false AS due_late, m.user_id AS due_user, e.at AS due_from
    FROM membership_events e
    JOIN memberships m ON m.team_id = e.team_id AND m.circle_id = e.circle_id AND m.user_id = e.user_id
      AND m.status = 'active'
    JOIN circles c ON c.team_id = e.team_id AND c.id = e.circle_id AND c.status <> 'ended'
    CROSS JOIN LATERAL unnest(c.reminder_lead_minutes) AS lead(minutes)
    JOIN sessions s ON s.team_id = e.team_id AND s.circle_id = e.circle_id
    WHERE e.status = 'active' AND e.at > ${since} AND e.at <= ${w.to}
      AND s.status = 'scheduled' AND s.pair_id IS NULL AND s.starts_at > ${w.from}
      AND s.starts_at <= ${w.from}::timestamptz + lead.minutes * interval '1 minute'
      -- A place taken a little before the on-time pass was planned then: the same key keeps it single.
      AND e.at > s.starts_at - (lead.minutes + ${PLAN_SLACK_MINUTES}::int) * interval '1 minute'
      AND NOT EXISTS (
        SELECT 1 FROM unnest(c.reminder_lead_minutes) AS later(minutes)
        WHERE later.minutes < lead.minutes AND e.at > s.starts_at - later.minutes * interval '1 minute')
    ORDER BY s.id, m.user_id, lead.minutes, e.at DESC`;
}

/** Sent from when the place was taken, or from the lead's own time if that came later. */
function lateOf(session: SessionRow, leadMinutes: number, from: Date): Date {
  const onTime = session.starts_at.getTime() - leadMinutes * 60_000;
  return new Date(Math.max(onTime, from.getTime()));
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
