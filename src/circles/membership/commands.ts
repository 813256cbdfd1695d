import type { AppDeps } from '../../app/deps';
import { AppError, ErrorCode } from '../../core/errors';
import { knownZone } from '../../people/service';
import type { SubcommandHandlers } from '../../slack/commands';
import { todayIn } from '../../time/zonedTime';
import { CircleActions } from '../ids';
import { nameFrom } from '../model';
import { directory } from '../directory';
import { circleOrAsk } from '../pick';
import { assertCanManage, circleByName, circleCounts, circleInChannel, openCircles, placesOf } from '../service';
import { leaveConfirmBlocks, listBlocks } from './blocks';
import { parsePauseArgs } from './model';
import type { MembershipOps } from './ops';

/** `/circle list`, `join`, `leave`, `pause`, `resume`, `step-down` and `remove`. */
export function membershipCommands(deps: AppDeps, ops: MembershipOps): SubcommandHandlers {
  const { db, clock, config } = deps;
  return {
    list: async (ctx) => {
      // The circles are the same for everyone in the workspace, so they come from memory when they can;
      // the reader's own places are one small indexed read. Both inside the ack.
      const entries = await directory.get(deps, ctx.actor.teamId, async () => {
        const circles = await openCircles(db, ctx.actor.teamId);
        const counts = await circleCounts(db, ctx.actor.teamId);
        return circles.map((circle) => {
          const c = counts.get(circle.id) ?? { active: 0, paused: 0, waitlisted: 0 };
          return { circle, placesTaken: c.active + c.paused, waitlisted: c.waitlisted };
        });
      });
      const places = await placesOf(db, ctx.actor.teamId, ctx.actor.userId);
      await ctx.reply(`${entries.length} open circle${entries.length === 1 ? '' : 's'}`, listBlocks(entries, places));
    },

    join: async (ctx) => {
      const name = nameFrom(ctx.rest);
      const circle = name
        ? await circleByName(db, ctx.actor.teamId, name)
        : await circleInChannel(db, ctx.actor.teamId, ctx.channelId);
      if (!circle) {
        throw new AppError(
          ErrorCode.Invalid,
          'Which circle would you like to join? Type `/circle join NAME`, or `/circle list` to see them.',
        );
      }
      await ctx.ack();
      await ops.join(ctx.actor, circle, ctx.reply);
    },

    leave: async (ctx) => {
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name: nameFrom(ctx.rest),
        channelId: ctx.channelId,
        none: 'You are not in any circle, so there is nothing to leave.',
        question: 'You are in several circles. Which one do you want to leave?',
        pickAction: CircleActions.leavePick,
      });
      if (circle) await ctx.reply(`Leave ${circle.name}?`, leaveConfirmBlocks(circle));
    },

    pause: async (ctx) => {
      // The person's own today, since they typed the date (the pause then ends on that day in the
      // circle's zone). Their zone as last seen will do, so the answer can still come inside the ack.
      const zone =
        (await knownZone(db, ctx.actor.teamId, ctx.actor.userId)) ?? (await ctx.slack(), (await ctx.actor.person()).timeZone);
      const args = parsePauseArgs(ctx.rest, todayIn(clock(), zone ?? 'UTC'));
      if (!args.ok) throw new AppError(ErrorCode.Invalid, `${args.error} Nothing was changed.`);
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name: args.name,
        channelId: ctx.channelId,
        accept: (m) => m.status === 'active' || m.status === 'paused',
        none: 'You have no active place in a circle to pause. `/circle list` shows the circles.',
        question: `You are in several circles. Which one do you want to pause${args.until ? ` until ${args.until}` : ''}?`,
        pickAction: CircleActions.pausePick,
        valueFor: (c) => JSON.stringify({ circleId: c.id, until: args.until }),
      });
      if (circle) await ops.pause(ctx.actor.teamId, ctx.actor.userId, circle, args.until, ctx.reply);
    },

    resume: async (ctx) => {
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name: nameFrom(ctx.rest),
        channelId: ctx.channelId,
        accept: (m) => m.status === 'paused',
        none: 'You are not paused in any circle.',
        question: 'You are paused in several circles. Which one are you coming back to?',
        pickAction: CircleActions.resumePick,
      });
      if (!circle) return;
      await ctx.ack();
      await ops.resume(ctx.actor.teamId, ctx.actor.userId, circle, ctx.reply);
    },

    'step-down': async (ctx) => {
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name: nameFrom(ctx.rest),
        channelId: ctx.channelId,
        accept: (m) => m.role === 'facilitator',
        none: 'You are not a facilitator of any circle, so there is nothing to step down from.',
        question: 'You facilitate several circles. Which one are you stepping down from?',
        pickAction: CircleActions.stepDown,
      });
      if (!circle) return;
      await ctx.ack();
      await ops.stepDown(ctx.actor.teamId, ctx.actor.userId, circle, ctx.reply);
    },

    remove: async (ctx) => {
      const mention = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/.exec(ctx.rest);
      if (!mention) throw new AppError(ErrorCode.Invalid, 'Say who to remove: `/circle remove @person [circle name]`.');
      const target = mention[1]!;
      const name = nameFrom(ctx.rest.replace(mention[0], ''));
      const circle = name
        ? await circleByName(db, ctx.actor.teamId, name)
        : await circleInChannel(db, ctx.actor.teamId, ctx.channelId);
      if (!circle) throw new AppError(ErrorCode.Invalid, 'Which circle? Type `/circle remove @person CIRCLE NAME`.');
      await ctx.ack();
      const actor = await ctx.actor.person();
      await assertCanManage(db, circle, actor, config.organizers, 'remove members');
      await ops.remove(ctx.actor.teamId, actor, target, circle, ctx.reply);
    },
  };
}
