import { sql } from 'kysely';
import { RescheduleFields, SessionActions } from '../../src/sessions/ids';
import { TEAM } from '../../src/sandbox';
import type { Cadence } from '../../src/time/cadence';
import { startTestApp, type TestApp } from './app';
import { lastOpenView, submitCheckin } from './checkins';
import { seedCircle } from './fixtures';

/**
 * A workspace lived through in simulated time: circles meeting weekly, a scheduler pass every 15
 * minutes, and between passes people joining, pausing, coming back, checking in, and facilitators
 * skipping sessions, all as signed Slack requests. Afterwards, the invariants the app promises.
 */
export interface SoakOptions {
  circles: number;
  days: number;
  seed?: number;
  /** Told of progress now and then (the long run). */
  progress?: (line: string) => void;
  /** Also tell of every pass slower than 200 ms: what it did, and which Web API methods it called. */
  trace?: boolean;
}

export interface SoakReport {
  ticks: number;
  actions: Record<string, number>;
  deliveries: Record<string, number>;
  sessions: Record<string, number>;
  databaseBytes: number;
  seconds: number;
  violations: string[];
}

const START = Date.parse('2026-11-30T00:00:00Z');
const TICK_MS = 15 * 60_000;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const MEMBERS = 6;

/** A small deterministic generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const rand = random(options.seed ?? 14);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const t: TestApp = await startTestApp({ start: new Date(START), pacerOnTestClock: true });
  const actions: Record<string, number> = { join: 0, pause: 0, resume: 0, skip: 0, reschedule: 0, checkin: 0 };
  const violations: string[] = [];
  try {
    // People: the circles' members, and as many again who may join later.
    const people = Array.from(
      { length: options.circles * MEMBERS * 2 },
      (_, i) => t.emulator.workspace.addUser({ id: `U0SOAK${String(i).padStart(5, '0')}`, tz: 'America/New_York' }).id,
    );
    const circles: Array<{ id: number; name: string; facilitator: string }> = [];
    const channels: string[] = [];
    for (let i = 0; i < options.circles; i++) {
      const members = people.slice(i * MEMBERS, (i + 1) * MEMBERS);
      const cadence: Cadence = {
        kind: 'weekly',
        everyWeeks: 1,
        weekday: WEEKDAYS[i % WEEKDAYS.length]!,
        localTime: `${String(8 + (i % 10)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
        durationMinutes: 60,
        timeZone: 'America/New_York',
      };
      const name = `Soak ${i + 1}`;
      const circle = await seedCircle(t.db, t.emulator, {
        name,
        facilitators: [members[0]!],
        members: members.slice(1),
        sizeCap: MEMBERS + 2,
        cadence,
        startDate: '2026-11-30',
        endDate: '2028-12-31',
      });
      circles.push({ id: circle.id, name, facilitator: members[0]! });
      if (circle.channel_id) channels.push(circle.channel_id);
    }

    options.progress?.(`seeded ${options.circles} circles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Who is paused where, and since when: a reminder sent inside one of these is a broken promise.
    const paused = new Map<string, number>();
    const pauses: Array<{ circle: number; user: string; from: number; to: number }> = [];
    // Sessions moved, and when.
    const moved: Array<{ session: number; at: number }> = [];
    // Busy enough that a short run still sees every kind of action.
    const scale = Math.max(0.5, options.circles / 200);
    // Skips and moves: a few in a year of each circle, and still a few in CI's three days.
    const rare = Math.max(0.01 * scale, 0.03);
    const ticks = Math.round((options.days * 86_400_000) / TICK_MS);
    for (let n = 0; n < ticks; n++) {
      const at = START + n * TICK_MS;
      t.clock.set(new Date(at));
      const hour = new Date(at).getUTCHours();
      // People act in their daytime only.
      if (hour >= 13 && hour <= 23) {
        if (rand() < 0.08 * scale) {
          const c = pick(circles);
          const user = pick(people);
          await t.slack.command(user, `join ${c.name}`);
          actions.join!++;
        }
        if (rand() < 0.05 * scale) {
          const c = pick(circles);
          const ms = await t.db
            .selectFrom('memberships')
            .select('user_id')
            .where('circle_id', '=', c.id)
            .where('status', '=', 'active')
            .where('role', '=', 'member')
            .execute();
          if (ms.length) {
            const user = pick(ms).user_id;
            await t.slack.command(user, `pause ${c.name}`);
            paused.set(`${c.id}:${user}`, at);
            actions.pause!++;
          }
        }
        if (rand() < 0.05 * scale && paused.size) {
          const key = pick([...paused.keys()]);
          const [circleId, user] = key.split(':') as [string, string];
          const c = circles.find((x) => x.id === Number(circleId))!;
          await t.slack.command(user, `resume ${c.name}`);
          pauses.push({ circle: c.id, user, from: paused.get(key)!, to: at });
          paused.delete(key);
          actions.resume!++;
        }
        if (rand() < rare) {
          const c = pick(circles);
          await t.slack.command(c.facilitator, `skip ${c.name}`);
          const ask = t.emulator.ephemeralsTo(c.facilitator).at(-1);
          if (ask && JSON.stringify(ask.blocks ?? []).includes(SessionActions.skipConfirm)) {
            await t.slack.clickButton(c.facilitator, { ephemeral: ask }, SessionActions.skipConfirm);
            actions.skip!++;
          }
        }
        if (rand() < rare) {
          // The facilitator moves the next session a day later, to noon in the circle's zone.
          const c = pick(circles);
          await t.slack.command(c.facilitator, `schedule ${c.name}`);
          const list = t.emulator.ephemeralsTo(c.facilitator).at(-1);
          const sessionId =
            /"action_id":"session_reschedule"[^}]*?"value":"(\d+)"|"value":"(\d+)"[^}]*?"action_id":"session_reschedule"/.exec(
              JSON.stringify(list?.blocks ?? []),
            );
          if (list && sessionId) {
            await t.slack.clickButton(c.facilitator, { ephemeral: list }, SessionActions.reschedule);
            const modal = t.emulator.openViewsOf(c.facilitator).at(-1);
            const day = /"initial_date":"(\d{4}-\d{2}-\d{2})"/.exec(JSON.stringify(modal?.view ?? {}))?.[1];
            if (modal && day) {
              const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
              const res = await t.slack.submitView(c.facilitator, modal.id, {
                [RescheduleFields.date]: next,
                [RescheduleFields.time]: '12:00',
              });
              if (res.body) {
                // Refused (the day is taken or has passed): the modal says why; close it as a person would.
                await t.slack.closeView(c.facilitator, modal.id);
              } else {
                moved.push({ session: Number(sessionId[1] ?? sessionId[2]), at });
                actions.reschedule!++;
              }
            }
          }
        }
        if (rand() < 0.15 * scale) {
          const c = pick(circles);
          const ms = await t.db
            .selectFrom('memberships')
            .select('user_id')
            .where('circle_id', '=', c.id)
            .where('status', '=', 'active')
            .execute();
          if (ms.length) {
            const user = pick(ms).user_id;
            const before = t.emulator.openViewsOf(user).length;
            await t.slack.command(user, `checkin ${c.name}`);
            if (t.emulator.openViewsOf(user).length > before) {
              await submitCheckin(t, user, lastOpenView(t, user), { attended: pick(['yes', 'part', 'no'] as const) });
              actions.checkin!++;
            }
          }
        }
      }
      const callsBefore = t.emulator.calls.length;
      const tickStarted = Date.now();
      const result = await t.tick(new Date(at));
      const tickMs = Date.now() - tickStarted;
      if (options.trace && tickMs > 200) {
        const methods: Record<string, number> = {};
        for (const c of t.emulator.calls.slice(callsBefore)) methods[c.method] = (methods[c.method] ?? 0) + 1;
        options.progress?.(
          `pass ${new Date(at).toISOString()} took ${tickMs} ms: ${JSON.stringify(result.reports)} ${JSON.stringify(methods)}`,
        );
      }
      // A year of Web API calls and message blocks would fill the memory (and slow every collection):
      // the calls go each pass, and once a day the blocks of what was posted before. The texts stay
      // for the checks; nothing here presses an old message's buttons.
      t.emulator.reset();
      if (n % 96 === 95) {
        for (const channel of [...people.map((u) => t.emulator.dmChannelOf(u)), ...channels]) {
          for (const m of t.emulator.messages(channel)) m.blocks = [];
        }
      }
      if (result.failed.length) violations.push(`tick ${new Date(at).toISOString()} failed: ${result.failed.join(', ')}`);
      if (n % 96 === 0) options.progress?.(`day ${n / 96} of ${options.days} at ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const end = START + ticks * TICK_MS;
    for (const [key, from] of paused) {
      const [circle, user] = key.split(':') as [string, string];
      pauses.push({ circle: Number(circle), user, from, to: end + 1 });
    }

    // 1. No message twice: each reminder seen is one sent delivery, and a person hears of a
    // session once per reminder lead at most (a week before and an hour before read the same).
    const ledger = await sql<{ sent_channel: string; sent_ts: string; user_id: string; session_id: number; lead: number }>`
      SELECT sent_channel, sent_ts, user_id, session_id, (payload->>'leadMinutes')::int AS lead FROM deliveries
      WHERE kind = 'reminder' AND status = 'sent'`.execute(t.db);
    const byMessage = new Map(ledger.rows.map((r) => [`${r.sent_channel}|${r.sent_ts}`, r]));
    const heard = new Map<string, number[]>();
    for (const user of people) {
      for (const m of t.emulator.dmsTo(user).filter((d) => d.text.startsWith('Reminder:'))) {
        const row = byMessage.get(`${m.channel}|${m.ts}`);
        if (!row) {
          violations.push(`a reminder no delivery accounts for: ${user}|${m.text}`);
          continue;
        }
        const k = `${user}|session ${row.session_id}`;
        heard.set(k, [...(heard.get(k) ?? []), row.lead]);
      }
    }
    for (const [k, leads] of heard)
      if (new Set(leads).size < leads.length) violations.push(`sent twice for one lead: ${k} ${leads}`);
    const { rows: doubled } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT sent_channel, sent_ts FROM deliveries WHERE status = 'sent' AND sent_ts <> ''
      GROUP BY sent_channel, sent_ts HAVING count(*) > 1) d`.execute(t.db);
    if (doubled[0]!.n > 0) violations.push(`${doubled[0]!.n} messages recorded for two deliveries`);

    // 2. No reminder to a paused member.
    const sentReminders = await t.db
      .selectFrom('deliveries')
      .select(['circle_id', 'user_id', 'updated_at', 'key'])
      .where('kind', '=', 'reminder')
      .where('status', '=', 'sent')
      .execute();
    for (const r of sentReminders) {
      const when = r.updated_at.getTime();
      if (pauses.some((p) => p.circle === r.circle_id && p.user === r.user_id && p.from <= when && when < p.to)) {
        violations.push(`reminder ${r.key} sent to a paused member at ${r.updated_at.toISOString()}`);
      }
    }

    // 3. Every session in the past was held or cancelled.
    const { rows: open } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions WHERE ends_at < ${new Date(end - TICK_MS)} AND status NOT IN ('held', 'cancelled')`.execute(
      t.db,
    );
    if (open[0]!.n > 0) violations.push(`${open[0]!.n} past sessions neither held nor cancelled`);

    // 4. Rotation is fair: among members present throughout and never paused, turns differ by one at most.
    const { rows: led } = await sql<{ circle_id: number; leader_user_id: string; n: number }>`
      SELECT circle_id, leader_user_id, count(*)::int AS n FROM sessions
      WHERE status = 'held' AND leader_user_id IS NOT NULL GROUP BY circle_id, leader_user_id`.execute(t.db);
    for (const [i, c] of circles.entries()) {
      const steady = people
        .slice(i * MEMBERS, (i + 1) * MEMBERS)
        .filter((u) => !pauses.some((p) => p.circle === c.id && p.user === u));
      const turns = steady.map((u) => led.find((l) => l.circle_id === c.id && l.leader_user_id === u)?.n ?? 0);
      if (turns.length > 1 && Math.max(...turns) - Math.min(...turns) > 1) {
        violations.push(`rotation in ${c.name} is uneven among steady members: ${turns.join(', ')}`);
      }
    }

    // 5. A moved session is reminded on its new time line: no hour-before reminder planned for its
    // old time went out after the move.
    for (const m of moved) {
      const session = await t.db.selectFrom('sessions').selectAll().where('id', '=', m.session).executeTakeFirst();
      if (!session?.rescheduled) {
        violations.push(`session ${m.session} was moved but is not stored as rescheduled`);
        continue;
      }
      const hourBefore = session.starts_at.getTime() - 60 * 60_000;
      if (hourBefore <= m.at) continue;
      const early = sentReminders.filter(
        (r) =>
          r.key.startsWith(`reminder:${m.session}:`) &&
          r.key.endsWith(':60') &&
          r.updated_at.getTime() > m.at &&
          r.updated_at.getTime() < hourBefore,
      );
      for (const r of early)
        violations.push(`reminder ${r.key} went out at ${r.updated_at.toISOString()}, before the moved session's hour`);
    }

    const count = async (table: 'deliveries' | 'sessions') => {
      const { rows } = await sql<{ status: string; n: number }>`
        SELECT status, count(*)::int AS n FROM ${sql.table(table)} WHERE team_id = ${TEAM.id} GROUP BY status`.execute(t.db);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    };
    const { rows: size } = await sql<{ bytes: number }>`SELECT pg_database_size(current_database())::bigint AS bytes`.execute(
      t.db,
    );
    return {
      ticks,
      actions,
      deliveries: await count('deliveries'),
      sessions: await count('sessions'),
      databaseBytes: Number(size[0]!.bytes),
      seconds: (Date.now() - started) / 1000,
      violations,
    };
  } finally {
    await t.close();
  }
}
