import { type CircleRow, findCircle, findMembership } from '../circles/store';
import type { Db } from '../db/database';
import type { Renderer } from '../scheduler/sender';
import { agendaBlocks, agendaText, changeText, reminderBlocks, reminderText, warmupBlocks, warmupText } from './messages';
import { agendaItems, findSession, type SessionRow, updateSession } from './store';

type Loaded = { skip: string } | { circle: CircleRow; session: SessionRow };

async function load(db: Db, teamId: string, circleId: number | null, sessionId: number | null): Promise<Loaded> {
  const session = sessionId === null ? undefined : await findSession(db, teamId, sessionId);
  const circle = circleId === null ? undefined : await findCircle(db, teamId, circleId);
  if (!session || !circle) return { skip: 'session or circle no longer exists' };
  return { circle, session };
}

/** Paused, waitlisted and departed members are not messaged, whatever was planned for them. */
async function stillActive(db: Db, circle: CircleRow, userId: string): Promise<string | null> {
  const m = await findMembership(db, circle.team_id, circle.id, userId);
  if (!m) return 'not a member';
  return m.status === 'active' ? null : `member is ${m.status}`;
}

const leadOf = (payload: unknown): number => Number((payload as { leadMinutes?: unknown } | null)?.leadMinutes ?? 0);

/** How each kind of session message is written at send time. */
export function sessionRenderers(db: Db): Record<string, Renderer> {
  return {
    async reminder(d) {
      const loaded = await load(db, d.team_id, d.circle_id, d.session_id);
      if ('skip' in loaded) return loaded;
      const { circle, session } = loaded;
      if (session.status !== 'scheduled') return { skip: `session ${session.status}` };
      const inactive = await stillActive(db, circle, d.user_id!);
      if (inactive) return { skip: inactive };
      const lead = leadOf(d.payload);
      return {
        channel: d.user_id!,
        text: reminderText(circle, session, lead),
        blocks: reminderBlocks(circle, session, lead, await agendaItems(db, d.team_id, session.id)),
      };
    },

    async agenda(d) {
      const loaded = await load(db, d.team_id, d.circle_id, d.session_id);
      if ('skip' in loaded) return loaded;
      const { circle, session } = loaded;
      if (session.status !== 'scheduled') return { skip: `session ${session.status}` };
      if (!circle.channel_id) return { skip: 'circle has no channel' };
      return {
        channel: circle.channel_id,
        text: agendaText(circle, session),
        blocks: agendaBlocks(circle, session, await agendaItems(db, d.team_id, session.id)),
        // Remembered so later changes edit this post in place instead of posting again.
        afterSend: async (channel, ts) => {
          await updateSession(db, d.team_id, session.id, { agenda_channel_id: channel, agenda_ts: ts });
        },
      };
    },

    async warmup(d) {
      const loaded = await load(db, d.team_id, d.circle_id, d.session_id);
      if ('skip' in loaded) return loaded;
      const { circle, session } = loaded;
      if (session.status !== 'scheduled') return { skip: `session ${session.status}` };
      if (session.leader_user_id !== d.user_id) return { skip: 'warm-up passed to someone else' };
      const inactive = await stillActive(db, circle, d.user_id!);
      if (inactive) return { skip: inactive };
      return { channel: d.user_id!, text: warmupText(circle, session), blocks: warmupBlocks(circle, session) };
    },

    async 'session-change'(d) {
      const loaded = await load(db, d.team_id, d.circle_id, d.session_id);
      if ('skip' in loaded) return loaded;
      const { circle, session } = loaded;
      const change = (d.payload as { change?: string } | null)?.change === 'cancelled' ? 'cancelled' : 'moved';
      const inactive = await stillActive(db, circle, d.user_id!);
      if (inactive) return { skip: inactive };
      return { channel: d.user_id!, text: changeText(circle, session, change) };
    },
  };
}
