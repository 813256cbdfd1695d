import type { AppDeps } from '../app/deps';
import { nameFrom } from '../circles/model';
import { assertOrganizer, canManage, type CircleRow, circleByName, circleInChannel } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import type { SubcommandContext, SubcommandHandlers } from '../slack/commands';
import { assertNotTooOften } from '../slack/costly';
import { rolloverText } from './blocks';
import { buildReport } from './report';
import { reportBlocks, reportText } from './reportBlocks';
import { uploadReport } from './upload';
import { type CycleEffects, rollover } from './service';

/** The circle named after the subcommand's words, or the one whose channel this is. */
export async function namedCircle(
  deps: Pick<AppDeps, 'db'>,
  ctx: SubcommandContext,
  rest: string,
  usage: string,
): Promise<CircleRow> {
  const name = nameFrom(rest);
  const circle = name
    ? await circleByName(deps.db, ctx.actor.teamId, name)
    : await circleInChannel(deps.db, ctx.actor.teamId, ctx.channelId);
  if (!circle) throw new AppError(ErrorCode.Invalid, `Which circle? Type \`${ctx.command} ${usage}\`.`);
  return circle;
}

/** The organizer as last seen if recent enough, else from Slack after the ack. */
export async function organizer(ctx: SubcommandContext, organizers: readonly string[], what: string) {
  const person = (await ctx.actor.recent()) ?? (await ctx.slack(), await ctx.actor.person());
  assertOrganizer(person, organizers, what);
  return person;
}

/** `/circle cycle next [name]`: an organizer opens a circle's next cycle; `/circle report [name]`: a cycle's figures. */
export function cycleCommands(deps: AppDeps, fx: CycleEffects): SubcommandHandlers {
  const { db, clock, config, outbox } = deps;
  return {
    cycle: async (ctx) => {
      const [verb = '', ...words] = ctx.rest.split(/\s+/);
      if (verb.toLowerCase() !== 'next')
        throw new AppError(
          ErrorCode.Invalid,
          `Type \`${ctx.command} cycle next [name]\` to open a circle's next cycle (organizers).`,
        );
      const circle = await namedCircle(deps, ctx, words.join(' '), 'cycle next NAME');
      await organizer(ctx, config.organizers, 'open the next cycle');
      const done = await rollover(deps.db, fx, circle, clock());
      await ctx.ack();
      await outbox.flush(ctx.actor.teamId, done.keys);
      await ctx.reply(rolloverText(circle, done));
    },

    report: async (ctx) => {
      const circle = await namedCircle(deps, ctx, ctx.rest, 'report NAME');
      assertNotTooOften(deps.costly, ctx.actor.teamId, ctx.actor.userId, clock(), 'A report');
      await ctx.ack();
      if (!(await canManage(db, circle, await ctx.actor.person(), config.organizers)))
        throw new AppError(ErrorCode.Forbidden, `Only the facilitators of *${circle.name}* and organizers can see its report.`);
      const report = await buildReport(db, fx.pairs, circle, clock());
      if (!report) throw new AppError(ErrorCode.NotFound, `*${circle.name}* has no cycle yet, so there is nothing to report.`);
      await ctx.reply(reportText(report), reportBlocks(report));
      await uploadReport(await ctx.slack(), ctx.actor.userId, report);
    },
  };
}
