import type { AppDeps } from '../app/deps';
import { nameFrom } from '../circles/model';
import { circleOrAsk } from '../circles/pick';
import type { SubcommandHandlers } from '../slack/commands';
import { CheckinActions } from './ids';
import { pickValue } from './model';
import type { CheckinOps } from './ops';

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/;

/** `/circle checkin [name]` opens the check-in for the latest session; `/circle checkin [name] @person` shows theirs. */
export function checkinCommands(deps: AppDeps, ops: CheckinOps): SubcommandHandlers {
  const { db } = deps;
  return {
    checkin: async (ctx) => {
      const mention = MENTION.exec(ctx.rest);
      const memberId = mention?.[1];
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name: nameFrom(mention ? ctx.rest.replace(mention[0], '') : ctx.rest),
        channelId: ctx.channelId,
        none: 'You are not in any circle, so there is nothing to check in for. `/circle list` shows the circles.',
        question: memberId
          ? `You are in several circles. In which one do you want to see <@${memberId}>'s check-ins?`
          : 'You are in several circles. Which one are you checking in for?',
        pickAction: CheckinActions.pick,
        valueFor: (c) => pickValue({ circleId: c.id, ...(memberId ? { memberId } : {}) }),
      });
      if (!circle) return;
      if (memberId) {
        await ctx.ack();
        await ops.show(await ctx.actor.person(), circle, memberId, ctx.reply);
        return;
      }
      // The modal is built from the database; only then is Slack called, after the ack.
      await ops.openLatest(ctx.actor, circle, ctx.openModal);
    },
  };
}
