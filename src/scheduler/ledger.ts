import { type Kysely, type Selectable, sql, type Transaction, type UpdateObject } from 'kysely';
import type { Database, DeliveriesTable } from '../db/types';
import type { NewDelivery } from './kinds';

type Conn = Kysely<Database> | Transaction<Database>;
export type DeliveryRow = Selectable<DeliveriesTable>;

/** One outbound message to send once, whatever crashes or replicas do. */
export type PlannedDelivery = NewDelivery<unknown> & { kind: string };

/** Inserts what is not planned yet; returns how many were new. */
export async function planDeliveries(db: Conn, deliveries: PlannedDelivery[], now: Date): Promise<number> {
  let inserted = 0;
  // Batches keep each statement's parameter count far below PostgreSQL's limit.
  for (let i = 0; i < deliveries.length; i += 500) {
    const batch = deliveries.slice(i, i + 500);
    const result = await db
      .insertInto('deliveries')
      .values(
        batch.map((d) => ({
          team_id: d.teamId,
          key: d.key,
          kind: d.kind,
          circle_id: d.circleId ?? null,
          session_id: d.sessionId ?? null,
          user_id: d.userId ?? null,
          channel_id: d.channelId ?? null,
          due_at: d.dueAt,
          expires_at: d.expiresAt ?? null,
          next_attempt_at: d.dueAt,
          lease_until: null,
          payload: JSON.stringify(d.payload ?? {}),
          sent_channel: null,
          sent_ts: null,
          last_error: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['team_id', 'key']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Takes up to `limit` deliveries that are due (or whose sender's lease ran out) and leases them
 * to this caller. SKIP LOCKED lets any number of replicas and `cli tick` runs claim side by side
 * without waiting on each other or taking the same row.
 */
export async function claimDue(db: Conn, now: Date, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<DeliveryRow>`
    UPDATE deliveries SET status = 'sending', lease_until = ${leaseUntil}, attempts = attempts + 1, updated_at = ${now}
    WHERE id IN (
      SELECT id FROM deliveries
      WHERE status IN ('pending', 'sending') AND next_attempt_at <= ${now}
        AND (status = 'pending' OR lease_until < ${now})
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  // RETURNING keeps no order: after a gap, a channel's messages go out in the order they fell due.
  return rows.sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || a.id - b.id);
}

/**
 * Leases the given deliveries of one workspace if they are due and free: the path by which a Slack
 * request sends what it just enqueued, right after its ack, instead of waiting for the next pass.
 */
export async function claimKeys(db: Conn, teamId: string, keys: string[], now: Date, leaseMs: number): Promise<DeliveryRow[]> {
  if (keys.length === 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<DeliveryRow>`
    UPDATE deliveries SET status = 'sending', lease_until = ${leaseUntil}, attempts = attempts + 1, updated_at = ${now}
    WHERE id IN (
      SELECT id FROM deliveries
      WHERE team_id = ${teamId} AND key = ANY(${keys}::text[]) AND status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY id
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  return rows;
}

export async function markSent(db: Conn, d: DeliveryRow, channel: string, ts: string, now: Date): Promise<void> {
  // The message is out: losing its record to a dropped connection would send it again once the
  // lease runs out, so the write is retried across a database restart. `finish` is guarded by the
  // attempt it records, so a repeat that lands twice changes nothing.
  await persistently(() =>
    finish(db, d, {
      status: 'sent',
      sent_channel: channel,
      sent_ts: ts,
      last_error: null,
      lease_until: null,
      updated_at: now,
    }),
  );
}

/** PostgreSQL gone for a moment: the connection dropped, refused, or the server shutting down (class 08, 57P0x). */
function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    /^(08|57P0)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)
  );
}

/** About 12 s of retries in all: the time a PostgreSQL restart takes. */
async function persistently(write: () => Promise<void>, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isConnectionLost(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 4000)));
    }
  }
}

// The other outcomes are retried across a dropped connection too: a send that failed because the
// database went away (its render could not read) is recorded on the next connection, instead of
// failing the whole pass with the error of one delivery.
export async function markSkipped(db: Conn, d: DeliveryRow, reason: string, now: Date): Promise<void> {
  await persistently(() => finish(db, d, { status: 'skipped', last_error: reason, lease_until: null, updated_at: now }));
}

export async function markFailed(db: Conn, d: DeliveryRow, error: string, now: Date): Promise<void> {
  await persistently(() => finish(db, d, { status: 'failed', last_error: error, lease_until: null, updated_at: now }));
}

export async function markRetry(db: Conn, d: DeliveryRow, nextAttemptAt: Date, error: string, now: Date): Promise<void> {
  await persistently(() =>
    finish(db, d, {
      status: 'pending',
      next_attempt_at: nextAttemptAt,
      last_error: error,
      lease_until: null,
      updated_at: now,
    }),
  );
}

// Only the holder of the current lease may finish a delivery: a sender whose lease ran out and was
// re-claimed elsewhere must not overwrite the newer attempt's outcome.
async function finish(db: Conn, d: DeliveryRow, values: UpdateObject<Database, 'deliveries'>): Promise<void> {
  await db
    .updateTable('deliveries')
    .set(values)
    .where('team_id', '=', d.team_id)
    .where('id', '=', d.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', d.attempts)
    .execute();
}

/** Skips what has not gone out yet for a session (it was cancelled). */
export async function skipPendingForSession(
  db: Conn,
  teamId: string,
  sessionId: number,
  reason: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'skipped', last_error: reason, updated_at: now })
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Stops, for good, whatever had not gone out yet for a workspace (it uninstalled the app). */
export async function skipPendingForTeam(db: Conn, teamId: string, reason: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'skipped', last_error: reason, lease_until: null, updated_at: now })
    .where('team_id', '=', teamId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Forgets every delivery of sessions that are being deleted (nobody heard of them yet). */
export async function dropForSessions(db: Conn, teamId: string, sessionIds: number[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await db.deleteFrom('deliveries').where('team_id', '=', teamId).where('session_id', 'in', sessionIds).execute();
}

/** What has not gone out yet for a session, for its feature to move or drop. */
export async function pendingForSession(
  db: Conn,
  teamId: string,
  sessionId: number,
): Promise<Array<Pick<DeliveryRow, 'id' | 'kind' | 'payload'>>> {
  return db
    .selectFrom('deliveries')
    .select(['id', 'kind', 'payload'])
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
}

/** Gives a pending delivery a new due time (its anchor moved). */
export async function moveDelivery(
  db: Conn,
  teamId: string,
  id: number,
  dueAt: Date,
  expiresAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ due_at: dueAt, next_attempt_at: dueAt, expires_at: expiresAt, updated_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Who already received a delivery of this kind about a session (to tell them it changed). */
export async function recipientsOf(db: Conn, teamId: string, sessionId: number, kind: string): Promise<string[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select('user_id')
    .distinct()
    .where('team_id', '=', teamId)
    .where('session_id', '=', sessionId)
    .where('kind', '=', kind)
    .where('status', '=', 'sent')
    .where('user_id', 'is not', null)
    .execute();
  return rows.map((r) => r.user_id!);
}

/** Whether the delivery with this key went out (a button it carried may then be answered). */
export async function wasSent(db: Conn, teamId: string, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('deliveries')
    .select('status')
    .where('team_id', '=', teamId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.status === 'sent';
}

export async function readWatermark(db: Conn, name: string): Promise<Date | null> {
  const row = await db.selectFrom('scheduler_state').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value ?? null;
}

/** Moves a watermark forward, never back, whatever order concurrent passes finish in. */
export async function advanceWatermark(db: Conn, name: string, value: Date, now: Date): Promise<void> {
  await db
    .insertInto('scheduler_state')
    .values({ name, value, updated_at: now })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ value: sql`GREATEST(scheduler_state.value, excluded.value)`, updated_at: now }),
    )
    .execute();
}

/** A fresh random alias each time the database evaluates it: once per row, and per column. */
const freshAlias = sql<string>`('forgotten-' || replace(gen_random_uuid()::text, '-', ''))`;

/**
 * Erasure of one person from the ledger. Rows stay (their keys keep a message from being sent
 * twice), each under a fresh alias; where a message went is forgotten when it was the person: their
 * user id as the channel, or their DM's id, which Slack resolves to them.
 */
export async function forgetRecipient(db: Conn, teamId: string, userId: string): Promise<void> {
  const alias = freshAlias;
  const dms = (
    await db
      .selectFrom('deliveries')
      .select('sent_channel')
      .distinct()
      .where('team_id', '=', teamId)
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('channel_id', '=', userId)]))
      .where('sent_channel', 'like', 'D%')
      .execute()
  ).flatMap((r) => (r.sent_channel ? [r.sent_channel] : []));
  if (dms.length > 0) {
    await db
      .updateTable('deliveries')
      .set({ sent_channel: null })
      .where('team_id', '=', teamId)
      .where('sent_channel', 'in', dms)
      .execute();
  }
  await db
    .updateTable('deliveries')
    .set({ channel_id: null })
    .where('team_id', '=', teamId)
    .where('channel_id', 'in', [userId, ...dms])
    .execute();
  for (const id of [userId, ...dms]) {
    await db
      .updateTable('deliveries')
      .set({
        user_id: sql`replace(user_id, ${id}, ${alias})`,
        key: sql`replace(key, ${id}, ${alias})`,
        payload: sql`replace(payload::text, ${id}, ${alias})::jsonb`,
        last_error: sql`replace(last_error, ${id}, ${alias})`,
      })
      .where('team_id', '=', teamId)
      .where((eb) =>
        eb.or([
          eb('user_id', '=', id),
          eb('key', 'like', `%${id}%`),
          eb(sql`payload::text`, 'like', `%${id}%`),
          eb('last_error', 'like', `%${id}%`),
        ]),
      )
      .execute();
  }
}
