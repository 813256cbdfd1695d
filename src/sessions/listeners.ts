import { type ButtonArgs, onButton, type Reply } from '../slack/buttons';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { nameArg } from '../circles/commandArgs';
import { pickCircleBlocks } from '../circles/membershipBlocks';
import { resolveOwnCircle } from '../circles/resolve';
import { assertCanManage } from '../circles/roles';
import type { CircleRow } from '../circles/store';
import { AppError, ErrorCode, isAppError } from '../errors';
import { getPerson, slackErrorCode } from '../people/service';
import type { Feature, SlackAppDeps } from '../slack/app';
import type { SubcommandContext, SubcommandHandlers } from '../slack/commands';
import { refreshAgendaPost } from './agendaPost';
import {
  addAgendaItem,
  addCirclePrompt,
  agendaToShow,
  canManageCircle,
  circleZone,
  nextSessionToCome,
  requireCircle,
  scheduleOf,
  sessionWithCircle,
} from './commandService';
import { SessionActions, SessionViews } from './ids';
import {
  type AgendaItemInput,
  agendaAddedText,
  channelCancelledText,
  channelMovedText,
  type Checked,
  handedOverNote,
  movedText,
  noSessionsText,
  parseAgendaItem,
  parsePick,
  parsePrompt,
  parseRescheduleMetadata,
  parseRescheduleValues,
  passedText,
  pickValue,
  promptAddedText,
  promptDuplicateText,
  promptsUsageText,
  RescheduleFields,
  type RescheduleErrors,
  rescheduleModal,
  SCHEDULE_LIMIT,
  SessionPickActions,
  scheduleBlocks,
  scheduleText,
  skipConfirmBlocks,
  skipConfirmText,
  skipKeptText,
  skippedText,
  splitAddArgs,
} from './listenerBlocks';
import { agendaBlocks, agendaText, warmupBlocks, warmupText } from './messages';
import { cancelSession, passWarmup, redrawPrompt, rescheduleSession } from './service';
import type { SessionRow } from './store';
import { instantToZonedParts, todayIn, zonedWallTimeToInstant } from './zonedTime';

const SKIP_WHAT = 'skip a session';
const MOVE_WHAT = 'move a session';
const NOT_IN_ANY = (example: string) =>
  `You are not in any circle. Name one, like \`/circle ${example} NAME\`, or type \`/circle list\` to see them.`;

/** The sessions feature's Slack surface: schedule, skip, reschedule, agenda, prompts, warm-up buttons. */
export const sessionsFeature: Feature = (app, deps) => {
  const ops = sessionOps(deps);
  registerActions(app, deps, ops);
  registerRescheduleView(app, deps);
  return commands(deps, ops);
};

function commands(deps: SlackAppDeps, ops: Ops): SubcommandHandlers {
  const { db } = deps;

  /** The circle a command means, or null once the person has been asked to pick one. */
  async function circleFor(
    ctx: SubcommandContext,
    name: string | null,
    example: string,
    question: string,
    pickAction: string,
    valueFor: (c: CircleRow) => string,
  ): Promise<CircleRow | null> {
    const resolution = await resolveOwnCircle(db, ctx.teamId, ctx.userId, name, ctx.channelId, () => true, NOT_IN_ANY(example));
    if (resolution.kind === 'one') return resolution.circle;
    await ctx.reply(question, pickCircleBlocks(question, resolution.circles, pickAction, valueFor));
    return null;
  }

  return {
    schedule: async (ctx) => {
      const name = argName(ctx.rest);
      // Acked first: deciding who may reschedule can take a users.info call.
      await ctx.args.ack();
      const circle = await circleFor(
        ctx,
        name,
        'schedule',
        'You are in several circles. Whose schedule would you like to see?',
        SessionPickActions.schedule,
        (c) => String(c.id),
      );
      if (circle) await ops.showSchedule(ctx.args.client, ctx.teamId, ctx.userId, circle, ctx.reply);
    },

    skip: async (ctx) => {
      const name = argName(ctx.rest);
      await ctx.args.ack();
      const circle = await circleFor(
        ctx,
        name,
        'skip',
        'You are in several circles. Which one should skip its next session?',
        SessionPickActions.skip,
        (c) => String(c.id),
      );
      if (circle) await ops.askSkip(ctx.args.client, ctx.teamId, ctx.userId, circle, ctx.reply);
    },

    agenda: async (ctx) => {
      const { nameText, add } = splitAddArgs(ctx.rest);
      const name = argName(nameText);
      // Checked before anything else, so a bad item is refused whatever the circle.
      const item = add === null ? null : valid(parseAgendaItem(add));
      await ctx.args.ack();
      const circle = await circleFor(
        ctx,
        name,
        'agenda',
        item ? 'You are in several circles. Whose next agenda is this for?' : 'You are in several circles. Whose agenda?',
        SessionPickActions.agenda,
        (c) => pickValue({ circleId: c.id, ...(add === null ? {} : { add }) }),
      );
      if (!circle) return;
      if (item) await ops.addAgenda(ctx.args.client, ctx.teamId, ctx.userId, circle, item, ctx.reply);
      else await ops.showAgenda(ctx.args.client, ctx.teamId, ctx.userId, circle, ctx.reply);
    },

    prompts: async (ctx) => {
      const { nameText, add } = splitAddArgs(ctx.rest);
      if (add === null) {
        await ctx.reply(promptsUsageText(ctx.args.command.command));
        return;
      }
      const name = argName(nameText);
      const text = valid(parsePrompt(add));
      await ctx.args.ack();
      const circle = await circleFor(
        ctx,
        name,
        'prompts',
        'You are in several circles. Whose prompt bank is this for?',
        SessionPickActions.prompts,
        (c) => pickValue({ circleId: c.id, add: text }),
      );
      if (circle) await ops.addPrompt(ctx.teamId, ctx.userId, circle, text, ctx.reply);
    },
  };
}

function argName(text: string): string | null {
  const parsed = nameArg(text);
  if (!parsed.ok) throw new AppError(ErrorCode.Invalid, `${parsed.error} Nothing was changed.`);
  return parsed.name;
}

function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new AppError(ErrorCode.Invalid, checked.error);
  return checked.value;
}

type Ops = ReturnType<typeof sessionOps>;

function sessionOps(deps: SlackAppDeps) {
  const { db, clock, config, logger } = deps;

  return {
    async showSchedule(client: WebClient, teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      const now = clock();
      const { sessions, empty } = await scheduleOf(db, circle, now, SCHEDULE_LIMIT);
      if (empty) {
        await reply(noSessionsText(circle, empty));
        return;
      }
      const person = await getPerson(db, client, teamId, userId, now);
      const canManage = await canManageCircle(db, circle, person, config.organizers);
      await reply(scheduleText(circle, sessions.length), scheduleBlocks(circle, sessions, canManage, now));
    },

    async askSkip(client: WebClient, teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      const now = clock();
      const person = await getPerson(db, client, teamId, userId, now);
      await assertCanManage(db, circle, person, config.organizers, SKIP_WHAT);
      const session = await nextSessionToCome(db, circle, now);
      if (!session) {
        const { empty } = await scheduleOf(db, circle, now, 1);
        const why = empty && empty.kind !== 'none' ? ` ${noSessionsText(circle, empty)}` : '';
        await reply(`There is no upcoming session of *${circle.name}* to skip.${why}`);
        return;
      }
      await reply(skipConfirmText(circle, session), skipConfirmBlocks(circle, session));
    },

    async showAgenda(client: WebClient, teamId: string, userId: string, circle: CircleRow, reply: Reply): Promise<void> {
      const now = clock();
      const person = await getPerson(db, client, teamId, userId, now);
      const shown = await agendaToShow(db, circle, person, config.organizers, now);
      if ('empty' in shown) {
        await reply(noSessionsText(circle, shown.empty));
        return;
      }
      await reply(agendaText(circle, shown.session), agendaBlocks(circle, shown.session, shown.items));
    },

    async addAgenda(
      client: WebClient,
      teamId: string,
      userId: string,
      circle: CircleRow,
      item: AgendaItemInput,
      reply: Reply,
    ): Promise<void> {
      const { session } = await addAgendaItem(db, circle, userId, item, clock());
      // The posted agenda is edited in place so the channel sees the item without a new post.
      const posted = await refreshAgendaPost(db, client, teamId, session.id, logger);
      await reply(agendaAddedText(circle, session, item, posted));
    },

    async addPrompt(teamId: string, userId: string, circle: CircleRow, text: string, reply: Reply): Promise<void> {
      const added = await addCirclePrompt(db, circle, userId, text, clock());
      await reply(added ? promptAddedText(circle, text) : promptDuplicateText(circle));
    },
  };
}

/** Tells the circle's channel; returns a note for the person if that did not work. */
async function tellChannel(deps: SlackAppDeps, client: WebClient, circle: CircleRow, text: string): Promise<string> {
  if (!circle.channel_id) return '';
  try {
    await client.chat.postMessage({ channel: circle.channel_id, text });
    return ` I told <#${circle.channel_id}>.`;
  } catch (error) {
    // The change is stored and DMs follow from the ledger; only the channel notice is missing.
    deps.logger.warn(`Could not post in ${circle.channel_id} for circle ${circle.id}`, error);
    return ` I couldn't post in <#${circle.channel_id}> (Slack said \`${slackErrorCode(error) ?? 'unknown error'}\`), so please tell the circle there.`;
  }
}

const sessionIdOf = (value: string | undefined): number => {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new AppError(ErrorCode.Invalid, 'That button is out of date. Please run the command again.');
  }
  return id;
};

function registerActions(app: App, deps: SlackAppDeps, ops: Ops): void {
  const { db, clock, config, logger } = deps;

  const on = (actionId: string, run: (args: ButtonArgs) => Promise<void>) => onButton(app, logger, actionId, run);

  const circleFromValue = async (teamId: string, value: string | undefined): Promise<CircleRow> => {
    const id = Number(value);
    if (!Number.isSafeInteger(id)) throw new AppError(ErrorCode.NotFound, 'That circle no longer exists.');
    return requireCircle(db, teamId, id);
  };

  const pickFromValue = async (teamId: string, value: string | undefined) => {
    const pick = parsePick(value);
    if (!pick) throw new AppError(ErrorCode.Invalid, 'That button is out of date. Please run the command again.');
    return { circle: await requireCircle(db, teamId, pick.circleId), add: pick.add };
  };

  on(SessionPickActions.schedule, async ({ body, action, client, reply, teamId }) => {
    await ops.showSchedule(client, teamId, body.user.id, await circleFromValue(teamId, action.value), reply);
  });
  on(SessionPickActions.skip, async ({ body, action, client, reply, teamId }) => {
    await ops.askSkip(client, teamId, body.user.id, await circleFromValue(teamId, action.value), reply);
  });
  on(SessionPickActions.agenda, async ({ body, action, client, reply, teamId }) => {
    const { circle, add } = await pickFromValue(teamId, action.value);
    if (add === undefined) await ops.showAgenda(client, teamId, body.user.id, circle, reply);
    else await ops.addAgenda(client, teamId, body.user.id, circle, valid(parseAgendaItem(add)), reply);
  });
  on(SessionPickActions.prompts, async ({ body, action, reply, teamId }) => {
    const { circle, add } = await pickFromValue(teamId, action.value);
    await ops.addPrompt(teamId, body.user.id, circle, valid(parsePrompt(add ?? '')), reply);
  });

  on(SessionActions.skipConfirm, async ({ body, action, client, replace, teamId }) => {
    const { session, circle } = await sessionWithCircle(db, teamId, sessionIdOf(action.value));
    // Roles can change between the question and the click.
    const person = await getPerson(db, client, teamId, body.user.id, clock());
    await assertCanManage(db, circle, person, config.organizers, SKIP_WHAT);
    const { session: cancelled, toldOfChange } = await cancelSession(db, circle, session.id, clock());
    const channelNote = await tellChannel(deps, client, circle, channelCancelledText(circle, cancelled, body.user.id));
    await refreshAgendaPost(db, client, teamId, cancelled.id, logger);
    await replace(skippedText(circle, cancelled, toldOfChange, channelNote));
  });
  on(SessionActions.skipCancel, async ({ replace }) => {
    await replace(skipKeptText);
  });

  on(SessionActions.reschedule, async ({ body, action, client, teamId }) => {
    const { session, circle } = await sessionWithCircle(db, teamId, sessionIdOf(action.value));
    const now = clock();
    const person = await getPerson(db, client, teamId, body.user.id, now);
    await assertCanManage(db, circle, person, config.organizers, MOVE_WHAT);
    if (session.starts_at <= now || session.status === 'held')
      throw new AppError(ErrorCode.Conflict, 'That session has already started.');
    if (session.status !== 'scheduled') throw new AppError(ErrorCode.Conflict, 'That session is cancelled; it cannot be moved.');
    const zone = circleZone(circle);
    const local = instantToZonedParts(session.starts_at, zone);
    await client.views.open({ trigger_id: body.trigger_id, view: rescheduleModal(circle, session, zone, local) });
  });

  on(SessionActions.redrawPrompt, async ({ body, action, client, replace, teamId }) => {
    const updated = await redrawPrompt(db, teamId, sessionIdOf(action.value), body.user.id, clock());
    const circle = await requireCircle(db, teamId, updated.circle_id);
    await replace(warmupText(circle, updated), warmupBlocks(circle, updated));
    await refreshAgendaPost(db, client, teamId, updated.id, logger);
  });

  on(SessionActions.passWarmup, async ({ body, action, client, replace, teamId }) => {
    const from = body.user.id;
    const updated = await passWarmup(db, teamId, sessionIdOf(action.value), from, clock());
    const circle = await requireCircle(db, teamId, updated.circle_id);
    await replace(passedText(updated.leader_user_id));
    if (updated.leader_user_id) await handOver(client, circle, updated, from);
    await refreshAgendaPost(db, client, teamId, updated.id, logger);
  });

  /** The new leader hears at once: the warm-up is at most three days away. */
  async function handOver(client: WebClient, circle: CircleRow, session: SessionRow, from: string): Promise<void> {
    const leader = session.leader_user_id!;
    try {
      await client.chat.postMessage({
        channel: leader,
        text: warmupText(circle, session),
        blocks: [handedOverNote(from), ...warmupBlocks(circle, session)],
      });
    } catch (error) {
      // The turn is stored and shows on their App Home and in the agenda; only the heads-up is lost.
      logger.warn(`Could not tell ${leader} of the warm-up of session ${session.id}`, error);
    }
  }
}

type Moved =
  | { kind: 'errors'; errors: RescheduleErrors }
  | { kind: 'moved'; circle: CircleRow; from: Date; session: SessionRow; told: number };

function registerRescheduleView(app: App, deps: SlackAppDeps): void {
  const { db, clock, config, logger } = deps;

  /** Everything up to the move happens before the ack, so any problem shows on the form. */
  async function move(client: WebClient, teamId: string, userId: string, metadata: string, values: unknown): Promise<Moved> {
    const now = clock();
    const onDate = (message: string): Moved => ({ kind: 'errors', errors: { [RescheduleFields.date]: message } });
    const sessionId = parseRescheduleMetadata(metadata);
    if (sessionId === null) return onDate('This form is out of date. Close it and press Reschedule again.');
    let found: { session: SessionRow; circle: CircleRow };
    try {
      found = await sessionWithCircle(db, teamId, sessionId);
      const person = await getPerson(db, client, teamId, userId, now);
      // Roles can change while a modal is open.
      await assertCanManage(db, found.circle, person, config.organizers, MOVE_WHAT);
    } catch (error) {
      if (isAppError(error)) return onDate(error.message);
      throw error;
    }
    const { session, circle } = found;
    const parsed = parseRescheduleValues(values);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors ?? { [RescheduleFields.date]: parsed.error } };
    const zone = circleZone(circle);
    const { date, time } = parsed.value;
    const startsAt = zonedWallTimeToInstant(date, time, zone);
    if (startsAt <= now) {
      const today = todayIn(now, zone);
      if (date < today) return onDate(`That day has passed (today is ${today} in ${zone}). Pick a later one.`);
      const nowLocal = instantToZonedParts(now, zone).time;
      return {
        kind: 'errors',
        errors: { [RescheduleFields.time]: `That time has passed (it is ${nowLocal} in ${zone}). Pick a later one.` },
      };
    }
    if (startsAt.getTime() === session.starts_at.getTime()) {
      return {
        kind: 'errors',
        errors: { [RescheduleFields.time]: 'That is when the session starts already. Pick another time, or Cancel.' },
      };
    }
    try {
      const outcome = await rescheduleSession(db, circle, session.id, startsAt, now);
      return { kind: 'moved', circle, from: session.starts_at, session: outcome.session, told: outcome.toldOfChange };
    } catch (error) {
      if (isAppError(error)) return onDate(error.message);
      throw error;
    }
  }

  app.view(SessionViews.reschedule, async ({ ack, body, view, client, context }) => {
    const teamId = body.team?.id ?? context.teamId ?? view.team_id;
    const userId = body.user.id;
    let moved: Moved;
    try {
      moved = await move(client, teamId, userId, view.private_metadata, view.state.values);
    } catch (error) {
      logger.error('Rescheduling a session failed', error);
      await ack({
        response_action: 'errors',
        errors: { [RescheduleFields.date]: 'Something went wrong on our side and nothing was changed. Please try again.' },
      });
      return;
    }
    if (moved.kind === 'errors') {
      await ack({ response_action: 'errors', errors: definedOnly(moved.errors) });
      return;
    }
    await ack();
    const { circle, from, session, told } = moved;
    const channelNote = await tellChannel(deps, client, circle, channelMovedText(circle, from, session, userId));
    await refreshAgendaPost(db, client, teamId, session.id, logger);
    try {
      await client.chat.postMessage({ channel: userId, text: movedText(circle, from, session, told, channelNote) });
    } catch (error) {
      logger.warn(`Could not confirm the move of session ${session.id} to ${userId}`, error);
    }
  });
}

function definedOnly(errors: RescheduleErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
