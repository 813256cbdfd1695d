import { parseStoredCadence } from '../circles/cadenceOf';
import { isFacilitator } from '../circles/roles';
import { type CircleRow, currentCycle, findCircle, findMembership } from '../circles/store';
import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../errors';
import { isOrganizer, type Person } from '../people/service';
import { MAX_DURATION_MINUTES } from './cadence';
import type { AgendaItemInput, EmptyReason } from './listenerBlocks';
import { occurrences } from './occurrences';
import { PROMPT_BANK } from './promptBank';
import {
  type AgendaItemRow,
  agendaItems,
  findSession,
  insertAgendaItem,
  insertPrompt,
  type SessionRow,
  sessionsBetween,
  upcomingSessions,
} from './store';
import { todayIn } from './zonedTime';

/**
 * What the /circle session commands and buttons do, without Slack: who may, which session, and
 * what is stored. The Slack listeners only parse, call these and reply.
 */

const DAY_MS = 86_400_000;
// A session under way still belongs on the schedule; none lasts longer than the cadence allows.
const LONGEST_SESSION_MS = MAX_DURATION_MINUTES * 60_000;
// Moved sessions may sit past the stored horizon; cycles last at most two years.
const SCHEDULE_LOOKAHEAD_MS = 3 * 366 * DAY_MS;

/** The zone a circle's sessions are planned in (UTC only if its stored cadence is unreadable). */
export function circleZone(circle: CircleRow): string {
  return parseStoredCadence(circle.cadence)?.timeZone ?? 'UTC';
}

export async function canManageCircle(
  db: Db,
  circle: CircleRow,
  person: Person,
  organizers: readonly string[],
): Promise<boolean> {
  return isOrganizer(person, organizers) || (await isFacilitator(db, circle, person.userId));
}

/** Members holding a place (active or paused) and the circle's facilitators. */
export async function isInCircle(db: Db, circle: CircleRow, userId: string): Promise<boolean> {
  const m = await findMembership(db, circle.team_id, circle.id, userId);
  if (!m || m.status === 'left') return false;
  return m.status === 'active' || m.status === 'paused' || m.role === 'facilitator';
}

export async function sessionWithCircle(
  db: Db,
  teamId: string,
  sessionId: number,
): Promise<{ session: SessionRow; circle: CircleRow }> {
  const session = Number.isSafeInteger(sessionId) && sessionId > 0 ? await findSession(db, teamId, sessionId) : undefined;
  const circle = session ? await findCircle(db, teamId, session.circle_id) : undefined;
  if (!session || !circle) throw new AppError(ErrorCode.NotFound, 'That session is no longer on the schedule.');
  return { session, circle };
}

export async function requireCircle(db: Db, teamId: string, circleId: number): Promise<CircleRow> {
  const circle = await findCircle(db, teamId, circleId);
  if (!circle) throw new AppError(ErrorCode.NotFound, 'That circle no longer exists.');
  return circle;
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

/** The next session that has not started: the one a skip cancels and agenda items go to. */
export async function nextSessionToCome(db: Db, circle: CircleRow, now: Date): Promise<SessionRow | undefined> {
  // upcomingSessions includes one under way; a couple more rows are enough to step past it.
  const sessions = await upcomingSessions(db, circle.team_id, circle.id, now, 3);
  return sessions.find((s) => s.starts_at > now);
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
    throw new AppError(ErrorCode.Forbidden, `Only the members of *${circle.name}* and organizers can see its agenda.`);
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
    throw new AppError(ErrorCode.Forbidden, `Only the members of *${circle.name}* can add to its agenda. Nothing was added.`);
  }
  const session = await nextSessionToCome(db, circle, now);
  if (!session) {
    throw new AppError(ErrorCode.NotFound, `*${circle.name}* has no upcoming session to add to. Nothing was added.`);
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
      `Only the members and facilitators of *${circle.name}* can add to its prompt bank. Nothing was changed.`,
    );
  }
  // The built-in bank is always drawn from too, so the same words there would come up twice.
  if (BUILT_IN.has(promptKey(text))) return false;
  return insertPrompt(db, circle.team_id, circle.id, text, userId, now);
}
