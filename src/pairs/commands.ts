import type { AppDeps } from '../app/deps';
import { nameFrom } from '../circles/model';
import { circleOrAsk } from '../circles/pick';
import type { SubcommandHandlers } from '../slack/commands';
import { assertNotTooOften } from '../slack/costly';
import { PairActions } from './ids';
import type { PairOps } from './ops';

/** `/circle match [name]`: organizers and facilitators match a coaching program's members into pairs. */
export function pairCommands(deps: AppDeps, ops: PairOps): SubcommandHandlers {
  return {
    match: async (ctx) => {
      const circle = await circleOrAsk(deps.db, ctx.actor, ctx.reply, {
        name: nameFrom(ctx.rest),
        channelId: ctx.channelId,
        accept: (m) => m.circle.kind === 'pairs',
        none: 'Which coaching program? Type `/circle match NAME` (`/circle list` shows the programs).',
        question: 'You are in several coaching programs. Which one do you want to match?',
        pickAction: PairActions.pick,
      });
      if (!circle) return;
      assertNotTooOften(deps.costly, ctx.actor.teamId, ctx.actor.userId, deps.clock(), 'A matching');
      // Who may match is a question of roles, which may need Slack: after the ack.
      await ctx.ack();
      await ops.show(await ctx.actor.person(), circle, ctx.reply);
    },
  };
}
