import type { Conn } from '../db/database';

/**
 * The demo's own reads: what time travel must stop at, and what the tour looks up to point at. The
 * demo serves one workspace of the emulator, so these read across workspaces (there is one).
 */

/** The next scheduled session after `after`, over every circle of the demo. */
export async function nextSessionStart(db: Conn, after: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select('starts_at')
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', after)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
  return row?.starts_at;
}

/**
 * Scheduled group sessions of circles not ended starting in (from, to], with the leads their circle
 * sends reminders and the agenda at: the sessions the planner plans messages for.
 */
export async function scheduledStarting(db: Conn, from: Date, to: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('circles', (j) =>
      j.onRef('circles.team_id', '=', 'sessions.team_id').onRef('circles.id', '=', 'sessions.circle_id'),
    )
    .select(['sessions.starts_at', 'circles.reminder_lead_minutes', 'circles.agenda_lead_minutes', 'circles.channel_id'])
    .where('sessions.status', '=', 'scheduled')
    .where('sessions.pair_id', 'is', null)
    .where('circles.status', '!=', 'ended')
    .where('sessions.starts_at', '>', from)
    .where('sessions.starts_at', '<=', to)
    .execute();
}

/** Scheduled sessions ending in (from, to]. */
export async function scheduledEnding(db: Conn, from: Date, to: Date) {
  return db
    .selectFrom('sessions')
    .select('ends_at')
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', from)
    .where('ends_at', '<=', to)
    .execute();
}

/** Sessions not cancelled that ended in (from, to], with their circle's check-in delay. */
export async function endedWithCheckinDelay(db: Conn, from: Date, to: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('circles', (j) =>
      j.onRef('circles.team_id', '=', 'sessions.team_id').onRef('circles.id', '=', 'sessions.circle_id'),
    )
    .select(['sessions.ends_at', 'circles.checkin_delay_minutes'])
    .where('sessions.status', '!=', 'cancelled')
    .where('sessions.ends_at', '>', from)
    .where('sessions.ends_at', '<=', to)
    .execute();
}

export async function demoCircleNamed(db: Conn, name: string) {
  return db
    .selectFrom('circles')
    .select(['id', 'channel_id', 'checkin_delay_minutes'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

export async function demoCircleDelay(db: Conn, circleId: number) {
  return db.selectFrom('circles').select('checkin_delay_minutes').where('id', '=', circleId).executeTakeFirstOrThrow();
}

/** The circle's session starting at `startsAt`. */
export async function demoSessionAt(db: Conn, circleId: number, startsAt: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'leader_user_id', 'ends_at'])
    .where('circle_id', '=', circleId)
    .where('starts_at', '=', startsAt)
    .executeTakeFirst();
}

/** The circle's latest session to have ended by `now`. */
export async function demoLastEnded(db: Conn, circleId: number, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'ends_at'])
    .where('circle_id', '=', circleId)
    .where('ends_at', '<=', now)
    .orderBy('ends_at', 'desc')
    .executeTakeFirstOrThrow();
}

/** When the circle's session starting at `startsAt` ends (it must exist). */
export async function demoSessionEnd(db: Conn, circleId: number, startsAt: Date) {
  return db
    .selectFrom('sessions')
    .select('ends_at')
    .where('circle_id', '=', circleId)
    .where('starts_at', '=', startsAt)
    .executeTakeFirstOrThrow();
}

/** The circle's next `limit` scheduled sessions after `now`, soonest first. */
export async function demoSessionsAhead(db: Conn, circleId: number, now: Date, limit: number) {
  return db
    .selectFrom('sessions')
    .select(['starts_at', 'ends_at'])
    .where('circle_id', '=', circleId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

/** Every circle's name, to pick one the tour can create. */
export async function demoCircleNames(db: Conn): Promise<string[]> {
  return (await db.selectFrom('circles').select('name').execute()).map((r) => r.name);
}

/** The groups of the circle's latest pairs preview, to pick two people a swap can exchange. */
export async function demoMatchGroups(db: Conn, circleId: number): Promise<string[][]> {
  const row = await db
    .selectFrom('match_drafts')
    .select('arrangement')
    .where('circle_id', '=', circleId)
    .orderBy('cycle_id', 'desc')
    .executeTakeFirst();
  const arrangement = row?.arrangement as { groups?: Array<{ members: string[] }> } | undefined;
  return (arrangement?.groups ?? []).map((g) => g.members);
}

/** Active cycles ending on or after `fromDate` (YYYY-MM-DD), soonest first, with their circle's zone and channel. */
export async function demoCycleEnds(db: Conn, fromDate: string) {
  return db
    .selectFrom('cycles')
    .innerJoin('circles', (j) => j.onRef('circles.team_id', '=', 'cycles.team_id').onRef('circles.id', '=', 'cycles.circle_id'))
    .select(['cycles.circle_id', 'cycles.end_date', 'circles.cadence', 'circles.channel_id'])
    .where('cycles.status', '=', 'active')
    .where('cycles.end_date', '>=', fromDate)
    .orderBy('cycles.end_date')
    .execute();
}

export async function demoProgramNames(db: Conn): Promise<string[]> {
  return (await db.selectFrom('programs').select('name').execute()).map((r) => r.name);
}

export async function demoProgramNamed(db: Conn, name: string) {
  return db.selectFrom('programs').select(['id', 'team_id']).where('name', '=', name).executeTakeFirstOrThrow();
}

/** The program's formation preview, as the organizer last saw it. */
export async function demoFormationDraft(db: Conn, teamId: string, programId: number) {
  return db
    .selectFrom('formation_drafts')
    .select('arrangement')
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .executeTakeFirstOrThrow();
}

/** How many deliveries of each kind have been sent, to say what a jump brought. */
export async function sentCounts(db: Conn): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'sent')
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}
