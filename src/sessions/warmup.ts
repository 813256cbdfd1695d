import { type MembershipRow, members, membersByCircle } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { nextLeader, pickPrompt, promptsForCircle } from './model';
import {
  customPrompts,
  customPromptsByCircle,
  findSession,
  lastLedAt,
  type SessionRow,
  setWarmups,
  updateSession,
  usedPromptKeys,
  type WarmupHistory,
  warmupHistoryByCircle,
} from './store';

/** Who opens each session and with which get-to-know-you prompt. */

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

/**
 * `ensureWarmup` for many sessions at once, as a busy scheduler pass needs: the rotation inputs of
 * all their circles are read in one query each and the choices written in one statement, per
 * workspace. The sessions must come in start order; each choice is added to its circle's history
 * before the next session of that circle is decided, so rotation comes out as if they had been
 * assigned one at a time. `active` may hold the circles' active members when the caller has them.
 */
export async function ensureWarmups(
  db: Db,
  sessions: SessionRow[],
  active?: (teamId: string) => Map<number, MembershipRow[]> | undefined,
): Promise<Map<number, SessionRow>> {
  const done = new Map<number, SessionRow>();
  const byTeam = new Map<string, SessionRow[]>();
  for (const s of sessions) {
    if (s.leader_user_id && s.prompt_key) done.set(s.id, s);
    else byTeam.set(s.team_id, [...(byTeam.get(s.team_id) ?? []), s]);
  }
  for (const [teamId, group] of byTeam) {
    const circleIds = [...new Set(group.map((s) => s.circle_id))];
    const [people, custom, history] = await Promise.all([
      active?.(teamId) ?? membersByCircle(db, teamId, circleIds, ['active']),
      customPromptsByCircle(db, teamId, circleIds),
      warmupHistoryByCircle(db, teamId, circleIds),
    ]);
    const choices: Array<{ id: number; leader: string | null; promptKey: string; promptText: string }> = [];
    for (const s of group) {
      const past = (history.get(s.circle_id) ?? []).filter((h) => h.id !== s.id);
      const leader = s.leader_user_id ?? pickLeader(people.get(s.circle_id) ?? [], past, s.warmup_passed);
      const used = past.filter((h) => h.promptKey !== null).map((h) => h.promptKey!);
      const available = promptsForCircle((custom.get(s.circle_id) ?? []).map((p) => ({ id: `custom-${p.id}`, text: p.text })));
      const prompt = s.prompt_key
        ? { id: s.prompt_key, text: s.prompt_text ?? '' }
        : pickPrompt(available, used, `${s.circle_id}:${s.id}:${used.length}`);
      choices.push({ id: s.id, leader, promptKey: prompt.id, promptText: prompt.text });
      // What the next session of this circle would read back had this one been written first.
      const at = past.findIndex((h) => h.startsAt > s.starts_at);
      const entry = { id: s.id, startsAt: s.starts_at, leader, promptKey: prompt.id };
      if (at === -1) past.push(entry);
      else past.splice(at, 0, entry);
      history.set(s.circle_id, past);
    }
    for (const row of await setWarmups(db, teamId, choices)) done.set(row.id, row);
  }
  return done;
}

function pickLeader(active: MembershipRow[], history: WarmupHistory[], exclude: string[]): string | null {
  const led = new Map<string, Date>();
  for (const h of history) {
    if (!h.leader) continue;
    const last = led.get(h.leader);
    if (!last || last < h.startsAt) led.set(h.leader, h.startsAt);
  }
  return nextLeader(
    active.map((m) => ({
      userId: m.user_id,
      joinedAt: m.joined_at ?? m.queued_at,
      status: m.status,
      lastLedAt: led.get(m.user_id) ?? null,
    })),
    { exclude },
  );
}

async function chooseLeader(db: Db, teamId: string, circleId: number, exclude: string[]): Promise<string | null> {
  const [active, led] = await Promise.all([members(db, teamId, circleId, ['active']), lastLedAt(db, teamId, circleId)]);
  return nextLeader(
    active.map((m) => ({
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
