import { sql } from 'kysely';
import { membersOf } from '../circles/store';
import type { Db } from '../db/database';
import { advanceWatermark, type PlannedDelivery, planDeliveries, readWatermark } from '../scheduler/ledger';
import { AGENDA_LEADS, REMINDER_LEADS } from './leads';
import { ensureWarmup } from './service';
import type { SessionRow } from './store';

/** The warm-up leader hears of their turn this long before the session. */
export const WARMUP_LEAD_MINUTES = 3 * 1440;
/** Deliveries are planned this far ahead of their due time. */
export const PLAN_AHEAD_MS = 2 * 60_000;
/** On the very first pass, look this far back for deliveries that are late but may still be of use. */
const FIRST_LOOKBACK_MS = 86_400_000;
const WATERMARK = 'deliveries_planned_until';

type Kind = 'reminder' | 'agenda' | 'warmup';

interface Due {
  session: SessionRow;
  kind: Kind;
  leadMinutes: number;
  channelId: string | null;
}

/**
 * Plans every delivery that falls due between the last pass and a little after `now`. Each kind
 * and lead of the fixed menus is one narrow range scan on session start times, so a pass costs
 * what is due in it, not what is stored. After downtime the window simply covers the gap: late deliveries are
 * planned, and the sender skips the ones past their use.
 */
export async function planDue(db: Db, now: Date): Promise<{ planned: number; sessions: number }> {
  const from = (await readWatermark(db, WATERMARK)) ?? new Date(now.getTime() - FIRST_LOOKBACK_MS);
  const to = new Date(now.getTime() + PLAN_AHEAD_MS);
  if (to <= from) return { planned: 0, sessions: 0 };

  const due: Due[] = [];
  for (const { minutes: lead } of REMINDER_LEADS) {
    for (const r of await sessionsStartingIn(db, from, to, lead, sql`${lead} = ANY(c.reminder_lead_minutes)`)) {
      due.push({ session: r.session, kind: 'reminder', leadMinutes: lead, channelId: r.channelId });
    }
  }
  for (const { minutes: lead } of AGENDA_LEADS) {
    for (const r of await sessionsStartingIn(
      db,
      from,
      to,
      lead,
      sql`c.agenda_lead_minutes = ${lead} AND c.channel_id IS NOT NULL`,
    )) {
      due.push({ session: r.session, kind: 'agenda', leadMinutes: lead, channelId: r.channelId });
    }
  }
  for (const r of await sessionsStartingIn(db, from, to, WARMUP_LEAD_MINUTES, sql`true`)) {
    due.push({ session: r.session, kind: 'warmup', leadMinutes: WARMUP_LEAD_MINUTES, channelId: r.channelId });
  }

  // Warm-up leaders are chosen in session order, so rotation counts the sessions before.
  due.sort((a, b) => a.session.starts_at.getTime() - b.session.starts_at.getTime() || a.session.id - b.session.id);
  const withWarmup = new Map<number, SessionRow>();
  const planned: PlannedDelivery[] = [];
  const membersByCircle = new Map<string, string[]>();
  for (const d of due) {
    let session = withWarmup.get(d.session.id);
    if (!session) {
      session = await ensureWarmup(db, d.session);
      withWarmup.set(session.id, session);
    }
    const base = {
      teamId: session.team_id,
      circleId: session.circle_id,
      sessionId: session.id,
      payload: { leadMinutes: d.leadMinutes },
    };
    const dueAt = new Date(session.starts_at.getTime() - d.leadMinutes * 60_000);
    if (d.kind === 'agenda') {
      planned.push({
        ...base,
        key: `agenda:${session.id}`,
        kind: 'agenda',
        channelId: d.channelId,
        dueAt,
        expiresAt: session.ends_at,
      });
    } else if (d.kind === 'warmup') {
      if (session.leader_user_id) {
        const userId = session.leader_user_id;
        planned.push({
          ...base,
          key: `warmup:${session.id}:${userId}`,
          kind: 'warmup',
          userId,
          dueAt,
          expiresAt: session.starts_at,
        });
      }
    } else {
      const key = `${session.team_id}:${session.circle_id}`;
      let members = membersByCircle.get(key);
      if (!members) {
        // Only active members: paused, waitlisted and departed people get no reminders.
        members = (await membersOf(db, session.team_id, session.circle_id, ['active'])).map((m) => m.user_id);
        membersByCircle.set(key, members);
      }
      for (const userId of members) {
        planned.push({
          ...base,
          key: `reminder:${session.id}:${userId}:${d.leadMinutes}`,
          kind: 'reminder',
          userId,
          dueAt,
          expiresAt: session.starts_at,
        });
      }
    }
  }
  const inserted = await planDeliveries(db, planned, now);
  await advanceWatermark(db, WATERMARK, to, now);
  return { planned: inserted, sessions: withWarmup.size };
}

/** Scheduled group sessions whose due time (start minus lead) falls in (from, to]. */
async function sessionsStartingIn(
  db: Db,
  from: Date,
  to: Date,
  leadMinutes: number,
  circleFilter: ReturnType<typeof sql>,
): Promise<Array<{ session: SessionRow; channelId: string | null }>> {
  const lo = new Date(from.getTime() + leadMinutes * 60_000);
  const hi = new Date(to.getTime() + leadMinutes * 60_000);
  const { rows } = await sql<SessionRow & { circle_channel_id: string | null }>`
    SELECT s.*, c.channel_id AS circle_channel_id
    FROM sessions s JOIN circles c ON c.team_id = s.team_id AND c.id = s.circle_id
    WHERE s.status = 'scheduled' AND s.pair_id IS NULL AND s.starts_at > ${lo} AND s.starts_at <= ${hi}
      AND c.status <> 'ended' AND ${circleFilter}
    ORDER BY s.starts_at, s.id`.execute(db);
  return rows.map(({ circle_channel_id, ...session }) => ({ session: session as SessionRow, channelId: circle_channel_id }));
}
