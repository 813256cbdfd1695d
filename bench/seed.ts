import { sql } from 'kysely';
import type { Db } from '../src/db/database';
import { WARMUP_LEAD_MINUTES } from '../src/sessions/deliveries';

export const TEAM = 'TBENCH';
export const ZONE = 'America/New_York';
/** Circles at size 1x; size Nx has N times as many, and everything else in proportion. */
export const CIRCLES_PER_SIZE = 2000;
export const MEMBERS_PER_CIRCLE = 8;
/** Weekly sessions stored per circle: a year of them. */
export const SESSIONS_PER_CIRCLE = 52;
/** Of those, this many lie before the bench's start (the rest are the stored horizon ahead). */
export const PAST_WEEKS = 35;
/** The bench's start: the watermark sits here, as if the planner had just run. Mid-June, far from a DST change. */
export const START = new Date('2025-06-03T12:00:00Z');
/** The Monday of the start's week, local time; circle slots are minutes after that Monday's midnight. */
const START_MONDAY = '2025-06-02';
export const MINUTES_PER_WEEK = 7 * 1440;
const DAY_MS = 86_400_000;

/** The leads the app uses by default (column defaults), each with how many deliveries it yields per session. */
export const DEFAULT_LEADS = { reminder: [10080, 60], agenda: 1440, warmup: WARMUP_LEAD_MINUTES } as const;
export const DELIVERIES_PER_SESSION = MEMBERS_PER_CIRCLE * DEFAULT_LEADS.reminder.length + 1 + 1;

export interface SeedCounts {
  circles: number;
  users: number;
  memberships: number;
  sessions: number;
  /** Already sent: the ledger's history, which a tick must not pay for. */
  sentDeliveries: number;
  seconds: number;
}

/**
 * Fills the database as if the app had run for months: `circles` weekly circles of 8 active
 * members, a year of sessions each (35 weeks past, 17 ahead), leaders and prompts chosen for
 * every session whose first delivery is planned, and every delivery due in the `historyWeeks`
 * before the start already in the ledger as sent. Bulk SQL, no app code: the seed is not measured.
 *
 * Circle i meets weekly at minute floor((i-1) * 10080 / circles) of the local week (Monday
 * 00:00 New York time), so session starts, and with them every kind's due times, are spread
 * evenly over the week and a window of x% of a week holds x% of a week's deliveries.
 */
export async function seed(db: Db, circles: number, historyWeeks: number): Promise<SeedCounts> {
  const t0 = Date.now();
  const start = START.toISOString();
  const members = MEMBERS_PER_CIRCLE;
  // Leaders are chosen when a session's first delivery (the week-ahead reminder) is planned.
  const ledUntil = new Date(START.getTime() + DEFAULT_LEADS.reminder[0] * 60_000).toISOString();
  const historyFrom = new Date(START.getTime() - historyWeeks * 7 * DAY_MS).toISOString();

  await sql`INSERT INTO workspaces (team_id, name, bot_user_id, installed_at) VALUES (${TEAM}, 'Bench', 'UBOT', ${start}::timestamptz)`.execute(
    db,
  );
  await sql`
    INSERT INTO users (team_id, user_id, display_name, time_zone, created_at)
    SELECT ${TEAM}, 'U' || lpad(g::text, 7, '0'), 'Member ' || g, ${ZONE}, ${start}::timestamptz - interval '300 days'
    FROM generate_series(1, ${circles * members}::int) g`.execute(db);
  await sql`
    INSERT INTO circles (id, team_id, name, focus, kind, status, channel_id, cadence, created_by, sessions_planned_until,
                         created_at, updated_at)
    SELECT i, ${TEAM}, 'Bench circle ' || i, 'Benchmarks', 'group', 'open', 'CB' || lpad(i::text, 7, '0'),
      jsonb_build_object('kind', 'weekly', 'everyWeeks', 1,
        'weekday', (ARRAY['monday','tuesday','wednesday','thursday','friday','saturday','sunday'])[slot / 1440 + 1],
        'localTime', lpad(((slot % 1440) / 60)::text, 2, '0') || ':' || lpad((slot % 60)::text, 2, '0'),
        'durationMinutes', 90, 'timeZone', ${ZONE}::text),
      'U' || lpad(((i - 1) * ${members}::int + 1)::text, 7, '0'), ${start}::timestamptz + interval '120 days',
      ${start}::timestamptz - interval '300 days', ${start}::timestamptz - interval '300 days'
    FROM (SELECT i, ((i - 1) * ${MINUTES_PER_WEEK}::int / ${circles}::int) AS slot FROM generate_series(1, ${circles}::int) i) x`.execute(
    db,
  );
  await sql`SELECT setval(pg_get_serial_sequence('circles', 'id'), ${circles}::int)`.execute(db);
  await sql`
    INSERT INTO memberships (team_id, circle_id, user_id, role, status, queued_at, joined_at, created_at, updated_at)
    SELECT ${TEAM}, c, 'U' || lpad(((c - 1) * ${members}::int + m)::text, 7, '0'),
      CASE WHEN m = 1 THEN 'facilitator' ELSE 'member' END, 'active',
      ${start}::timestamptz - interval '300 days' + m * interval '1 minute',
      ${start}::timestamptz - interval '300 days' + m * interval '1 minute',
      ${start}::timestamptz - interval '300 days', ${start}::timestamptz - interval '300 days'
    FROM generate_series(1, ${circles}::int) c CROSS JOIN generate_series(1, ${members}::int) m`.execute(db);
  await sql`
    INSERT INTO cycles (id, team_id, circle_id, number, start_date, end_date, status, created_at)
    SELECT c, ${TEAM}, c, 1, ${START_MONDAY}::date - ${PAST_WEEKS * 7}::int, ${START_MONDAY}::date + ${(SESSIONS_PER_CIRCLE - PAST_WEEKS + 1) * 7}::int,
      'active', ${start}::timestamptz - interval '300 days'
    FROM generate_series(1, ${circles}::int) c`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('cycles', 'id'), ${circles}::int)`.execute(db);
  // All sessions stay 'scheduled', past ones too: nothing in the app marks a session held.
  await sql`
    INSERT INTO sessions (team_id, circle_id, cycle_id, occurrence_date, starts_at, ends_at, status, leader_user_id,
                          prompt_key, prompt_text, created_at, updated_at)
    SELECT ${TEAM}, c, c, d, starts, starts + interval '90 minutes', 'scheduled',
      CASE WHEN starts <= ${ledUntil}::timestamptz
        THEN 'U' || lpad(((c - 1) * ${members}::int + k % ${members}::int + 1)::text, 7, '0') END,
      CASE WHEN starts <= ${ledUntil}::timestamptz THEN 'bank-' || lpad((k % 60 + 1)::text, 2, '0') END,
      CASE WHEN starts <= ${ledUntil}::timestamptz THEN 'A bench prompt' END,
      ${start}::timestamptz - interval '300 days', ${start}::timestamptz - interval '300 days'
    FROM (
      SELECT c, k, d, (d + make_interval(mins => slot % 1440)) AT TIME ZONE ${ZONE}::text AS starts
      FROM (
        SELECT c, k, slot, ${START_MONDAY}::date + (7 * (k - ${PAST_WEEKS}::int) + slot / 1440) AS d
        FROM (SELECT c, (c - 1) * ${MINUTES_PER_WEEK}::int / ${circles}::int AS slot FROM generate_series(1, ${circles}::int) c) cs
        CROSS JOIN generate_series(0, ${SESSIONS_PER_CIRCLE - 1}::int) k
      ) x
    ) y
    ORDER BY starts, c`.execute(db);

  // The ledger's history: every delivery due in (historyFrom, start], sent. Keys are the planner's,
  // so planning any of them again would be a no-op.
  const [weekAhead, hourAhead] = DEFAULT_LEADS.reminder;
  await sql`
    INSERT INTO deliveries (team_id, key, kind, circle_id, session_id, user_id, channel_id, due_at, expires_at, status, attempts,
                            next_attempt_at, payload, sent_channel, sent_ts, created_at, updated_at)
    SELECT s.team_id, 'reminder:' || s.id || ':' || m.user_id || ':' || l.lead, 'reminder', s.circle_id, s.id, m.user_id, NULL,
      s.starts_at - make_interval(mins => l.lead), s.starts_at, 'sent', 1, s.starts_at - make_interval(mins => l.lead),
      jsonb_build_object('leadMinutes', l.lead), 'D' || m.user_id, '1700000000.000100',
      s.starts_at - make_interval(mins => l.lead), s.starts_at - make_interval(mins => l.lead)
    FROM sessions s
    CROSS JOIN (VALUES (${weekAhead}::int), (${hourAhead}::int)) l(lead)
    JOIN memberships m ON m.circle_id = s.circle_id AND m.team_id = s.team_id
    WHERE s.starts_at - make_interval(mins => l.lead) > ${historyFrom}::timestamptz
      AND s.starts_at - make_interval(mins => l.lead) <= ${start}::timestamptz
    ORDER BY 8`.execute(db);
  await sql`
    INSERT INTO deliveries (team_id, key, kind, circle_id, session_id, user_id, channel_id, due_at, expires_at, status, attempts,
                            next_attempt_at, payload, sent_channel, sent_ts, created_at, updated_at)
    SELECT s.team_id, 'agenda:' || s.id, 'agenda', s.circle_id, s.id, NULL, c.channel_id, due, s.ends_at, 'sent', 1, due,
      jsonb_build_object('leadMinutes', ${DEFAULT_LEADS.agenda}::int), c.channel_id, '1700000000.000200', due, due
    FROM (SELECT *, starts_at - make_interval(mins => ${DEFAULT_LEADS.agenda}::int) AS due FROM sessions) s
    JOIN circles c ON c.id = s.circle_id AND c.team_id = s.team_id
    WHERE due > ${historyFrom}::timestamptz AND due <= ${start}::timestamptz
    ORDER BY due`.execute(db);
  await sql`
    INSERT INTO deliveries (team_id, key, kind, circle_id, session_id, user_id, channel_id, due_at, expires_at, status, attempts,
                            next_attempt_at, payload, sent_channel, sent_ts, created_at, updated_at)
    SELECT s.team_id, 'warmup:' || s.id || ':' || s.leader_user_id, 'warmup', s.circle_id, s.id, s.leader_user_id, NULL, due,
      s.starts_at, 'sent', 1, due, jsonb_build_object('leadMinutes', ${DEFAULT_LEADS.warmup}::int), 'D' || s.leader_user_id,
      '1700000000.000300', due, due
    FROM (SELECT *, starts_at - make_interval(mins => ${DEFAULT_LEADS.warmup}::int) AS due FROM sessions) s
    WHERE due > ${historyFrom}::timestamptz AND due <= ${start}::timestamptz
    ORDER BY due`.execute(db);
  await sql`
    INSERT INTO scheduler_state (name, value, updated_at) VALUES ('deliveries_planned_until', ${start}::timestamptz, ${start}::timestamptz)`.execute(
    db,
  );
  // A running database has statistics and a visibility map; a freshly loaded one has neither.
  await sql`VACUUM ANALYZE`.execute(db);
  // Write the load out now rather than in a checkpoint during the measured ticks (needs superuser
  // or pg_checkpoint on PostgreSQL; without it the ticks merely get noisier).
  await sql`CHECKPOINT`.execute(db).catch(() => undefined);

  const { rows } = await sql<{ users: number; memberships: number; sessions: number; sent: number }>`
    SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM memberships) AS memberships,
      (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM deliveries WHERE status = 'sent') AS sent`.execute(db);
  const r = rows[0]!;
  return {
    circles,
    users: Number(r.users),
    memberships: Number(r.memberships),
    sessions: Number(r.sessions),
    sentDeliveries: Number(r.sent),
    seconds: (Date.now() - t0) / 1000,
  };
}
