import type { Db } from '../db/database';
import { AGENDA_LEADS, REMINDER_LEADS } from '../circles/settings/leads';
import { FOLLOW_UP_MS } from '../checkins/model';
import { CHECKIN_DELAY_OPTIONS } from '../circles/settings/program';
import { WARMUP_LEAD_MINUTES } from '../sessions/deliveries';
import type { DemoClock } from './clock';
import type { TravelJump } from './status';
import { endedWithCheckinDelay, nextSessionStart, scheduledEnding, scheduledStarting } from './store';

export { nextSessionStart };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Between interesting instants, a pass at least this often (pauses ending on a date, kinds not listed here). */
const MAX_STEP_MS = 6 * HOUR;

export const JUMPS = { hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR } as const;
export type Jump = TravelJump;

export interface TravelDeps {
  clock: DemoClock;
  db: Db;
  tick(now: Date): Promise<unknown>;
  /** After each pass, so the page shows messages as they arrive. */
  onStep?(at: Date): void;
}

export async function targetOf(deps: TravelDeps, jump: Jump): Promise<Date> {
  const now = deps.clock.now();
  if (jump !== 'next-session') return new Date(now.getTime() + JUMPS[jump]);
  const next = await nextSessionStart(deps.db, now);
  if (!next) throw new Error('No session is scheduled yet: create a circle first (/circle new).');
  return next;
}

/**
 * Moves the clock to `to`, running a scheduler pass at each instant something falls due on the
 * way (a minute after each reminder, agenda and warm-up time, after each session ends, and after
 * each check-in and follow-up falls due), at least every few hours, and at `to`. The real scheduler runs every minute; these are the passes
 * where that would have changed something, so a week's jump sends what a week would have sent,
 * each message stamped with its own time.
 */
export async function travelTo(deps: TravelDeps, to: Date): Promise<{ passes: number }> {
  const from = deps.clock.now();
  if (to <= from) return { passes: 0 };
  const instants = await dueInstants(deps.db, from, to);
  for (let at = from.getTime() + MAX_STEP_MS; at < to.getTime(); at += MAX_STEP_MS) instants.add(at);
  instants.add(to.getTime());
  const steps = [...instants].filter((t) => t > from.getTime() && t <= to.getTime()).sort((a, b) => a - b);
  for (const t of steps) {
    const at = new Date(t);
    deps.clock.setTo(at);
    await deps.tick(at);
    deps.onStep?.(at);
  }
  return { passes: steps.length };
}

const LEADS_MINUTES = [...new Set([...REMINDER_LEADS, ...AGENDA_LEADS].map((l) => l.minutes).concat(WARMUP_LEAD_MINUTES))];
const LONGEST_LEAD_MS = Math.max(...LEADS_MINUTES) * MINUTE;
const LONGEST_CHECKIN_MS = Math.max(...CHECKIN_DELAY_OPTIONS.map((o) => o.minutes)) * MINUTE + FOLLOW_UP_MS;

async function dueInstants(db: Db, from: Date, to: Date): Promise<Set<number>> {
  const sessions = await scheduledStarting(db, from, new Date(to.getTime() + LONGEST_LEAD_MS));
  const held = await scheduledEnding(db, from, to);
  const instants = new Set<number>();
  for (const s of sessions) {
    for (const lead of LEADS_MINUTES) instants.add(s.starts_at.getTime() - lead * MINUTE + MINUTE);
  }
  for (const s of held) instants.add(s.ends_at.getTime() + MINUTE);
  // Check-ins are asked a circle's delay after a session ends, and followed up two days later.
  const ended = await endedWithCheckinDelay(db, new Date(from.getTime() - LONGEST_CHECKIN_MS), to);
  for (const s of ended) {
    const asked = s.ends_at.getTime() + s.checkin_delay_minutes * MINUTE;
    instants.add(asked + MINUTE);
    instants.add(asked + FOLLOW_UP_MS + MINUTE);
  }
  return instants;
}
