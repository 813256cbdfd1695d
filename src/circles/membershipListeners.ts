import { type ButtonArgs, onButton, type Reply } from '../slack/buttons';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { AppError, ErrorCode } from '../errors';
import { getPerson, type Person } from '../people/service';
import { todayIn } from '../sessions/zonedTime';
import type { Feature, SlackAppDeps } from '../slack/app';
import { escapeMrkdwn } from '../slack/blocks';
import type { SubcommandHandlers } from '../slack/commands';
import { nameArg, parsePauseArgs } from './commandArgs';
import { type HomeExtras, publishHome } from './home';
import { CircleActions } from './ids';
import { leaveConfirmBlocks, listBlocks, pickCircleBlocks, waitlistedText } from './membershipBlocks';
import { joinCircle, leaveCircle, pauseMembership, resumeMembership } from './membershipService';
import { joinRefusal } from './model';
import { announcePromotion, inviteToChannel, sendWelcome } from './notify';
import { circleByName, resolveOwnCircle } from './resolve';
import { assertCanManage } from './roles';
import { type CircleRow, circleCounts, findCircle, findCircleByChannel, listCircles, type MembershipRow } from './store';

/** Join, leave, pause, resume, list and remove: the membership side of circles. */
export function membershipFeature(extras: HomeExtras): Feature {
  return (app: App, deps: SlackAppDeps): SubcommandHandlers => {
    const ops = membershipOps(deps, extras);
    registerActions(app, deps, ops);
    return {
      list: async (ctx) => {
        const circles = await listCircles(deps.db, ctx.teamId, ['open']);
        const counts = await circleCounts(deps.db, ctx.teamId);
        const entries = circles.map((circle) => {
          const c = counts.get(circle.id) ?? { active: 0, paused: 0, waitlisted: 0 };
          return { circle, placesTaken: c.active + c.paused, waitlisted: c.waitlisted };
        });
        const blocks = listBlocks(entries);
        await ctx.reply(`${entries.length} open circle${entries.length === 1 ? '' : 's'}`, blocks);
      },
      join: async (ctx) => {
        const name = argName(ctx.rest);
        await ctx.args.ack();
        const circle = name
          ? await circleByName(deps.db, ctx.teamId, name)
          : await findCircleByChannel(deps.db, ctx.teamId, ctx.channelId);
        if (!circle) {
          throw new AppError(
            ErrorCode.Invalid,
            'Which circle would you like to join? Type `/circle join NAME`, or `/circle list` to see them.',
          );
        }
        await ops.join(ctx.args.client, ctx.teamId, ctx.userId, circle, ctx.reply);
      },
      leave: async (ctx) => {
        const resolution = await resolveOwnCircle(
          deps.db,
          ctx.teamId,
          ctx.userId,
          argName(ctx.rest),
          ctx.channelId,
          () => true,
          'You are not in any circle, so there is nothing to leave.',
        );
        if (resolution.kind === 'several') {
          await ctx.reply(
            'You are in several circles. Which one do you want to leave?',
            pickCircleBlocks(
              'You are in several circles. Which one do you want to leave?',
              resolution.circles,
              CircleActions.leavePick,
              (c) => String(c.id),
            ),
          );
          return;
        }
        await ctx.reply(`Leave ${resolution.circle.name}?`, leaveConfirmBlocks(resolution.circle));
      },
      pause: async (ctx) => {
        const person = await getPerson(deps.db, ctx.args.client, ctx.teamId, ctx.userId, deps.clock());
        const today = todayIn(deps.clock(), person.timeZone ?? 'UTC');
        const args = parsePauseArgs(ctx.rest, today);
        if (!args.ok) throw new AppError(ErrorCode.Invalid, `${args.error} Nothing was changed.`);
        const resolution = await resolveOwnCircle(
          deps.db,
          ctx.teamId,
          ctx.userId,
          args.name,
          ctx.channelId,
          (m) => m.status === 'active' || m.status === 'paused',
          'You have no active place in a circle to pause. `/circle list` shows the circles.',
        );
        if (resolution.kind === 'several') {
          const question = `You are in several circles. Which one do you want to pause${args.until ? ` until ${args.until}` : ''}?`;
          await ctx.reply(
            question,
            pickCircleBlocks(question, resolution.circles, CircleActions.pausePick, (c) =>
              JSON.stringify({ circleId: c.id, until: args.until }),
            ),
          );
          return;
        }
        await ops.pause(ctx.args.client, ctx.teamId, ctx.userId, resolution.circle, args.until, ctx.reply);
      },
      resume: async (ctx) => {
        const resolution = await resolveOwnCircle(
          deps.db,
          ctx.teamId,
          ctx.userId,
          argName(ctx.rest),
          ctx.channelId,
          (m) => m.status === 'paused',
          'You are not paused in any circle.',
        );
        if (resolution.kind === 'several') {
          const question = 'You are paused in several circles. Which one are you coming back to?';
          await ctx.reply(
            question,
            pickCircleBlocks(question, resolution.circles, CircleActions.resumePick, (c) => String(c.id)),
          );
          return;
        }
        await ops.resume(ctx.args.client, ctx.teamId, ctx.userId, resolution.circle, ctx.reply);
      },
      remove: async (ctx) => {
        const mention = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/.exec(ctx.rest);
        if (!mention) {
          throw new AppError(ErrorCode.Invalid, 'Say who to remove: `/circle remove @person [circle name]`.');
        }
        const target = mention[1]!;
        const name = argName(ctx.rest.replace(mention[0], ''));
        const circle = name
          ? await circleByName(deps.db, ctx.teamId, name)
          : await findCircleByChannel(deps.db, ctx.teamId, ctx.channelId);
        if (!circle) throw new AppError(ErrorCode.Invalid, 'Which circle? Type `/circle remove @person CIRCLE NAME`.');
        await ctx.args.ack();
        const actor = await getPerson(deps.db, ctx.args.client, ctx.teamId, ctx.userId, deps.clock());
        await assertCanManage(deps.db, circle, actor, deps.config.organizers, 'remove members');
        await ops.remove(ctx.args.client, ctx.teamId, actor, target, circle, ctx.reply);
      },
    };
  };
}

function argName(text: string): string | null {
  const parsed = nameArg(text);
  if (!parsed.ok) throw new AppError(ErrorCode.Invalid, `${parsed.error} Nothing was changed.`);
  return parsed.name;
}

type Ops = ReturnType<typeof membershipOps>;

function membershipOps(deps: SlackAppDeps, extras: HomeExtras) {
  const { db, clock, logger } = deps;
  const refreshHome = async (client: WebClient, teamId: string, userId: string) => {
    try {
      await publishHome(deps, extras, client, teamId, userId);
    } catch (error) {
      // The change itself is done and confirmed; a stale home tab is refreshed next time it opens.
      logger.warn(`Could not refresh the home tab of ${userId}`, error);
    }
  };

  /** After someone left: the people moved in from the waitlist are told, and every home involved is redrawn. */
  const placeFreed = async (client: WebClient, teamId: string, circle: CircleRow, leaver: string, promoted: MembershipRow[]) => {
    const movedIn = promoted.map((p) => p.user_id);
    await announcePromotion(client, circle, movedIn, logger);
    for (const u of [leaver, ...movedIn]) await refreshHome(client, teamId, u);
  };

  return {
    refreshHome,

    async join(client: WebClient, teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      const person = await getPerson(db, client, teamId, userId, clock());
      const refusal = joinRefusal(person);
      if (refusal) throw new AppError(ErrorCode.Forbidden, refusal);
      const outcome = await joinCircle(db, teamId, circle.id, userId, clock());
      const name = `*${escapeMrkdwn(circle.name)}*`;
      switch (outcome.kind) {
        case 'already': {
          const where =
            outcome.membership.status === 'waitlisted'
              ? `on the waitlist of ${name} (#${outcome.position} in line)`
              : outcome.membership.status === 'paused'
                ? `in ${name}, paused right now (\`/circle resume\` to come back)`
                : `in ${name}`;
          await reply(`You're already ${where}. Nothing was changed.`);
          return;
        }
        case 'waitlisted':
          await reply(waitlistedText(circle, outcome.position));
          break;
        case 'joined': {
          const invited = await inviteToChannel(client, circle, [userId], logger);
          await sendWelcome(client, circle, userId, (await extras.calendarUrl(teamId, userId)) ?? undefined);
          const channel = circle.channel_id
            ? invited
              ? ` I've added you to <#${circle.channel_id}>`
              : ` I couldn't add you to <#${circle.channel_id}>: please ask a facilitator to invite you`
            : '';
          await reply(
            `You're in ${name}!${channel}${channel ? ',' : ''} and I've sent you a welcome message with what to expect.`,
          );
          break;
        }
      }
      await refreshHome(client, teamId, userId);
    },

    async leave(client: WebClient, teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      const { membership, promoted } = await leaveCircle(db, teamId, circle.id, userId, clock());
      const wasWaiting = membership.status === 'left' && membership.joined_at === null;
      await reply(
        wasWaiting
          ? `You've left the waitlist of *${escapeMrkdwn(circle.name)}*.`
          : `You've left *${escapeMrkdwn(circle.name)}*. Thank you for the time you gave it. You can join again any time with \`/circle join ${circle.name}\`.`,
      );
      await placeFreed(client, teamId, circle, userId, promoted);
    },

    async remove(
      client: WebClient,
      teamId: string,
      actor: Person,
      target: string,
      circle: CircleRow,
      reply: Reply,
    ): Promise<void> {
      const { promoted } = await leaveCircle(db, teamId, circle.id, target, clock());
      await client.chat.postMessage({
        channel: target,
        text: `<@${actor.userId}> removed you from *${escapeMrkdwn(circle.name)}*. If you think this is a mistake, reply to them directly.`,
      });
      await reply(`<@${target}> is no longer in *${escapeMrkdwn(circle.name)}*, and I've let them know.`);
      await placeFreed(client, teamId, circle, target, promoted);
    },

    async pause(
      client: WebClient,
      teamId: string,
      userId: string,
      circle: CircleRow,
      until: string | null,
      reply: Reply,
    ): Promise<void> {
      const { kind } = await pauseMembership(db, teamId, circle, userId, until, clock());
      const name = `*${escapeMrkdwn(circle.name)}*`;
      const end = until
        ? ` until ${until}; you'll be back automatically that day`
        : '; `/circle resume` brings you back whenever you are ready';
      await reply(
        `${kind === 'extended' ? 'Your pause is updated' : 'Paused'}: you keep your place in ${name}${end}. No reminders or warm-up turns meanwhile.`,
      );
      await refreshHome(client, teamId, userId);
    },

    async resume(client: WebClient, teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      await resumeMembership(db, teamId, circle, userId, clock());
      await reply(`Welcome back to *${escapeMrkdwn(circle.name)}*! Reminders start again with the next session.`);
      await refreshHome(client, teamId, userId);
    },
  };
}

function registerActions(app: App, deps: SlackAppDeps, ops: Ops): void {
  const { db, logger } = deps;

  const circleFromValue = async (teamId: string, value: string | undefined): Promise<CircleRow> => {
    const id = Number(value);
    const circle = Number.isInteger(id) ? await findCircle(db, teamId, id) : undefined;
    if (!circle) throw new AppError(ErrorCode.NotFound, 'That circle no longer exists.');
    return circle;
  };

  const on = (actionId: string, run: (args: ButtonArgs) => Promise<void>) => onButton(app, logger, actionId, run);

  on(CircleActions.join, async ({ body, action, client, reply, teamId }) => {
    await ops.join(client, teamId, body.user.id, await circleFromValue(teamId, action.value), reply);
  });
  on(CircleActions.leave, async ({ action, reply, teamId }) => {
    const circle = await circleFromValue(teamId, action.value);
    await reply(`Leave ${circle.name}?`, leaveConfirmBlocks(circle));
  });
  on(CircleActions.leavePick, async ({ action, reply, teamId }) => {
    const circle = await circleFromValue(teamId, action.value);
    await reply(`Leave ${circle.name}?`, leaveConfirmBlocks(circle));
  });
  on(CircleActions.leaveConfirm, async ({ body, action, client, replace, teamId }) => {
    const circle = await circleFromValue(teamId, action.value);
    await ops.leave(client, teamId, body.user.id, circle, replace);
  });
  on(CircleActions.leaveCancel, async ({ action, replace, teamId }) => {
    const circle = await circleFromValue(teamId, action.value);
    await replace(`Good, you're staying in *${escapeMrkdwn(circle.name)}*.`);
  });
  on(CircleActions.pause, async ({ body, action, client, reply, teamId }) => {
    await ops.pause(client, teamId, body.user.id, await circleFromValue(teamId, action.value), null, reply);
  });
  on(CircleActions.pausePick, async ({ body, action, client, reply, teamId }) => {
    const picked = parsePick(action.value);
    await ops.pause(client, teamId, body.user.id, await circleFromValue(teamId, String(picked.circleId)), picked.until, reply);
  });
  on(CircleActions.resume, async ({ body, action, client, reply, teamId }) => {
    await ops.resume(client, teamId, body.user.id, await circleFromValue(teamId, action.value), reply);
  });
  on(CircleActions.resumePick, async ({ body, action, client, reply, teamId }) => {
    await ops.resume(client, teamId, body.user.id, await circleFromValue(teamId, action.value), reply);
  });

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    await ops.refreshHome(client, context.teamId ?? '', event.user);
  });
}

function parsePick(value: string | undefined): { circleId: number; until: string | null } {
  try {
    const parsed = JSON.parse(value ?? '') as { circleId?: unknown; until?: unknown };
    if (typeof parsed.circleId === 'number') {
      return { circleId: parsed.circleId, until: typeof parsed.until === 'string' ? parsed.until : null };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError(ErrorCode.Invalid, 'That button is out of date. Please run the command again.');
}
