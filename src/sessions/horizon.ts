import { circleById, currentCycle } from '../circles/service';
import type { Db } from '../db/database';
import { dropForSessions, recipientsOf, skipPendingForSession } from '../scheduler/ledger';
import { parseStoredCadence } from '../time/cadence';
import { occurrences } from '../time/occurrences';
import { reanchorPending } from './deliveries';
import { deleteSessions, insertSessionSlot, sessionsBetween, updateSession } from './store';

/** A circle's sessions as stored: generated from its cadence up to a rolling horizon, and marked held once over. */

const DAY_MS = 86_400_000;
/** Sessions are stored this far ahead, so schedules and calendars can show them. */
export const HORIZON_DAYS = 120;
/** The horizon is topped up once it is closer than this. */
const HORIZON_REFILL_DAYS = 100;

export interface SyncResult {
  created: number;
  moved: number;
  removed: number;
}

/**
 * Makes a circle's stored future sessions match its cadence and cycle, up to the horizon.
 * Sessions whose instant is unchanged keep everything (leader, prompt, agenda items); a slot
 * whose time changed is moved in place (its agenda items follow it); sessions moved by hand are
 * left alone; slots the cadence no longer has are removed, or cancelled if anyone was told of them.
 * Sessions before the circle's `cadence_from` are not touched.
 */
export async function syncSessions(db: Db, teamId: string, circleId: number, now: Date): Promise<SyncResult> {
  const result: SyncResult = { created: 0, moved: 0, removed: 0 };
  const circle = await circleById(db, teamId, circleId);
  const cadence = circle ? parseStoredCadence(circle.cadence) : null;
  const cycle = circle ? await currentCycle(db, teamId, circleId) : undefined;
  if (!circle || !cadence || !cycle) return result;
  const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
  // A cadence picked to apply from a later session leaves the sessions before it as they are.
  const from = circle.cadence_from && circle.cadence_from > now ? circle.cadence_from : now;
  // Coaching pairs meet on their own, and an ended circle not at all: their future slots go.
  const meets = circle.kind === 'group' && circle.status !== 'ended';
  const wanted = meets
    ? occurrences(cadence, { startDate: cycle.start_date, endDate: cycle.end_date }, { from, to: horizon })
    : [];
  const existing = await sessionsBetween(db, teamId, circleId, from, new Date(horizon.getTime() + 31 * DAY_MS));
  const bySlot = new Map(existing.map((s) => [s.occurrence_date, s]));
  const wantedSlots = new Set(wanted.map((o) => o.localDate));

  await db.transaction().execute(async (trx) => {
    for (const o of wanted) {
      const s = bySlot.get(o.localDate);
      if (!s) {
        const stored = await insertSessionSlot(trx, {
          team_id: teamId,
          circle_id: circleId,
          cycle_id: cycle.id,
          pair_id: null,
          occurrence_date: o.localDate,
          starts_at: o.startsAt,
          ends_at: o.endsAt,
          leader_user_id: null,
          prompt_key: null,
          prompt_text: null,
          agenda_channel_id: null,
          agenda_ts: null,
          created_at: now,
          updated_at: now,
        });
        if (stored) result.created++;
        continue;
      }
      if (s.rescheduled || s.status !== 'scheduled') continue;
      if (s.starts_at.getTime() !== o.startsAt.getTime() || s.ends_at.getTime() !== o.endsAt.getTime()) {
        await updateSession(trx, teamId, s.id, {
          starts_at: o.startsAt,
          ends_at: o.endsAt,
          sequence: s.sequence + 1,
          updated_at: now,
        });
        await reanchorPending(trx, teamId, s.id, o.startsAt, o.endsAt, now);
        result.moved++;
      }
    }
    const gone = existing.filter(
      (s) => !wantedSlots.has(s.occurrence_date) && !s.rescheduled && s.status === 'scheduled' && s.starts_at < horizon,
    );
    const untouched: number[] = [];
    for (const s of gone) {
      const told = await recipientsOf(trx, teamId, s.id, 'reminder');
      if (told.length === 0 && !s.agenda_ts) untouched.push(s.id);
      else {
        await updateSession(trx, teamId, s.id, { status: 'cancelled', sequence: s.sequence + 1, updated_at: now });
        await skipPendingForSession(trx, teamId, s.id, 'cadence changed', now);
      }
      result.removed++;
    }
    await dropForSessions(trx, teamId, untouched);
    await deleteSessions(trx, teamId, untouched);
    await trx
      .updateTable('circles')
      .set({ sessions_planned_until: horizon })
      .where('team_id', '=', teamId)
      .where('id', '=', circleId)
      .execute();
  });
  return result;
}

/** Circles whose stored sessions end too soon; the horizon job tops them up. */
export async function circlesNeedingSessions(db: Db, now: Date, limit: number): Promise<Array<{ team_id: string; id: number }>> {
  const refillBefore = new Date(now.getTime() + HORIZON_REFILL_DAYS * DAY_MS);
  return db
    .selectFrom('circles')
    .select(['team_id', 'id'])
    .where('kind', '=', 'group')
    .where('status', '!=', 'ended')
    .where((eb) => eb.or([eb('sessions_planned_until', 'is', null), eb('sessions_planned_until', '<', refillBefore)]))
    .orderBy('sessions_planned_until', (ob) => ob.asc().nullsFirst())
    .limit(limit)
    .execute();
}

/**
 * Marks sessions whose time is over as held. Scheduled sessions are what the planner scans, so
 * this keeps its index to what is still ahead; each pass touches only what ended since the last.
 */
export async function markEndedSessionsHeld(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ status: 'held', updated_at: now })
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', now)
    .where('ends_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
