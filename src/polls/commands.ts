import type { AppDeps } from '../app/deps';
import { nameFrom } from '../circles/model';
import { circleOrAsk } from '../circles/pick';
import type { SubcommandHandlers } from '../slack/commands';
import { PollActions } from './ids';
import type { PollOps } from './ops';

/** `/circle time [name]`: a facilitator opens a poll for the circle's meeting time. */
export function pollCommands(deps: AppDeps, ops: PollOps): SubcommandHandlers {
  const { db } = deps;
  return {
    time: async (ctx) => {
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name: nameFrom(ctx.rest),
        channelId: ctx.channelId,
        accept: (m) => m.role === 'facilitator',
        none: 'You facilitate no circle. Name the circle: `/circle time [name]` (facilitators and organizers).',
        question: 'You facilitate several circles. Which one is finding a new time?',
        pickAction: PollActions.pickCircle,
      });
      if (!circle) return;
      await ctx.ack();
      await ops.openForm(await ctx.actor.person(), circle, ctx.openModal);
    },
  };
}
