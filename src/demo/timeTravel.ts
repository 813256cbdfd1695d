import type { Db } from '../db/database';
import { zonedWallTimeToInstant } from '../time/zonedTime';
import { AGENDA_LEADS, REMINDER_LEADS } from '../circles/settings/leads';
import { FOLLOW_UP_MS } from '../checkins/model';
import { CHECKIN_DELAY_OPTIONS } from '../circles/settings/program';
import { WARMUP_LEAD_MINUTES } from '../sessions/deliveries';
import type { DemoClock } from './clock';
import type { TravelJump } from './status';
import { demoCycleEnds, endedWithCheckinDelay, nextSessionStart, scheduledEnding, scheduledStarting, sentCounts } from './store';

export { nextSessionStart };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Where nothing listed here falls due, a pass at least this often (pauses ending on a date, kinds not listed here). */
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

/** The furthest a single jump goes: far enough for any cycle, near enough to stay quick. */
const MAX_JUMP_MS = 400 * 24 * HOUR;

export interface JumpRequest {
  jump: Jump;
  /** For `date`: YYYY-MM-DD, reached at 09:00 in `timeZone`. */
  date?: string;
  timeZone?: string;
  /** For `cycle-end`: the circle whose cycle (its channel); otherwise the soonest to end. */
  channel?: string;
}

export async function targetOf(deps: TravelDeps, request: JumpRequest): Promise<Date> {
  const now = deps.clock.now();
  const { jump } = request;
  let target: Date;
  if (jump === 'next-session') {
    const next = await nextSessionStart(deps.db, now);
    if (!next) throw new Error('No session is scheduled yet: create a circle first (/circle new).');
    target = next;
  } else if (jump === 'cycle-end') target = await cycleEndTarget(deps.db, now, undefined, request.channel);
  else if (jump === 'date') target = dateTarget(request.date ?? '', request.timeZone ?? 'UTC');
  else target = new Date(now.getTime() + JUMPS[jump]);
  if (target <= now) throw new Error('That moment has passed: the demo clock only moves forward.');
  if (target.getTime() - now.getTime() > MAX_JUMP_MS) throw new Error('Jump at most about a year ahead at a time.');
  return target;
}

function dateTarget(date: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('Pick a date to jump to.');
  return zonedWallTimeToInstant(date, '09:00', timeZone);
}

/**
 * The morning after a cycle's last day, in its circle's zone: the evaluation has been sent by
 * then. The cycle of `circleId`, or of the circle with `channel`, or the soonest to end.
 */
export async function cycleEndTarget(db: Db, now: Date, circleId?: number, channel?: string): Promise<Date> {
  const ends = await demoCycleEnds(db, now.toISOString().slice(0, 10));
  const target = (row: (typeof ends)[number]) => {
    const zone = (row.cadence as { timeZone?: string } | null)?.timeZone ?? 'UTC';
    const next = new Date(`${row.end_date}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return zonedWallTimeToInstant(next.toISOString().slice(0, 10), '10:00', zone);
  };
  const row =
    ends.find((r) => r.circle_id === circleId) ??
    ends.find((r) => channel !== undefined && r.channel_id === channel) ??
    ends.find((r) => target(r) > now);
  if (!row) throw new Error('No cycle is running: create a circle first (/circle new).');
  return target(row);
}

/** What a jump brought, in words: "12 reminders, 1 agenda, 3 check-in DMs". */
export async function arrivals(db: Db, before: Map<string, number>): Promise<string> {
  const after = await sentCounts(db);
  const parts: string[] = [];
  for (const [kind, count] of after) {
    const n = count - (before.get(kind) ?? 0);
    if (n > 0) parts.push(describe(kind, n));
  }
  return parts.length > 0 ? parts.join(', ') : 'nothing was due';
}

const KIND_WORDS: Record<string, [string, string]> = {
  reminder: ['reminder', 'reminders'],
  agenda: ['agenda', 'agendas'],
  warmup: ['warm-up', 'warm-ups'],
  'checkin-ask': ['check-in DM', 'check-in DMs'],
  'checkin-followup': ['check-in follow-up', 'check-in follow-ups'],
  'lapse-nudge': ['lapse nudge', 'lapse nudges'],
  'cycle-closing': ['closing notice', 'closing notices'],
  'cycle-invite': ['evaluation invitation', 'evaluation invitations'],
  'cycle-reminder': ['evaluation reminder', 'evaluation reminders'],
  'pairs-survey': ['matching survey', 'matching surveys'],
  'pairs-meeting-check': ['“did you meet?”', '“did you meet?”s'],
};

function describe(kind: string, n: number): string {
  const words = KIND_WORDS[kind];
  if (words) return `${n} ${n === 1 ? words[0] : words[1]}`;
  return `${n} × ${kind.replace(/[-_]/g, ' ')}`;
}

/**
 * Moves the clock to `to`, running a scheduler pass at each instant something falls due on the
 * way (a minute after each reminder, agenda and warm-up time of the leads each circle chose, after
 * each session ends, and after each check-in and follow-up falls due), at least every six hours,
 * and at `to`. The real scheduler runs every minute; these are the passes where that would have
 * changed something, so a week's jump sends what a week would have sent, each message stamped with
 * its own time. Each pass costs some twenty statements even when nothing is due, so there are no
 * others: a six-hour step only where nothing falls due for longer.
 */
export async function travelTo(
  deps: TravelDeps,
  to: Date,
  progress?: (done: number, total: number) => void,
): Promise<{ passes: number }> {
  const from = deps.clock.now();
  if (to <= from) return { passes: 0 };
  const steps = passInstants(from.getTime(), to.getTime(), await dueInstants(deps.db, from, to));
  for (const [i, t] of steps.entries()) {
    const at = new Date(t);
    deps.clock.setTo(at);
    await deps.tick(at);
    progress?.(i + 1, steps.length);
    deps.onStep?.(at);
    // The embedded database answers without touching the event loop's I/O: let the page's reads
    // (and its refused clicks) through between passes, or they would wait for the whole jump.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { passes: steps.length };
}

/**
 * The instants of a jump's passes, in order: every due instant in (from, to], the target, and
 * where nothing falls due for longer than `MAX_STEP_MS`, passes that far apart, for what the due
 * instants do not cover.
 */
export function passInstants(from: number, to: number, due: Iterable<number>): number[] {
  const ahead = [...new Set([...due, to])].filter((t) => t > from && t <= to).sort((a, b) => a - b);
  const steps: number[] = [];
  let last = from;
  for (const t of ahead) {
    for (let at = last + MAX_STEP_MS; at < t; at += MAX_STEP_MS) steps.push(at);
    steps.push(t);
    last = t;
  }
  return steps;
}

const LONGEST_LEAD_MS =
  Math.max(...REMINDER_LEADS.map((l) => l.minutes), ...AGENDA_LEADS.map((l) => l.minutes), WARMUP_LEAD_MINUTES) * MINUTE;
const LONGEST_CHECKIN_MS = Math.max(...CHECKIN_DELAY_OPTIONS.map((o) => o.minutes)) * MINUTE + FOLLOW_UP_MS;

async function dueInstants(db: Db, from: Date, to: Date): Promise<Set<number>> {
  const sessions = await scheduledStarting(db, from, new Date(to.getTime() + LONGEST_LEAD_MS));
  const held = await scheduledEnding(db, from, to);
  const instants = new Set<number>();
  // The leads each circle chose, not every lead of the menus: a pass at a lead nobody uses sends nothing.
  for (const s of sessions) {
    const leads = [...s.reminder_lead_minutes, ...(s.channel_id ? [s.agenda_lead_minutes] : []), WARMUP_LEAD_MINUTES];
    for (const lead of leads) instants.add(s.starts_at.getTime() - lead * MINUTE + MINUTE);
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
