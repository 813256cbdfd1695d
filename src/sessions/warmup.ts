import { members } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import { nextLeader, pickPrompt, promptsForCircle } from './model';
import { customPrompts, findSession, lastLedAt, type SessionRow, updateSession, usedPromptKeys } from './store';

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
