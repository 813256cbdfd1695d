import type { AppDeps } from '../app/deps';
import { assertOrganizer } from '../circles/service';
import { AppError, ErrorCode } from '../core/errors';
import { echo, escapeMrkdwn } from '../core/text';
import { isOrganizer, knownPeople } from '../people/service';
import type { SubcommandContext, SubcommandHandlers } from '../slack/commands';
import { invitedText, postedText, programLine, programsListText, programUsage } from './blocks';
import { openIntake } from './intakeOpen';
import { canJoin, type Program } from './model';
import { enqueueInvites, enqueuePost, type ProgramEffects } from './recruiting';
import { formedSettings, intakeCounts, listPrograms, programByName } from './service';
import { programSettingsModal } from './settingsModal';

export const CREATE_WHAT = 'create programs';
export const EDIT_WHAT = "change a program's settings";
const POST_WHAT = 'post programs';
const INVITE_WHAT = 'invite people to programs';

/** Members of a channel listed per page, and at most this many invited at once. */
const MEMBERS_PAGE = 200;
const MAX_INVITES = 2000;

const CHANNEL = /^<#([CG][A-Z0-9]{2,20})(?:\|[^>]*)?>\s*/;

/**
 * The program a command names, or the only one that is not formed when no name is given;
 * otherwise a message that lists the names.
 */
async function programNamed(deps: AppDeps, ctx: SubcommandContext, name: string, usage: string): Promise<Program> {
  const { db } = deps;
  if (name) {
    const found = await programByName(db, ctx.actor.teamId, name);
    if (found) return found;
    throw new AppError(ErrorCode.NotFound, `There is no program called “${echo(name)}”. \`${ctx.command} program\` lists them.`);
  }
  const open = (await listPrograms(db, ctx.actor.teamId)).filter((p) => p.status !== 'formed');
  if (open.length === 1) return open[0]!;
  if (!open.length)
    throw new AppError(ErrorCode.NotFound, `There is no program yet: \`${ctx.command} program new\` creates one.`);
  const names = open.map((p) => `*${escapeMrkdwn(p.name)}*`).join(', ');
  throw new AppError(ErrorCode.Invalid, `Which program? Type \`${ctx.command} ${usage}\`: ${names}.`);
}

/** Refused inside the ack when the database already knows the person is no organizer; else asked after it. */
async function organizer(ctx: SubcommandContext, organizers: readonly string[], what: string) {
  const recent = await ctx.actor.recent();
  if (recent) assertOrganizer(recent, organizers, what);
  await ctx.ack();
  const person = await ctx.actor.person();
  assertOrganizer(person, organizers, what);
  return person;
}

/** `/circle program new|edit|post|invite|join|list`. */
export function programCommands(deps: AppDeps, fx: ProgramEffects): SubcommandHandlers {
  const { db, clock, config } = deps;

  const sub: Record<string, (ctx: SubcommandContext, rest: string) => Promise<void>> = {
    async list(ctx) {
      const programs = await listPrograms(db, ctx.actor.teamId);
      const recent = await ctx.actor.recent();
      const mayRun = recent ? isOrganizer(recent, config.organizers) : false;
      const shown = mayRun ? programs : programs.filter((p) => canJoin(p, clock()));
      const lines = await Promise.all(
        shown.map(async (p) =>
          mayRun ? programLine(p, await intakeCounts(db, ctx.actor.teamId, p.id)) : `*${escapeMrkdwn(p.name)}*`,
        ),
      );
      await ctx.reply(programsListText(lines, ctx.command, mayRun));
    },

    async new(ctx) {
      const person = await organizer(ctx, config.organizers, CREATE_WHAT);
      await ctx.openModal(programSettingsModal({ timeZone: person.timeZone ?? 'UTC', now: clock() }));
    },

    async edit(ctx, rest) {
      const program = await programNamed(deps, ctx, rest, 'program edit NAME');
      if (program.status === 'formed') throw formedSettings(program);
      const person = await organizer(ctx, config.organizers, EDIT_WHAT);
      await ctx.openModal(programSettingsModal({ program, timeZone: person.timeZone ?? program.timeZone, now: clock() }));
    },

    async post(ctx, rest) {
      const program = await programNamed(deps, ctx, rest, 'program post NAME');
      if (!canJoin(program, clock()))
        throw new AppError(
          ErrorCode.Conflict,
          `*${escapeMrkdwn(program.name)}* is not taking people any more: there is nothing to post.`,
        );
      await organizer(ctx, config.organizers, POST_WHAT);
      const key = await enqueuePost(db, fx, program, ctx.channelId, clock());
      const outcome = (await fx.outbox.flush(ctx.actor.teamId, [key])).get(key);
      if (outcome === 'failed' || outcome === 'retried') {
        await ctx.reply(
          `I could not post in this channel${outcome === 'retried' ? ' yet (I will try again shortly)' : ''}. If I am not in it, add me (\`/invite\` the app) and try again.`,
        );
        return;
      }
      await ctx.reply(postedText(program, ctx.channelId));
    },

    async invite(ctx, rest) {
      const channel = CHANNEL.exec(rest);
      if (!channel)
        throw new AppError(
          ErrorCode.Invalid,
          `Name the channel whose members to invite: \`${ctx.command} program invite #channel NAME\`.`,
        );
      const channelId = channel[1]!;
      const program = await programNamed(deps, ctx, rest.slice(channel[0].length).trim(), 'program invite #channel NAME');
      if (!canJoin(program, clock()))
        throw new AppError(ErrorCode.Conflict, `*${escapeMrkdwn(program.name)}* is not taking people any more.`);
      const person = await organizer(ctx, config.organizers, INVITE_WHAT);
      const client = await ctx.slack();
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.members({
          channel: channelId,
          limit: MEMBERS_PAGE,
          ...(cursor ? { cursor } : {}),
        });
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor && members.length < MAX_INVITES);
      // The app itself is a member of the channels it posts in; other bots are known as such once seen.
      const self = (await client.auth.test()).user_id;
      const known = await knownPeople(db, ctx.actor.teamId, members);
      const people = members
        .filter((id) => id !== self && !known.get(id)?.isBot && !known.get(id)?.isDeleted)
        .slice(0, MAX_INVITES);
      const keys = await enqueueInvites(db, fx, program, people, person.userId, clock());
      await ctx.reply(invitedText(program, keys.length, channelId));
      await fx.outbox.flush(ctx.actor.teamId, keys);
    },

    async join(ctx, rest) {
      const program = await programNamed(deps, ctx, rest, 'program join NAME');
      await ctx.ack();
      await openIntake(deps, ctx.actor, program.id, (view) => ctx.openModal(view));
    },
  };

  return {
    program: async (ctx) => {
      const [word = '', ...restWords] = ctx.rest.split(/\s+/);
      const key = word.toLowerCase();
      // Own keys only: a typed "constructor" or "__proto__" is not a subcommand.
      const action = Object.hasOwn(sub, key) ? sub[key] : undefined;
      if (!action) {
        if (word) await ctx.reply(`I don't know \`${ctx.command} program ${echo(word)}\`.\n\n${programUsage(ctx.command)}`);
        else await sub.list!(ctx, '');
        return;
      }
      await action(ctx, restWords.join(' ').trim());
    },
  };
}
