import { type CircleRow, circleById, currentCycle, isInCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { isOrganizer, type Person } from '../people/service';
import type { Outbox } from '../scheduler/outbox';
import { recipientsOf, skipPendingForSession } from '../scheduler/ledger';
import { MAX_DURATION_MINUTES, parseStoredCadence } from '../time/cadence';
import { occurrences } from '../time/occurrences';
import { todayIn } from '../time/zonedTime';
import { reanchorPending, type SessionKinds } from './deliveries';
import { syncSessions } from './horizon';
import type { AgendaItemInput, EmptyReason } from './model';
import { PROMPT_BANK } from './promptBank';
import {
  type AgendaItemRow,
  agendaItems,
  endedSessions,
  findSession,
  heldInCycle,
  insertAgendaItem,
  insertPrompt,
  type SessionRow,
  sessionAfter,
  sessionsAfterEach,
  sessionsBetween,
  sessionsByIds,
  sessionsWhere,
  updateSession,
  upcomingSessions,
} from './store';
import { escapeMrkdwn } from '../core/text';

/** What the sessions use cases write besides the database: the messages that follow a change. */
export interface SessionEffects {
  outbox: Outbox;
  kinds: SessionKinds;
}

/**
 * What the /circle session commands and buttons do, without Slack: who may, which session, and
 * what is stored. The Slack listeners only parse, call these and reply.
 */

const DAY_MS = 86_400_000;
// A session under way still belongs on the schedule; none lasts longer than the cadence allows.
const LONGEST_SESSION_MS = MAX_DURATION_MINUTES * 60_000;
// Moved sessions may sit past the stored horizon; cycles last at most two years.
const SCHEDULE_LOOKAHEAD_MS = 3 * 366 * DAY_MS;

export async function sessionWithCircle(
  db: Db,
  teamId: string,
  sessionId: number,
): Promise<{ session: SessionRow; circle: CircleRow }> {
  const session = Number.isSafeInteger(sessionId) && sessionId > 0 ? await findSession(db, teamId, sessionId) : undefined;
  const circle = session ? await circleById(db, teamId, session.circle_id) : undefined;
  if (!session || !circle) throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  return { session, circle };
}

export type { SessionRow };

/**
 * Reads for the features built on sessions (check-ins): a session "took place" once it has ended
 * and was not cancelled, whether or not the held job has marked it yet.
 */

/** When each of these sessions starts, by id (what check-ins order their records by); gone ones are left out. */
export async function sessionStarts(db: Db, teamId: string, ids: readonly number[]): Promise<Map<number, Date>> {
  return new Map((await sessionsByIds(db, teamId, [...new Set(ids)])).map((s) => [s.id, s.starts_at]));
}

/** These sessions, any status, for reading (a person's data names each one's circle and date). */
export async function sessionsOf(db: Db, teamId: string, ids: readonly number[]): Promise<SessionRow[]> {
  return sessionsByIds(db, teamId, [...new Set(ids)]);
}

export async function sessionById(db: Db, teamId: string, sessionId: number): Promise<SessionRow | undefined> {
  return Number.isSafeInteger(sessionId) && sessionId > 0 ? findSession(db, teamId, sessionId) : undefined;
}

/** The circle's sessions that took place, most recent first. */
export async function recentlyHeld(db: Db, circle: CircleRow, now: Date, limit: number): Promise<SessionRow[]> {
  return endedSessions(db, circle.team_id, circle.id, now, limit);
}

/** The circle's latest session that took place, if any. */
export async function latestHeld(db: Db, circle: CircleRow, now: Date): Promise<SessionRow | undefined> {
  return (await endedSessions(db, circle.team_id, circle.id, now, 1))[0];
}

/** The circle's first session (not cancelled) after a given one: "the next session". */
export async function sessionAfterThis(db: Db, session: SessionRow): Promise<SessionRow | undefined> {
  return sessionAfter(db, session.team_id, session.circle_id, session.starts_at);
}

/** `sessionAfterThis` for many sessions at once (one query per workspace), by session id. */
export async function sessionsAfterThese(db: Db, sessions: SessionRow[]): Promise<Map<number, SessionRow>> {
  const next = new Map<number, SessionRow>();
  const byTeam = new Map<string, SessionRow[]>();
  for (const s of sessions) byTeam.set(s.team_id, [...(byTeam.get(s.team_id) ?? []), s]);
  for (const [teamId, group] of byTeam) {
    const found = await sessionsAfterEach(
      db,
      teamId,
      group.map((s) => ({ id: s.id, circleId: s.circle_id, startsAt: s.starts_at })),
    );
    for (const [id, session] of found) next.set(id, session);
  }
  return next;
}

/** Sessions of every workspace (not cancelled) that began in (from, to]. */
export async function sessionsStartedIn(db: Db, from: Date, to: Date): Promise<SessionRow[]> {
  return sessionsWhere(db, 'starts_at', from, to);
}

/** Sessions of every workspace (not cancelled) that ended in (from, to]. */
export async function sessionsEndedIn(db: Db, from: Date, to: Date): Promise<SessionRow[]> {
  return sessionsWhere(db, 'ends_at', from, to);
}

export interface Schedule {
  /** Sessions not over yet, cancelled ones included so people see the gap, soonest first. */
  sessions: SessionRow[];
  /** Why there are none, when there are none. */
  empty: EmptyReason | null;
}

export async function scheduleOf(db: Db, circle: CircleRow, now: Date, limit: number): Promise<Schedule> {
  const from = new Date(now.getTime() - LONGEST_SESSION_MS);
  const to = new Date(now.getTime() + SCHEDULE_LOOKAHEAD_MS);
  const sessions = (await sessionsBetween(db, circle.team_id, circle.id, from, to)).filter((s) => s.ends_at > now);
  if (sessions.length > 0) return { sessions: sessions.slice(0, limit), empty: null };
  return { sessions: [], empty: await whyNoSessions(db, circle, now) };
}

async function whyNoSessions(db: Db, circle: CircleRow, now: Date): Promise<EmptyReason> {
  if (circle.kind === 'pairs') return { kind: 'pairs' };
  if (circle.status === 'ended') return { kind: 'ended' };
  const cadence = parseStoredCadence(circle.cadence);
  if (!cadence) return { kind: 'no-rhythm' };
  const cycle = await currentCycle(db, circle.team_id, circle.id);
  if (!cycle) return { kind: 'no-cycle' };
  const today = todayIn(now, cadence.timeZone);
  if (cycle.start_date > today) return { kind: 'not-started', startDate: cycle.start_date };
  const left = occurrences(
    cadence,
    { startDate: cycle.start_date, endDate: cycle.end_date },
    { from: now, to: new Date(now.getTime() + SCHEDULE_LOOKAHEAD_MS) },
  );
  if (left.length === 0) return { kind: 'cycle-over', endDate: cycle.end_date, ended: cycle.end_date < today };
  // The cadence has sessions ahead that are not stored yet: the scheduler adds them shortly.
  return { kind: 'none' };
}

/** Regenerates a circle's sessions after its cadence changed (from its `cadence_from` on). */
export async function resyncSessions(db: Db, teamId: string, circleId: number, now: Date): Promise<void> {
  await syncSessions(db, teamId, circleId, now);
}

/**
 * Where a circle's new cadence takes over (a time picked in a poll): at the next session no one has
 * been reminded of, so the sessions members were already told about keep their time; or now, when
 * the facilitator moves those too. The cut falls halfway between the last session kept and the
 * next, so a new weekday earlier in the week does not add a meeting in a week that already has one.
 */
export async function cadenceCutover(
  db: Db,
  circle: CircleRow,
  now: Date,
  moveReminded: boolean,
): Promise<{ from: Date; kept: SessionRow[] }> {
  if (moveReminded) return { from: now, kept: [] };
  const ahead = (await upcomingSessions(db, circle.team_id, circle.id, now, 24)).filter((s) => s.starts_at > now);
  const kept: SessionRow[] = [];
  for (const s of ahead) {
    const told = s.agenda_ts !== null || (await recipientsOf(db, circle.team_id, s.id, 'reminder')).length > 0;
    if (!told) break;
    kept.push(s);
  }
  const last = kept.at(-1);
  if (!last) return { from: now, kept };
  const next = ahead[kept.length];
  const from = next
    ? new Date(Math.floor((last.starts_at.getTime() + next.starts_at.getTime()) / 2))
    : new Date(last.ends_at.getTime());
  return { from, kept };
}

/** The next session that has not started: the one a skip cancels and agenda items go to. */
export async function nextSessionToCome(db: Db, circle: CircleRow, now: Date): Promise<SessionRow | undefined> {
  // upcomingSessions includes one under way; a couple more rows are enough to step past it.
  const sessions = await upcomingSessions(db, circle.team_id, circle.id, now, 3);
  return sessions.find((s) => s.starts_at > now);
}

/** A circle's schedule (times, warm-up leaders, attendance) is for its members and organizers. */
export async function assertCanSeeSchedule(
  db: Db,
  circle: CircleRow,
  person: Person,
  organizers: readonly string[],
): Promise<void> {
  if (isOrganizer(person, organizers) || (await isInCircle(db, circle, person.userId))) return;
  throw new AppError(
    ErrorCode.Forbidden,
    `Only the members of *${escapeMrkdwn(circle.name)}* and organizers can see its schedule.`,
  );
}

/**
 * The agenda to show: the session under way, else the next one, since during a meeting its
 * own agenda is what people look for. Only the circle and organizers see it: items can be personal.
 */
export async function agendaToShow(
  db: Db,
  circle: CircleRow,
  person: Person,
  organizers: readonly string[],
  now: Date,
): Promise<{ session: SessionRow; items: AgendaItemRow[] } | { empty: EmptyReason }> {
  if (!isOrganizer(person, organizers) && !(await isInCircle(db, circle, person.userId))) {
    throw new AppError(
      ErrorCode.Forbidden,
      `Only the members of *${escapeMrkdwn(circle.name)}* and organizers can see its agenda.`,
    );
  }
  const [session] = await upcomingSessions(db, circle.team_id, circle.id, now, 1);
  if (!session) return { empty: (await scheduleOf(db, circle, now, 1)).empty ?? { kind: 'none' } };
  return { session, items: await agendaItems(db, circle.team_id, session.id) };
}

export async function addAgendaItem(
  db: Db,
  circle: CircleRow,
  userId: string,
  item: AgendaItemInput,
  now: Date,
): Promise<{ session: SessionRow; item: AgendaItemRow }> {
  if (!(await isInCircle(db, circle, userId))) {
    throw new AppError(
      ErrorCode.Forbidden,
      `Only the members of *${escapeMrkdwn(circle.name)}* can add to its agenda. Nothing was added.`,
    );
  }
  const session = await nextSessionToCome(db, circle, now);
  if (!session) {
    throw new AppError(
      ErrorCode.NotFound,
      `*${escapeMrkdwn(circle.name)}* has no upcoming session to add to. Nothing was added.`,
    );
  }
  const stored = await insertAgendaItem(db, {
    team_id: circle.team_id,
    session_id: session.id,
    author_user_id: userId,
    kind: item.kind,
    text: item.text,
    created_at: now,
  });
  return { session, item: stored };
}

const promptKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const BUILT_IN = new Set(PROMPT_BANK.map((p) => promptKey(p.text)));

/** Adds a prompt to the circle's own bank; false if the circle's or the built-in bank has it. */
export async function addCirclePrompt(db: Db, circle: CircleRow, userId: string, text: string, now: Date): Promise<boolean> {
  if (!(await isInCircle(db, circle, userId))) {
    throw new AppError(
      ErrorCode.Forbidden,
      `Only the members and facilitators of *${escapeMrkdwn(circle.name)}* can add to its prompt bank. Nothing was changed.`,
    );
  }
  // The built-in bank is always drawn from too, so the same words there would come up twice.
  if (BUILT_IN.has(promptKey(text))) return false;
  return insertPrompt(db, circle.team_id, circle.id, text, userId, now);
}

export interface ChangeOutcome {
  session: SessionRow;
  /** People who had been reminded of the old plan and are told of the change. */
  toldOfChange: number;
  /** The deliveries that tell them, to send right away. */
  keys: string[];
}

/** Cancels one session: nothing more is sent for it, and whoever was reminded is told. */
export async function cancelSession(
  db: Db,
  fx: SessionEffects,
  circle: CircleRow,
  sessionId: number,
  now: Date,
): Promise<ChangeOutcome> {
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
    const told = await planChangeNotices(trx, fx, updated, 'cancelled', now);
    return { session: updated, toldOfChange: told.length, keys: told };
  });
}

/** Moves one session to another time; reminders not sent yet follow it. */
export async function rescheduleSession(
  db: Db,
  fx: SessionEffects,
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
    await reanchorPending(trx, circle.team_id, sessionId, startsAt, endsAt, now);
    const told = await planChangeNotices(trx, fx, updated, 'moved', now);
    return { session: updated, toldOfChange: told.length, keys: told };
  });
}

async function planChangeNotices(
  trx: Parameters<typeof recipientsOf>[0],
  fx: SessionEffects,
  session: SessionRow,
  change: 'moved' | 'cancelled',
  now: Date,
): Promise<string[]> {
  const reminded = await recipientsOf(trx, session.team_id, session.id, fx.kinds.reminder.kind);
  return fx.outbox.enqueue(
    trx,
    fx.kinds.change,
    reminded.map((userId) => ({
      teamId: session.team_id,
      key: `change:${session.id}:${userId}:${session.sequence}`,
      circleId: session.circle_id,
      sessionId: session.id,
      userId,
      dueAt: now,
      expiresAt: change === 'moved' ? session.starts_at : null,
      payload: { change, sequence: session.sequence },
    })),
  );
}

/** The sessions of a cycle that took place by `now`, oldest first (for the cycle's report). */
export async function sessionsHeldInCycle(db: Db, teamId: string, cycleId: number, now: Date): Promise<SessionRow[]> {
  return heldInCycle(db, teamId, cycleId, now);
}
