import { parseStoredCadence } from '../circles/cadenceOf';
import { type CircleRow, currentCycle, findCircle, membersOf } from '../circles/store';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../errors';
import { planDeliveries, recipientsOf, shiftPendingForSession, skipPendingForSession } from '../scheduler/ledger';
import { occurrences } from './occurrences';
import { pickPrompt, promptsForCircle } from './prompts';
import { nextLeader } from './rotation';
import {
  customPrompts,
  deleteSessions,
  findSession,
  insertSessionSlot,
  lastLedAt,
  type SessionRow,
  sessionsBetween,
  updateSession,
  usedPromptKeys,
} from './store';

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
 */
export async function syncSessions(db: Db, teamId: string, circleId: number, now: Date): Promise<SyncResult> {
  const result: SyncResult = { created: 0, moved: 0, removed: 0 };
  const circle = await findCircle(db, teamId, circleId);
  const cadence = circle ? parseStoredCadence(circle.cadence) : null;
  const cycle = circle ? await currentCycle(db, teamId, circleId) : undefined;
  if (!circle || !cadence || !cycle) return result;
  const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
  // Coaching pairs meet on their own, and an ended circle not at all: their future slots go.
  const meets = circle.kind === 'group' && circle.status !== 'ended';
  const wanted = meets
    ? occurrences(cadence, { startDate: cycle.start_date, endDate: cycle.end_date }, { from: now, to: horizon })
    : [];
  const existing = await sessionsBetween(db, teamId, circleId, now, new Date(horizon.getTime() + 31 * DAY_MS));
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
        await shiftPendingForSession(trx, teamId, s.id, o.startsAt, o.endsAt, now);
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
    await trx
      .deleteFrom('deliveries')
      .where('team_id', '=', teamId)
      .where('session_id', 'in', untouched.length ? untouched : [-1])
      .execute();
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
 * Gives a session its warm-up leader and prompt if it has none yet. Done in session order as
 * each session comes up, so "who led least recently" counts the sessions before it.
 */
export async function ensureWarmup(db: Db, session: SessionRow): Promise<SessionRow> {
  if (session.leader_user_id && session.prompt_key) return session;
  const teamId = session.team_id;
  const leader = session.leader_user_id ?? (await chooseLeader(db, teamId, session.circle_id, session.warmup_passed));
  const prompt = session.prompt_key
    ? { id: session.prompt_key, text: session.prompt_text ?? '' }
    : await choosePrompt(db, teamId, session);
  return updateSession(db, teamId, session.id, { leader_user_id: leader, prompt_key: prompt.id, prompt_text: prompt.text });
}

async function chooseLeader(db: Db, teamId: string, circleId: number, exclude: string[]): Promise<string | null> {
  const [members, led] = await Promise.all([membersOf(db, teamId, circleId, ['active']), lastLedAt(db, teamId, circleId)]);
  return nextLeader(
    members.map((m) => ({
      userId: m.user_id,
      joinedAt: m.joined_at ?? m.queued_at,
      status: m.status,
      lastLedAt: led.get(m.user_id) ?? null,
    })),
    { exclude },
  );
}

async function choosePrompt(db: Db, teamId: string, session: SessionRow): Promise<{ id: string; text: string }> {
  const [custom, used] = await Promise.all([
    customPrompts(db, teamId, session.circle_id),
    usedPromptKeys(db, teamId, session.circle_id),
  ]);
  const available = promptsForCircle(custom.map((p) => ({ id: `custom-${p.id}`, text: p.text })));
  return pickPrompt(available, used, `${session.circle_id}:${session.id}:${used.length}`);
}

/** Hands the warm-up to the next person in rotation; returns the new leader (or null if nobody is left). */
export async function passWarmup(db: Db, teamId: string, sessionId: number, userId: string, now: Date): Promise<SessionRow> {
  const session = await findSession(db, teamId, sessionId);
  if (!session || session.status !== 'scheduled')
    throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  if (session.leader_user_id !== userId) throw new AppError(ErrorCode.Conflict, 'This warm-up is not yours to pass any more.');
  const passed = [...session.warmup_passed, userId];
  const leader = await chooseLeader(db, teamId, session.circle_id, passed);
  return updateSession(db, teamId, sessionId, { leader_user_id: leader, warmup_passed: passed, updated_at: now });
}

/** Draws another prompt for a session: one the circle has not seen, as always. */
export async function redrawPrompt(db: Db, teamId: string, sessionId: number, userId: string, now: Date): Promise<SessionRow> {
  const session = await findSession(db, teamId, sessionId);
  if (!session || session.status !== 'scheduled')
    throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  if (session.leader_user_id !== userId)
    throw new AppError(ErrorCode.Conflict, 'Only the warm-up leader can draw another prompt.');
  const prompt = await choosePrompt(db, teamId, session);
  return updateSession(db, teamId, sessionId, { prompt_key: prompt.id, prompt_text: prompt.text, updated_at: now });
}

export interface ChangeOutcome {
  session: SessionRow;
  /** People who had been reminded of the old plan and are told of the change. */
  toldOfChange: number;
}

/** Cancels one session: nothing more is sent for it, and whoever was reminded is told. */
export async function cancelSession(db: Db, circle: CircleRow, sessionId: number, now: Date): Promise<ChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    const session = await findSession(trx, circle.team_id, sessionId);
    if (!session || session.circle_id !== circle.id)
      throw new AppError(ErrorCode.NotFound, 'That session is not on the schedule.');
    // A held session has started by definition, so that is what the person is told.
    if (session.starts_at <= now || session.status === 'held')
      throw new AppError(ErrorCode.Conflict, 'That session has already started.');
    if (session.status !== 'scheduled') throw new AppError(ErrorCode.Conflict, 'That session is already cancelled.');
    const updated = await updateSession(trx, circle.team_id, sessionId, {
      status: 'cancelled',
      sequence: session.sequence + 1,
      updated_at: now,
    });
    await skipPendingForSession(trx, circle.team_id, sessionId, 'session cancelled', now);
    const told = await planChangeNotices(trx, updated, 'cancelled', now);
    return { session: updated, toldOfChange: told };
  });
}

/** Moves one session to another time; reminders not sent yet follow it. */
export async function rescheduleSession(
  db: Db,
  circle: CircleRow,
  sessionId: number,
  startsAt: Date,
  now: Date,
): Promise<ChangeOutcome> {
  if (startsAt <= now) throw new AppError(ErrorCode.Invalid, 'Pick a time in the future.');
  return db.transaction().execute(async (trx) => {
    const session = await findSession(trx, circle.team_id, sessionId);
    if (!session || session.circle_id !== circle.id)
      throw new AppError(ErrorCode.NotFound, 'That session is not on the schedule.');
    if (session.starts_at <= now || session.status === 'held')
      throw new AppError(ErrorCode.Conflict, 'That session has already started.');
    if (session.status !== 'scheduled') throw new AppError(ErrorCode.Conflict, 'That session is cancelled; it cannot be moved.');
    const endsAt = new Date(startsAt.getTime() + (session.ends_at.getTime() - session.starts_at.getTime()));
    const updated = await updateSession(trx, circle.team_id, sessionId, {
      starts_at: startsAt,
      ends_at: endsAt,
      rescheduled: true,
      sequence: session.sequence + 1,
      updated_at: now,
    });
    await shiftPendingForSession(trx, circle.team_id, sessionId, startsAt, endsAt, now);
    const told = await planChangeNotices(trx, updated, 'moved', now);
    return { session: updated, toldOfChange: told };
  });
}

async function planChangeNotices(
  trx: Parameters<typeof recipientsOf>[0],
  session: SessionRow,
  change: 'moved' | 'cancelled',
  now: Date,
): Promise<number> {
  const reminded = await recipientsOf(trx, session.team_id, session.id, 'reminder');
  await planDeliveries(
    trx,
    reminded.map((userId) => ({
      teamId: session.team_id,
      key: `change:${session.id}:${userId}:${session.sequence}`,
      kind: 'session-change',
      circleId: session.circle_id,
      sessionId: session.id,
      userId,
      dueAt: now,
      expiresAt: change === 'moved' ? session.starts_at : null,
      payload: { change, sequence: session.sequence },
    })),
    now,
  );
  return reminded.length;
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
