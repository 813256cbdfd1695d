import { z } from 'zod';
import { memberIds } from '../circles/service';
import type { Db } from '../db/database';
import { defineKind, type NewDelivery } from '../scheduler/kinds';
import { type PollKinds, pickedPayload, pollPayload } from './kinds';
import { nextSessionToCome } from '../sessions/service';
import { parseStoredCadence } from '../time/cadence';
import { openedBlocks, openedText, pickedText, reminderBlocks, reminderText } from './blocks';
import { REMINDER_BEFORE_CLOSE_MS, storedCandidates } from './model';
import { answersOf, findPoll, pollsClosingIn } from './store';
import { circleById } from '../circles/service';

/**
 * The poll's messages, all through the ledger: its announcement in the channel, the one reminder
 * to members who have not answered a day before it closes, and the news of the time picked.
 */
export function pollKinds(db: Db): PollKinds {
  const load = async (teamId: string, pollId: number) => {
    const poll = await findPoll(db, teamId, pollId);
    const circle = poll ? await circleById(db, teamId, poll.circle_id) : undefined;
    const candidates = poll ? storedCandidates(poll.candidates) : null;
    return poll && circle && candidates ? { poll, circle, candidates } : null;
  };
  return {
    opened: defineKind({
      kind: 'poll_opened',
      payload: pollPayload,
      async render(d, now) {
        const found = await load(d.teamId, d.payload.pollId);
        if (!found || found.poll.status !== 'open' || found.poll.closes_at <= now) return { skip: 'poll over' };
        if (!d.channelId) return { skip: 'no channel' };
        const { circle, poll, candidates } = found;
        return {
          post: {
            channel: d.channelId,
            text: openedText(circle, poll, candidates.length),
            blocks: openedBlocks(circle, poll, candidates),
          },
        };
      },
    }),
    reminder: defineKind({
      kind: 'poll_reminder',
      payload: pollPayload,
      async plan(w) {
        // A poll closing a day after the window's end is reminded in this window.
        const polls = await pollsClosingIn(
          db,
          new Date(w.from.getTime() + REMINDER_BEFORE_CLOSE_MS),
          new Date(w.to.getTime() + REMINDER_BEFORE_CLOSE_MS),
        );
        const out: Array<NewDelivery<z.infer<typeof pollPayload>>> = [];
        for (const poll of polls) {
          const asked = await memberIds(db, poll.team_id, poll.circle_id, ['active']);
          const answered = new Set((await answersOf(db, poll.team_id, poll.id)).map((a) => a.user_id));
          for (const userId of asked.filter((u) => !answered.has(u))) {
            out.push({
              teamId: poll.team_id,
              key: `poll-reminder:${poll.id}:${userId}`,
              circleId: poll.circle_id,
              userId,
              dueAt: new Date(poll.closes_at.getTime() - REMINDER_BEFORE_CLOSE_MS),
              expiresAt: poll.closes_at,
              payload: { pollId: poll.id },
            });
          }
        }
        return out;
      },
      async render(d, now) {
        const found = await load(d.teamId, d.payload.pollId);
        if (!found || found.poll.status !== 'open' || found.poll.closes_at <= now) return { skip: 'poll over' };
        if (!d.userId) return { skip: 'no one to remind' };
        const answered = (await answersOf(db, d.teamId, found.poll.id)).some((a) => a.user_id === d.userId);
        if (answered) return { skip: 'answered meanwhile' };
        const { circle, poll } = found;
        return { post: { channel: d.userId, text: reminderText(circle, poll), blocks: reminderBlocks(circle, poll) } };
      },
    }),
    picked: defineKind({
      kind: 'poll_picked',
      payload: pickedPayload,
      async render(d, now) {
        const found = await load(d.teamId, d.payload.pollId);
        if (!found || !d.channelId) return { skip: 'poll or channel gone' };
        const cadence = parseStoredCadence(found.circle.cadence);
        if (!cadence) return { skip: 'cadence unreadable' };
        const from = new Date(d.payload.from);
        const next = await nextSessionToCome(db, found.circle, from > now ? from : now);
        const text = pickedText(found.circle, cadence, next?.starts_at ?? null);
        return { post: { channel: d.channelId, text } };
      },
    }),
  };
}
