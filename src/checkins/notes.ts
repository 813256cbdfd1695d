import { assertCanManage, type CircleRow } from '../circles/service';
import type { Db } from '../db/database';
import type { SessionRow } from '../sessions/service';
import type { CheckinEffects } from './effects';
import { type Manager, NOTES_WHAT } from './model';
import { recordedAbsent, takeRoster } from './records';
import { findNotes, upsertNotes } from './store';

/** A session's notes: shared in its thread once, edited in place after, with a link to each member recorded absent. */

export interface SharedNotes {
  /** Where the notes already are, to edit in place; null when they are posted now for the first time. */
  posted: { channel: string; ts: string } | null;
  absentTold: number;
  /** The post in the thread, then the links to it: flushed in that order, so the links can point at the post. */
  keys: { post: string[]; tell: string[] };
}

/** Stores a session's notes; the first time, plans their post in the thread and a link to each member recorded absent. */
export async function shareNotes(
  db: Db,
  fx: CheckinEffects,
  circle: CircleRow,
  session: SessionRow,
  actor: Manager,
  text: string,
  now: Date,
): Promise<SharedNotes> {
  // Whoever calls this, only the circle's facilitators and organizers share its notes.
  await assertCanManage(db, circle, actor.person, actor.organizers, NOTES_WHAT);
  return db.transaction().execute(async (trx) => {
    const notes = await upsertNotes(trx, circle.team_id, session.id, text, actor.person.userId, now);
    if (notes.channel_id && notes.ts) {
      return { posted: { channel: notes.channel_id, ts: notes.ts }, absentTold: 0, keys: { post: [], tell: [] } };
    }
    const base = { teamId: circle.team_id, circleId: circle.id, sessionId: session.id, dueAt: now, payload: {} };
    const post = await fx.outbox.enqueue(trx, fx.kinds.notes, [{ ...base, key: `notes:${session.id}` }]);
    const absent = await recordedAbsent(trx, circle.team_id, session.id, await takeRoster(trx, session, now));
    const tell = await fx.outbox.enqueue(
      trx,
      fx.kinds.notesAbsent,
      absent.map((userId) => ({ ...base, key: `notes-absent:${session.id}:${userId}`, userId })),
    );
    return { posted: null, absentTold: absent.length, keys: { post, tell } };
  });
}

export async function notesOf(db: Db, session: SessionRow): Promise<string | undefined> {
  return (await findNotes(db, session.team_id, session.id))?.text;
}
