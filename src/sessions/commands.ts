import type { AppDeps } from '../app/deps';
import { nameFrom } from '../circles/model';
import { circleOrAsk } from '../circles/pick';
import { AppError, ErrorCode } from '../core/errors';
import type { SubcommandHandlers } from '../slack/commands';
import { SessionPickActions } from './ids';
import { type Checked, parseAgendaItem, parsePrompt, pickValue, promptsUsageText, splitAddArgs } from './model';
import type { SessionOps } from './ops';

const NOT_IN_ANY = (example: string) =>
  `You are not in any circle. Name one, like \`/circle ${example} NAME\`, or type \`/circle list\` to see them.`;

export function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new AppError(ErrorCode.Invalid, checked.error);
  return checked.value;
}

/** `/circle schedule`, `skip`, `agenda` and `prompts`. */
export function sessionCommands(deps: AppDeps, ops: SessionOps): SubcommandHandlers {
  const { db } = deps;
  return {
    schedule: async (ctx) => {
      const name = nameFrom(ctx.rest);
      await ctx.ack();
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name,
        channelId: ctx.channelId,
        none: NOT_IN_ANY('schedule'),
        question: 'You are in several circles. Whose schedule would you like to see?',
        pickAction: SessionPickActions.schedule,
      });
      if (circle) await ops.showSchedule(await ctx.actor.person(), circle, ctx.reply);
    },

    skip: async (ctx) => {
      const name = nameFrom(ctx.rest);
      await ctx.ack();
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name,
        channelId: ctx.channelId,
        none: NOT_IN_ANY('skip'),
        question: 'You are in several circles. Which one should skip its next session?',
        pickAction: SessionPickActions.skip,
      });
      if (circle) await ops.askSkip(await ctx.actor.person(), circle, ctx.reply);
    },

    agenda: async (ctx) => {
      const { nameText, add } = splitAddArgs(ctx.rest);
      const name = nameFrom(nameText);
      // Checked before anything else, so a bad item is refused whatever the circle.
      const item = add === null ? null : valid(parseAgendaItem(add));
      await ctx.ack();
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name,
        channelId: ctx.channelId,
        none: NOT_IN_ANY('agenda'),
        question: item
          ? 'You are in several circles. Whose next agenda is this for?'
          : 'You are in several circles. Whose agenda?',
        pickAction: SessionPickActions.agenda,
        valueFor: (c) => pickValue({ circleId: c.id, ...(add === null ? {} : { add }) }),
      });
      if (!circle) return;
      if (item) await ops.addAgenda(ctx.actor.userId, circle, item, ctx.reply);
      else await ops.showAgenda(await ctx.actor.person(), circle, ctx.reply);
    },

    prompts: async (ctx) => {
      const { nameText, add } = splitAddArgs(ctx.rest);
      if (add === null) {
        await ctx.reply(promptsUsageText(ctx.command));
        return;
      }
      const name = nameFrom(nameText);
      const text = valid(parsePrompt(add));
      await ctx.ack();
      const circle = await circleOrAsk(db, ctx.actor, ctx.reply, {
        name,
        channelId: ctx.channelId,
        none: NOT_IN_ANY('prompts'),
        question: 'You are in several circles. Whose prompt bank is this for?',
        pickAction: SessionPickActions.prompts,
        valueFor: (c) => pickValue({ circleId: c.id, add: text }),
      });
      if (circle) await ops.addPrompt(ctx.actor.userId, circle, text, ctx.reply);
    },
  };
}
