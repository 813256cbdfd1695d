import { z } from 'zod';
import type { AppDeps } from '../../app/deps';
import { type DeliveryKind, defineKind, type NewDelivery } from '../../scheduler/kinds';
import { escapeMrkdwn } from '../../slack/blocks';
import type { CircleHooks } from '../hooks';
import { holdsPlace } from '../model';
import { facilitatorIds, memberIds } from '../service';
import { type CircleRow, findCircle, findMembership, type MembershipRow } from '../store';
import { promotedText, stillInChannelText, welcomeBlocks, welcomeText } from './blocks';
import { channelMembers } from '../../slack/channels';

const none = z.object({});
const removed = z.object({ by: z.string() });
/** `by`: who removed the person (absent when they left): the one told when the app will not remove them from the channel. */
const kick = z.object({ by: z.string().optional() });
const pauseEnded = z.object({ until: z.string() });

/** The messages and channel changes that follow a change of membership, each sent exactly once. */
export interface MembershipKinds {
  welcome: DeliveryKind<z.infer<typeof none>>;
  promoted: DeliveryKind<z.infer<typeof none>>;
  invite: DeliveryKind<z.infer<typeof none>>;
  kick: DeliveryKind<z.infer<typeof kick>>;
  removed: DeliveryKind<z.infer<typeof removed>>;
  pauseEnded: DeliveryKind<z.infer<typeof pauseEnded>>;
}

type Loaded = { skip: string } | { circle: CircleRow; membership: MembershipRow };

export function membershipKinds(
  deps: Pick<AppDeps, 'db' | 'home' | 'gateway'>,
  hooks: Pick<CircleHooks, 'calendarUrl'>,
): MembershipKinds {
  const { db } = deps;

  async function load(teamId: string, circleId: number | null, userId: string | null): Promise<Loaded> {
    const circle = circleId === null ? undefined : await findCircle(db, teamId, circleId);
    const membership = circle && userId ? await findMembership(db, teamId, circle.id, userId) : undefined;
    if (!circle || !membership) return { skip: 'circle or membership no longer exists' };
    return { circle, membership };
  }

  /** A message about a place is only worth sending while the person still holds it. */
  async function seated(teamId: string, circleId: number | null, userId: string | null): Promise<Loaded> {
    const loaded = await load(teamId, circleId, userId);
    if ('skip' in loaded) return loaded;
    return holdsPlace(loaded.membership.status) ? loaded : { skip: `member is ${loaded.membership.status}` };
  }

  /** The welcome DM (norms, rhythm, calendar link), after a join or a move up from the waitlist. */
  function welcomeKind(kind: string, textOf: (circle: CircleRow) => string, refreshHome = false) {
    return defineKind({
      kind,
      payload: none,
      async render(d) {
        const loaded = await seated(d.teamId, d.circleId, d.userId);
        if ('skip' in loaded) return loaded;
        const userId = loaded.membership.user_id;
        const url = (await hooks.calendarUrl(d.teamId, userId)) ?? undefined;
        return {
          post: { channel: userId, text: textOf(loaded.circle), blocks: welcomeBlocks(loaded.circle, url) },
          ...(refreshHome ? { afterSend: () => deps.home.refresh(d.teamId, userId) } : {}),
        };
      },
    });
  }

  return {
    welcome: welcomeKind('circle-welcome', welcomeText),
    // The person waited for this place: they are told, and their App Home shows the circle at once.
    promoted: welcomeKind('waitlist-promoted', promotedText, true),

    invite: defineKind({
      kind: 'channel-invite',
      payload: none,
      async render(d) {
        const loaded = await seated(d.teamId, d.circleId, d.userId);
        if ('skip' in loaded) return loaded;
        if (!loaded.circle.channel_id) return { skip: 'circle has no channel' };
        return { invite: { channel: loaded.circle.channel_id, users: [loaded.membership.user_id] } };
      },
    }),

    kick: defineKind({
      kind: 'channel-kick',
      payload: kick,
      async render(d) {
        const loaded = await load(d.teamId, d.circleId, d.userId);
        if ('skip' in loaded) return loaded;
        const { circle, membership } = loaded;
        // Someone who came back meanwhile keeps their seat in the channel.
        if (membership.status !== 'left') return { skip: `member is ${membership.status} again` };
        if (!circle.channel_id) return { skip: 'circle has no channel' };
        const kickOut = { kick: { channel: circle.channel_id, user: membership.user_id } };
        if (circle.channel_created) return kickOut;
        // A channel the app did not create is someone else's: the app removes people from it only
        // while it holds the circle and nobody else, and otherwise tells a facilitator.
        const client = await deps.gateway.client(d.teamId);
        const inChannel = new Set(await channelMembers(client, circle.channel_id));
        if (!inChannel.has(membership.user_id)) return { skip: 'not in the channel' };
        const bot = (await client.auth.test()).user_id;
        const circlePeople = new Set([...(await memberIds(db, d.teamId, circle.id, ['active', 'paused'])), membership.user_id]);
        const others = [...inChannel].filter((u) => u !== bot && !circlePeople.has(u));
        if (others.length === 0) return kickOut;
        const tell = d.payload.by ?? (await facilitatorIds(db, d.teamId, circle.id))[0];
        if (!tell) return { skip: 'channel not created by the app, and no facilitator to tell' };
        return { post: { channel: tell, text: stillInChannelText(circle, membership.user_id, circle.channel_id) } };
      },
    }),

    removed: defineKind({
      kind: 'member-removed',
      payload: removed,
      async render(d) {
        const loaded = await load(d.teamId, d.circleId, d.userId);
        if ('skip' in loaded) return loaded;
        return {
          post: {
            channel: loaded.membership.user_id,
            text: `<@${d.payload.by}> removed you from *${escapeMrkdwn(loaded.circle.name)}*. If you think this is a mistake, reply to them directly.`,
          },
          afterSend: () => deps.home.refresh(d.teamId, loaded.membership.user_id),
        };
      },
    }),

    pauseEnded: defineKind({
      kind: 'pause-ended',
      payload: pauseEnded,
      async render(d) {
        const loaded = await load(d.teamId, d.circleId, d.userId);
        if ('skip' in loaded) return loaded;
        if (loaded.membership.status !== 'active') return { skip: `member is ${loaded.membership.status}` };
        return {
          post: {
            channel: loaded.membership.user_id,
            text: `Your pause in *${escapeMrkdwn(loaded.circle.name)}* ended today: welcome back! Reminders start again with the next session.`,
          },
          afterSend: () => deps.home.refresh(d.teamId, loaded.membership.user_id),
        };
      },
    }),
  };
}

/** The deliveries of one membership event, keyed so a retried request plans nothing twice. */
export function about(m: MembershipRow, key: string, at: Date): Omit<NewDelivery<Record<string, never>>, 'payload'> {
  return {
    teamId: m.team_id,
    key: `${key}:${m.circle_id}:${m.user_id}:${at.getTime()}`,
    circleId: m.circle_id,
    userId: m.user_id,
    dueAt: at,
  };
}
