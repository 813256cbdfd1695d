import { z } from 'zod';
import type { AppDeps } from '../app/deps';
import {
  type CircleRow,
  circleById,
  circlesByIds,
  facilitatorIds,
  isFacilitator,
  memberIds,
  membershipOf,
} from '../circles/service';
import { CHECKIN_DELAY_OPTIONS } from '../circles/settings/program';
import type { Logger } from '../core/logger';
import type { Db } from '../db/database';
import { type Delivery, type DeliveryKind, defineKind, type NewDelivery, type PlanWindow } from '../scheduler/kinds';
import {
  latestHeld,
  type SessionRow,
  sessionAfterThis,
  sessionById,
  sessionsAfterThese,
  sessionsEndedIn,
} from '../sessions/service';
import {
  askBlocks,
  askText,
  followUpBlocks,
  followUpText,
  headsUpText,
  notesAbsentText,
  notesPostBlocks,
  notesPostText,
  noteText,
  nudgeBlocks,
  nudgeText,
} from './blocks';
import { FOLLOW_UP_MS, headsUpKey, lapseKey } from './model';
import { expectedAtEach, lapses, markedAbsentAt, recordedAbsent } from './records';
import { checkinById, findCheckin, findNotes, notesPosted } from './store';

const none = z.object({});
const notePayload = z.object({ checkinId: z.number().int().positive() });
const lapsePayload = z.object({ firstSessionId: z.number().int().positive() });
const headsUpPayload = z.object({ memberId: z.string().min(1), firstSessionId: z.number().int().positive() });

type Empty = z.infer<typeof none>;

/** How far before a planning window's start ended sessions are looked at again for lapses. */
const LAPSE_OVERLAP_MS = 10 * 60_000;
interface LapseFound {
  circle: CircleRow;
  userId: string;
  firstSessionId: number;
  facilitators: string[];
}

/** Every message of the check-ins, each a kind in the ledger: sent once, retried, skipped once it has lost its point. */
export interface CheckinKinds {
  /** The DM after a session: check in. Planned from the session's end and the circle's delay. */
  ask: DeliveryKind<Empty>;
  /** The one gentle follow-up, two days later. */
  followUp: DeliveryKind<Empty>;
  /** A member's private note, to each facilitator. */
  note: DeliveryKind<z.infer<typeof notePayload>>;
  /** To a member who missed the circle's threshold of sessions in a row, once per run. */
  nudge: DeliveryKind<z.infer<typeof lapsePayload>>;
  /** To each facilitator about that member, once per run. */
  headsUp: DeliveryKind<z.infer<typeof headsUpPayload>>;
  /** A facilitator's notes, in the agenda post's thread. */
  notes: DeliveryKind<Empty>;
  /** To each member recorded absent: a link to the notes. */
  notesAbsent: DeliveryKind<Empty>;
}

type Deps = Pick<AppDeps, 'db' | 'gateway' | 'logger' | 'home'>;
type Loaded = { skip: string } | { circle: CircleRow; session: SessionRow };
type Ended = { session: SessionRow; delayMs: number };
/** A scan of the ledger's planning window, shared by the kinds that plan from it in the same pass. */
type Scan<T> = (w: PlanWindow) => Promise<T[]>;

async function load(db: Db, d: Delivery<unknown>): Promise<Loaded> {
  const session = d.sessionId === null ? undefined : await sessionById(db, d.teamId, d.sessionId);
  const circle = session ? await circleById(db, d.teamId, session.circle_id) : undefined;
  if (!session || !circle) return { skip: 'session or circle no longer exists' };
  if (session.status === 'cancelled') return { skip: 'session cancelled' };
  return { circle, session };
}

/** Paused, waitlisted and departed members are not asked anything. */
async function notActive(db: Db, circle: CircleRow, userId: string | null): Promise<string | null> {
  const m = userId ? await membershipOf(db, circle, userId) : undefined;
  if (!m) return 'not a member';
  return m.status === 'active' ? null : `member is ${m.status}`;
}

/** Why a check-in question has lost its point, if it has. */
async function checkinClosed(
  db: Db,
  circle: CircleRow,
  session: SessionRow,
  userId: string | null,
  now: Date,
): Promise<string | null> {
  const latest = await latestHeld(db, circle, now);
  if (latest && latest.id !== session.id) return 'a newer session took place';
  if (userId && (await findCheckin(db, session.team_id, session.id, userId))) return 'already checked in';
  return notActive(db, circle, userId);
}

/** The same window asked twice (by two kinds of one pass) is scanned once. */
function memoByWindow<T>(keyOf: (w: PlanWindow) => string, scan: Scan<T>): Scan<T> {
  let memo: { key: string; found: Promise<T[]> } | undefined;
  return (w) => {
    const key = keyOf(w);
    if (memo?.key !== key) memo = { key, found: scan(w) };
    return memo.found;
  };
}

/**
 * Sessions whose check-in (or, `afterMs` later, its follow-up) may fall due in the window: each
 * circle asks a fixed time after its sessions end. One scan of the sessions that ended recently
 * enough serves both kinds of a pass, so a pass costs what ended lately, not what is stored.
 */
function endedScan(db: Db): Scan<Ended> {
  return memoByWindow(
    (w) => `${w.from.getTime()}:${w.to.getTime()}`,
    async (w) => {
      const longest = Math.max(...CHECKIN_DELAY_OPTIONS.map((o) => o.minutes)) * 60_000 + FOLLOW_UP_MS;
      const sessions = await sessionsEndedIn(db, new Date(w.from.getTime() - longest), w.to);
      // Their circles, one query per workspace rather than one per circle.
      const circles = new Map<string, Map<number, CircleRow>>();
      for (const teamId of new Set(sessions.map((s) => s.team_id))) {
        const ids = [...new Set(sessions.filter((s) => s.team_id === teamId).map((s) => s.circle_id))];
        circles.set(teamId, await circlesByIds(db, teamId, ids));
      }
      const ended: Ended[] = [];
      for (const session of sessions) {
        const circle = circles.get(session.team_id)?.get(session.circle_id);
        if (circle?.kind === 'group') ended.push({ session, delayMs: circle.checkin_delay_minutes * 60_000 });
      }
      return ended;
    },
  );
}

/** One DM per member expected at each session whose question falls due `afterMs` after its check-in time. */
async function planAfterEnd(
  db: Db,
  endedFor: Scan<Ended>,
  w: PlanWindow,
  afterMs: number,
  prefix: string,
): Promise<Array<NewDelivery<Empty>>> {
  const due = (await endedFor(w))
    .map(({ session, delayMs }) => ({ session, dueAt: new Date(session.ends_at.getTime() + delayMs + afterMs) }))
    .filter(({ dueAt }) => dueAt > w.from && dueAt <= w.to);
  const planned: Array<NewDelivery<Empty>> = [];
  if (due.length === 0) return planned;
  const sessions = due.map((d) => d.session);
  const [after, expected] = await Promise.all([sessionsAfterThese(db, sessions), expectedAtEach(db, sessions)]);
  for (const { session, dueAt } of due) {
    // Nothing is worth asking once the next session has begun.
    const next = after.get(session.id);
    for (const userId of expected.get(session.id) ?? []) {
      planned.push({
        teamId: session.team_id,
        key: `${prefix}:${session.id}:${userId}`,
        circleId: session.circle_id,
        sessionId: session.id,
        userId,
        dueAt,
        expiresAt: next?.starts_at ?? null,
        payload: {},
      });
    }
  }
  return planned;
}

/**
 * A lapse is looked for once each session has ended, whenever its attendance was saved (during
 * it, or by check-ins before it ended): the same `lapses` the report and the App Home count.
 * Keys are the run's, as when attendance is saved after the end, so a run is told once. Sessions
 * that ended a little before the window are looked at again (the window runs ahead of now, and a
 * session is only held once it has ended): planning twice plans once.
 */
function lapseScan(db: Db, endedFor: Scan<Ended>): Scan<LapseFound> {
  return memoByWindow(
    (w) => `${w.from.getTime()}:${w.now.getTime()}`,
    async (w) => {
      // The check-ins' scan of ended sessions reaches further back than this: no query of its own.
      const since = w.from.getTime() - LAPSE_OVERLAP_MS;
      const ended = (await endedFor(w)).map((e) => e.session).filter((s) => s.ends_at.getTime() > since && s.ends_at <= w.now);
      const found: LapseFound[] = [];
      for (const teamId of new Set(ended.map((s) => s.team_id))) {
        const sessions = ended.filter((s) => s.team_id === teamId);
        // Only someone marked absent at a session that just ended can have a new run: the rest was
        // looked at when it was recorded. So a pass costs a query or two per workspace, not per circle.
        const absent = await markedAbsentAt(
          db,
          teamId,
          sessions.map((s) => s.id),
        );
        const candidates = new Map<number, Set<string>>();
        for (const s of sessions)
          for (const userId of absent.get(s.id) ?? [])
            candidates.set(s.circle_id, (candidates.get(s.circle_id) ?? new Set()).add(userId));
        if (candidates.size === 0) continue;
        const circles = await circlesByIds(db, teamId, [...candidates.keys()]);
        for (const [circleId, users] of candidates) {
          const circle = circles.get(circleId);
          if (circle?.kind !== 'group') continue;
          const active = new Set(await memberIds(db, teamId, circleId, ['active']));
          const lapsed = await lapses(
            db,
            circle,
            [...users].filter((u) => active.has(u)),
            w.now,
          );
          if (lapsed.size === 0) continue;
          const facilitators = await facilitatorIds(db, teamId, circleId);
          for (const [userId, streak] of lapsed)
            found.push({ circle, userId, firstSessionId: streak.firstSessionId, facilitators });
        }
      }
      return found;
    },
  );
}

/** The DM after a session: check in. */
function askKind(deps: Deps, endedFor: Scan<Ended>): CheckinKinds['ask'] {
  const { db } = deps;
  return defineKind({
    kind: 'checkin-ask',
    payload: none,
    plan: (w) => planAfterEnd(db, endedFor, w, 0, 'checkin'),
    async render(d, now) {
      const loaded = await load(db, d);
      if ('skip' in loaded) return loaded;
      const closed = await checkinClosed(db, loaded.circle, loaded.session, d.userId, now);
      if (closed) return { skip: closed };
      const userId = d.userId!;
      return {
        post: {
          channel: userId,
          text: askText(loaded.circle, loaded.session),
          blocks: askBlocks(loaded.circle, loaded.session),
        },
        // The App Home shows the check-in waiting, with its own button.
        afterSend: () => deps.home.refresh(d.teamId, userId),
      };
    },
  });
}

/** The one gentle follow-up, unless the next session has begun. */
function followUpKind(db: Db, endedFor: Scan<Ended>): CheckinKinds['followUp'] {
  return defineKind({
    kind: 'checkin-followup',
    payload: none,
    plan: (w) => planAfterEnd(db, endedFor, w, FOLLOW_UP_MS, 'checkin-followup'),
    async render(d, now) {
      const loaded = await load(db, d);
      if ('skip' in loaded) return loaded;
      const next = await sessionAfterThis(db, loaded.session);
      if (next && next.starts_at <= now) return { skip: 'the next session has begun' };
      const closed = await checkinClosed(db, loaded.circle, loaded.session, d.userId, now);
      if (closed) return { skip: closed };
      return {
        post: {
          channel: d.userId!,
          text: followUpText(loaded.circle, loaded.session),
          blocks: followUpBlocks(loaded.circle, loaded.session),
        },
      };
    },
  });
}

/** A member's note, to a facilitator who still is one, unless it was taken back. */
function noteKind(db: Db): CheckinKinds['note'] {
  return defineKind({
    kind: 'checkin-note',
    payload: notePayload,
    async render(d) {
      const loaded = await load(db, d);
      if ('skip' in loaded) return loaded;
      const checkin = await checkinById(db, d.teamId, d.payload.checkinId);
      if (!checkin?.note) return { skip: 'the note was taken back' };
      if (!d.userId || !(await isFacilitator(db, loaded.circle, d.userId))) return { skip: 'no longer a facilitator' };
      return { post: { channel: d.userId, text: noteText(checkin.user_id, loaded.circle, loaded.session, checkin.note) } };
    },
  });
}

/** To a member who has missed sessions in a row, while they still have. */
function nudgeKind(db: Db, lapsesFor: Scan<LapseFound>): CheckinKinds['nudge'] {
  return defineKind({
    kind: 'lapse-nudge',
    payload: lapsePayload,
    plan: async (w) =>
      (await lapsesFor(w)).map((l) => ({
        teamId: l.circle.team_id,
        key: lapseKey(l.circle.id, l.userId, l.firstSessionId),
        circleId: l.circle.id,
        userId: l.userId,
        dueAt: w.now,
        payload: { firstSessionId: l.firstSessionId },
      })),
    async render(d, now) {
      const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
      if (!circle || !d.userId) return { skip: 'circle no longer exists' };
      const inactive = await notActive(db, circle, d.userId);
      if (inactive) return { skip: inactive };
      const streak = (await lapses(db, circle, [d.userId], now)).get(d.userId);
      if (!streak) return { skip: 'no longer missing sessions' };
      const latest = await latestHeld(db, circle, now);
      const next = latest ? await sessionAfterThis(db, latest) : undefined;
      return { post: { channel: d.userId, text: nudgeText(circle), blocks: nudgeBlocks(circle, streak.length, next) } };
    },
  });
}

/** To each facilitator about that member, while they still are one and the run goes on. */
function headsUpKind(db: Db, lapsesFor: Scan<LapseFound>): CheckinKinds['headsUp'] {
  return defineKind({
    kind: 'lapse-heads-up',
    payload: headsUpPayload,
    plan: async (w) =>
      (await lapsesFor(w)).flatMap((l) =>
        l.facilitators
          .filter((f) => f !== l.userId)
          .map((f) => ({
            teamId: l.circle.team_id,
            key: headsUpKey(l.circle.id, l.userId, l.firstSessionId, f),
            circleId: l.circle.id,
            userId: f,
            dueAt: w.now,
            payload: { memberId: l.userId, firstSessionId: l.firstSessionId },
          })),
      ),
    async render(d, now) {
      const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
      if (!circle || !d.userId) return { skip: 'circle no longer exists' };
      if (!(await isFacilitator(db, circle, d.userId))) return { skip: 'no longer a facilitator' };
      const member = d.payload.memberId;
      const inactive = await notActive(db, circle, member);
      if (inactive) return { skip: inactive };
      const streak = (await lapses(db, circle, [member], now)).get(member);
      if (!streak) return { skip: 'no longer missing sessions' };
      return { post: { channel: d.userId, text: headsUpText(member, circle, streak.length) } };
    },
  });
}

/** A facilitator's notes, once, in the agenda post's thread. */
function notesKind(db: Db): CheckinKinds['notes'] {
  return defineKind({
    kind: 'session-notes',
    payload: none,
    async render(d) {
      const loaded = await load(db, d);
      if ('skip' in loaded) return loaded;
      const { circle, session } = loaded;
      const notes = await findNotes(db, d.teamId, session.id);
      if (!notes) return { skip: 'no notes' };
      if (notes.ts) return { skip: 'already posted' };
      // In the agenda post's thread; a session whose agenda never went out gets them in the channel.
      const channel = session.agenda_channel_id ?? circle.channel_id;
      if (!channel) return { skip: 'circle has no channel' };
      return {
        post: {
          channel,
          text: notesPostText(circle, session),
          blocks: notesPostBlocks(circle, session, notes.text, notes.author_id),
          ...(session.agenda_channel_id && session.agenda_ts ? { threadTs: session.agenda_ts } : {}),
        },
        afterSend: (where) => notesPosted(db, d.teamId, session.id, where.channel, where.ts),
      };
    },
  });
}

/** To a member recorded absent who is still in the circle: a link to the notes. */
function notesAbsentKind(deps: Deps): CheckinKinds['notesAbsent'] {
  const { db } = deps;
  return defineKind({
    kind: 'session-notes-absent',
    payload: none,
    async render(d) {
      const loaded = await load(db, d);
      if ('skip' in loaded) return loaded;
      const { circle, session } = loaded;
      if (!d.userId) return { skip: 'no recipient' };
      const notes = await findNotes(db, d.teamId, session.id);
      if (!notes) return { skip: 'no notes' };
      if (!(await recordedAbsent(db, d.teamId, session.id, [d.userId])).length) return { skip: 'not recorded absent' };
      const m = await membershipOf(db, circle, d.userId);
      if (!m || m.status === 'left') return { skip: 'no longer in the circle' };
      const channel = notes.channel_id ?? session.agenda_channel_id;
      const ts = notes.ts ?? session.agenda_ts;
      const link = channel && ts ? await permalink(deps, d.teamId, channel, ts, deps.logger) : null;
      return { post: { channel: d.userId, text: notesAbsentText(circle, session, link, channel) } };
    },
  });
}

export function checkinKinds(deps: Deps): CheckinKinds {
  const { db } = deps;
  // One scan of ended sessions per pass serves the check-in DMs and the lapse messages alike.
  const endedFor = endedScan(db);
  const lapsesFor = lapseScan(db, endedFor);
  return {
    ask: askKind(deps, endedFor),
    followUp: followUpKind(db, endedFor),
    note: noteKind(db),
    nudge: nudgeKind(db, lapsesFor),
    headsUp: headsUpKind(db, lapsesFor),
    notes: notesKind(db),
    notesAbsent: notesAbsentKind(deps),
  };
}

/** A link to a message; without one the DM still names the channel, so it is not worth a failed send. */
async function permalink(deps: Deps, teamId: string, channel: string, ts: string, logger: Logger): Promise<string | null> {
  try {
    const client = await deps.gateway.client(teamId);
    const res = await client.chat.getPermalink({ channel, message_ts: ts });
    return res.permalink ?? null;
  } catch (error) {
    logger.warn(`Could not get a link to ${channel}/${ts}`, error);
    return null;
  }
}
