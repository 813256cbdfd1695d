import { z } from 'zod';
import type { AppDeps } from '../../app/deps';
import type { CirclePorts } from '../../circles/ports';
import { channelNameFor } from '../../circles/model';
import { channelPeople, setCircleChannel } from '../../circles/settings/service';
import { circleById, facilitatorIds, memberIds } from '../../circles/service';
import { slackErrorCode } from '../../core/errors';
import { type DeliveryKind, defineKind } from '../../scheduler/kinds';
import { addToChannel } from '../../slack/channels';
import { describeCadence, parseStoredCadence } from '../../time/cadence';
import { formedWelcomeText, openedText, unplacedText } from './messages';

const openPayload = z.object({ programName: z.string().max(200), reasons: z.array(z.string().max(3000)).max(50) });
const welcomePayload = z.object({ programName: z.string().max(200) });
const unplacedPayload = z.object({
  programName: z.string().max(200),
  reason: z.enum(['no_shared_time', 'conflicts', 'not_enough_people', 'unfinished']),
});

/** The messages Confirm sends, each once whatever crashes or retries do. */
export interface FormKinds {
  /** A formed circle's channel: created if it has none, its people invited, who and why posted there. */
  open: DeliveryKind<z.infer<typeof openPayload>>;
  /** Each member's DM: which circle, with whom, and when it meets in their own time. */
  welcome: DeliveryKind<z.infer<typeof welcomePayload>>;
  /** Each person not placed: why, and what happens next. */
  unplaced: DeliveryKind<z.infer<typeof unplacedPayload>>;
}

const MAX_CHANNEL_NAME_ATTEMPTS = 10;

export function formKinds(
  deps: Pick<AppDeps, 'db' | 'gateway' | 'home' | 'clock'>,
  ports: Pick<CirclePorts, 'nextMeetings'>,
): FormKinds {
  const { db } = deps;

  async function nextMeeting(teamId: string, circleId: number, now: Date): Promise<Date | null> {
    return (await ports.nextMeetings(teamId, [circleId], now)).get(circleId) ?? null;
  }

  return {
    open: defineKind({
      kind: 'formed-circle-open',
      payload: openPayload,
      async render(d, now) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        if (!circle) return { skip: 'circle no longer exists' };
        const client = await deps.gateway.client(d.teamId);
        let channel = circle.channel_id;
        // A retry after a crash finds the channel it made and carries on from there.
        for (let attempt = 1; !channel && attempt <= MAX_CHANNEL_NAME_ATTEMPTS; attempt++) {
          try {
            const created = await client.conversations.create({ name: channelNameFor(circle.name, attempt), is_private: true });
            if (!created.channel?.id) return { skip: 'Slack made no channel' };
            channel = created.channel.id;
            await setCircleChannel(db, d.teamId, circle.id, { id: channel, created: true }, deps.clock());
          } catch (error) {
            if (slackErrorCode(error) !== 'name_taken') throw error;
          }
        }
        if (!channel) return { skip: 'no free channel name' };
        await addToChannel(client, channel, await channelPeople(db, d.teamId, circle.id));
        const members = await memberIds(db, d.teamId, circle.id, ['active', 'paused']);
        const facilitators = await facilitatorIds(db, d.teamId, circle.id);
        const cadence = parseStoredCadence(circle.cadence);
        return {
          post: {
            channel,
            text: openedText(circle, d.payload.programName, members, facilitators, d.payload.reasons, {
              rhythm: cadence ? describeCadence(cadence) : null,
              first: await nextMeeting(d.teamId, circle.id, now),
            }),
          },
          afterSend: async () => {
            for (const id of members) await deps.home.refresh(d.teamId, id);
          },
        };
      },
    }),

    welcome: defineKind({
      kind: 'formed-circle-welcome',
      payload: welcomePayload,
      async render(d, now) {
        const circle = d.circleId === null ? undefined : await circleById(db, d.teamId, d.circleId);
        if (!circle || !d.userId) return { skip: 'circle no longer exists' };
        const members = await memberIds(db, d.teamId, circle.id, ['active', 'paused']);
        if (!members.includes(d.userId)) return { skip: 'no longer in the circle' };
        return {
          post: {
            channel: d.userId,
            text: formedWelcomeText(
              circle,
              d.payload.programName,
              d.userId,
              members,
              await nextMeeting(d.teamId, circle.id, now),
            ),
          },
        };
      },
    }),

    unplaced: defineKind({
      kind: 'formed-unplaced',
      payload: unplacedPayload,
      async render(d) {
        if (!d.userId) return { skip: 'nobody to tell' };
        return { post: { channel: d.userId, text: unplacedText(d.payload.programName, d.payload.reason) } };
      },
    }),
  };
}
