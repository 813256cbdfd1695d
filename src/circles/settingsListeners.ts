import { syncSessions } from '../sessions/service';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { isAppError } from '../errors';
import { getPerson, type Person, slackErrorCode } from '../people/service';
import { describeCadence } from '../sessions/cadence';
import { todayIn } from '../sessions/zonedTime';
import type { SlackAppDeps } from '../slack/app';
import type { SubcommandContext, SubcommandHandlers } from '../slack/commands';
import { announcementBlocks, announcementText, formatDay } from './announce';
import { CircleActions, CircleViews } from './ids';
import { promoteWaitlist } from './membershipService';
import { channelNameFor } from './model';
import { announcePromotion } from './notify';
import { assertCanManage, assertOrganizer } from './roles';
import { noticeModal, parseSettingsMetadata, settingsModal } from './settingsModal';
import {
  type ChannelChoice,
  type CircleSettings,
  newCircleInitial,
  parseSettings,
  SettingsBlocks,
  type SettingsDraft,
  type SettingsErrors,
  storedInitial,
} from './settingsModel';
import {
  type CreatedCircle,
  channelPeople,
  checkSettings,
  createCircle,
  loadStoredSettings,
  requireCircle,
  resolveCircleForEdit,
  setCircleChannel,
  type UpdatedCircle,
  updateCircleSettings,
} from './settingsService';
import { type CircleRow, type CycleRow, currentCycle } from './store';

const CREATE_WHAT = 'create circles';
const EDIT_WHAT = 'change its settings';
/** Enough to get past a few same-named channels; beyond that something else is wrong. */
const MAX_CHANNEL_NAME_ATTEMPTS = 10;

/**
 * `/circle new`, `/circle edit`, the App Home Create and Edit buttons, and the settings modal they
 * all open.
 */
export function registerCircleSettings(app: App, deps: SlackAppDeps): SubcommandHandlers {
  const { db, clock, config, logger } = deps;

  async function createView(client: WebClient, teamId: string, userId: string): Promise<ModalView> {
    const person = await getPerson(db, client, teamId, userId, clock());
    assertOrganizer(person, config.organizers, CREATE_WHAT);
    return settingsModal('create', newCircleInitial(person.userId, person.timeZone));
  }

  async function editView(client: WebClient, circle: CircleRow, userId: string): Promise<ModalView> {
    const person = await getPerson(db, client, circle.team_id, userId, clock());
    await assertCanManage(db, circle, person, config.organizers, EDIT_WHAT);
    const stored = await loadStoredSettings(db, circle);
    return settingsModal('edit', storedInitial(stored, person.timeZone), { circleId: circle.id });
  }

  /** App Home has no channel to reply in, so a refusal is shown in a small modal instead. */
  async function openFromButton(
    client: WebClient,
    triggerId: string,
    build: () => Promise<ModalView>,
    what: string,
  ): Promise<void> {
    let view: ModalView;
    try {
      view = await build();
    } catch (error) {
      if (!isAppError(error)) throw error;
      view = noticeModal(what, error.message);
    }
    await client.views.open({ trigger_id: triggerId, view });
  }

  app.action<BlockAction<ButtonAction>>(CircleActions.create, async ({ ack, body, client, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? '';
    await openFromButton(client, body.trigger_id, () => createView(client, teamId, body.user.id), 'New circle');
  });

  app.action<BlockAction<ButtonAction>>(CircleActions.edit, async ({ ack, body, client, context }) => {
    await ack();
    const teamId = body.team?.id ?? context.teamId ?? '';
    const id = Number(body.actions[0]?.value);
    await openFromButton(
      client,
      body.trigger_id,
      async () => editView(client, await requireCircle(db, teamId, Number.isSafeInteger(id) ? id : 0), body.user.id),
      'Edit circle',
    );
  });

  app.view(CircleViews.settings, async ({ ack, body, view, client, context }) => {
    const teamId = body.team?.id ?? context.teamId ?? view.team_id;
    const userId = body.user.id;
    const now = clock();
    const { circleId } = parseSettingsMetadata(view.private_metadata);
    const errorsAck = (errors: SettingsErrors) => ack({ response_action: 'errors', errors: definedOnly(errors) });

    // Everything up to the ack decides whether the modal closes; a failure there must keep it
    // open with a message rather than leave the person staring at Slack's generic error.
    let saved: Saved;
    try {
      saved = await save(client, teamId, userId, circleId, view.state.values, now);
    } catch (error) {
      logger.error('Saving the circle settings failed', error);
      await errorsAck({ [SettingsBlocks.name]: 'Something went wrong on our side and nothing was saved. Please try again.' });
      return;
    }
    if (saved.kind === 'errors') {
      await errorsAck(saved.errors);
      return;
    }
    await ack();
    if (saved.kind === 'created') await afterCreate(client, userId, saved.created.circle, saved.created.cycle, saved.settings);
    else await afterEdit(client, userId, saved.updated, saved.settings);
  });

  type Saved =
    | { kind: 'errors'; errors: SettingsErrors }
    | { kind: 'created'; created: CreatedCircle; settings: CircleSettings }
    | { kind: 'updated'; updated: UpdatedCircle; settings: CircleSettings };

  /** Checks, then saves before the ack, so a name taken meanwhile still comes back as a field error. */
  async function save(
    client: WebClient,
    teamId: string,
    userId: string,
    circleId: number | undefined,
    values: unknown,
    now: Date,
  ): Promise<Saved> {
    const decided = await decide(client, teamId, userId, circleId, values, now);
    if (decided.kind === 'errors') return decided;
    const { settings } = decided;
    if (decided.circle === undefined) {
      const created = await createCircle(db, teamId, userId, settings, now);
      if (!created.ok) return { kind: 'errors', errors: created.errors };
      // Sessions exist from the start, so the schedule and calendars show them at once.
      await syncSessions(db, teamId, created.value.circle.id, now);
      return { kind: 'created', created: created.value, settings };
    }
    const updated = await updateCircleSettings(db, teamId, decided.circle.id, settings, now);
    if (!updated.ok) return { kind: 'errors', errors: updated.errors };
    // A changed cadence or cycle regenerates future sessions; unchanged ones keep their plans.
    await syncSessions(db, teamId, updated.value.circle.id, now);
    return { kind: 'updated', updated: updated.value, settings };
  }

  type Decision =
    { kind: 'errors'; errors: SettingsErrors } | { kind: 'save'; settings: CircleSettings; circle: CircleRow | undefined };

  /** Everything that must hold before saving, gathered so the person sees every problem at once. */
  async function decide(
    client: WebClient,
    teamId: string,
    userId: string,
    circleId: number | undefined,
    values: unknown,
    now: Date,
  ): Promise<Decision> {
    const person = await getPerson(db, client, teamId, userId, now);
    let circle: CircleRow | undefined;
    let cycle: CycleRow | undefined;
    try {
      if (circleId === undefined) {
        assertOrganizer(person, config.organizers, CREATE_WHAT);
      } else {
        circle = await requireCircle(db, teamId, circleId);
        await assertCanManage(db, circle, person, config.organizers, EDIT_WHAT);
        cycle = await currentCycle(db, teamId, circleId);
      }
    } catch (error) {
      // Roles can change while a modal is open; the refusal goes where the person is looking.
      if (isAppError(error)) return { kind: 'errors', errors: { [SettingsBlocks.name]: error.message } };
      throw error;
    }
    const parsed = parseSettings(values, (tz) => todayIn(now, tz), cycle ? { currentStartDate: cycle.start_date } : {});
    const draft: SettingsDraft = parsed.ok ? parsed.settings : parsed.draft;
    const errors = mergeErrors(
      parsed.ok ? {} : parsed.errors,
      await checkSettings(db, teamId, draft, now, circle?.id),
      await checkFacilitators(client, teamId, draft.facilitators, now),
      await checkExistingChannel(client, draft.channel, circle),
    );
    if (!parsed.ok || Object.keys(errors).length > 0) return { kind: 'errors', errors };
    return { kind: 'save', settings: parsed.settings, circle };
  }

  async function checkFacilitators(
    client: WebClient,
    teamId: string,
    ids: string[] | undefined,
    now: Date,
  ): Promise<SettingsErrors> {
    if (!ids) return {};
    const refused: string[] = [];
    for (const id of ids) {
      let person: Person;
      try {
        person = await getPerson(db, client, teamId, id, now);
      } catch (error) {
        if (!isAppError(error)) throw error;
        refused.push(`${id} is not in this workspace`);
        continue;
      }
      if (person.isBot) refused.push(`${person.name} is a bot`);
      else if (person.isDeleted) refused.push(`${person.name}'s account is deactivated`);
    }
    if (refused.length === 0) return {};
    return { [SettingsBlocks.facilitators]: `Facilitators must be active people: ${refused.join('; ')}.` };
  }

  /** The bot must be able to see an existing channel before the circle is tied to it. */
  async function checkExistingChannel(
    client: WebClient,
    choice: ChannelChoice | undefined,
    circle: CircleRow | undefined,
  ): Promise<SettingsErrors> {
    if (choice?.mode !== 'existing' || choice.channelId === circle?.channel_id) return {};
    const fail = (message: string): SettingsErrors => ({ [SettingsBlocks.channel]: message });
    try {
      const info = await client.conversations.info({ channel: choice.channelId });
      const channel = info.channel;
      if (!channel || channel.is_im || channel.is_mpim) return fail('Pick a channel, not a direct message.');
      if (channel.is_archived) return fail('That channel is archived. Pick another, or create a new one.');
      return {};
    } catch (error) {
      if (slackErrorCode(error) === 'channel_not_found') {
        return fail(
          "I can't see that channel. If it is private, invite me first with /invite @Peer Circles, then pick it again.",
        );
      }
      throw error;
    }
  }

  /**
   * Creates the channel (trying `-2`, `-3`… while the name is taken) or joins the chosen one.
   * Returns undefined, with the reason in `problems`, when Slack refuses.
   */
  async function provisionChannel(
    client: WebClient,
    circle: CircleRow,
    choice: ChannelChoice,
    problems: string[],
  ): Promise<string | undefined> {
    if (choice.mode === 'existing') {
      try {
        const info = await client.conversations.info({ channel: choice.channelId });
        if (!info.channel?.is_private && !info.channel?.is_member) await client.conversations.join({ channel: choice.channelId });
        return choice.channelId;
      } catch (error) {
        logger.warn(`Joining ${choice.channelId} for circle ${circle.id} failed`, error);
        problems.push(
          `I couldn't join <#${choice.channelId}> (Slack said \`${slackErrorCode(error) ?? 'unknown error'}\`). ` +
            `Invite me there with \`/invite @Peer Circles\`, then pick it again with \`/circle edit ${circle.name}\`.`,
        );
        return undefined;
      }
    }
    for (let attempt = 1; attempt <= MAX_CHANNEL_NAME_ATTEMPTS; attempt++) {
      try {
        const created = await client.conversations.create({
          name: channelNameFor(circle.name, attempt),
          is_private: choice.isPrivate,
        });
        if (!created.channel?.id) throw new Error('conversations.create answered without a channel id');
        return created.channel.id;
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === 'name_taken') continue;
        logger.warn(`Creating a channel for circle ${circle.id} failed`, error);
        problems.push(
          `I couldn't create a channel for it (Slack said \`${code ?? 'unknown error'}\`). ` +
            `Create one yourself, invite me with \`/invite @Peer Circles\`, and pick it with \`/circle edit ${circle.name}\`.`,
        );
        return undefined;
      }
    }
    problems.push(
      `I couldn't find a free channel name for it. Create a channel yourself, invite me with \`/invite @Peer Circles\`, and pick it with \`/circle edit ${circle.name}\`.`,
    );
    return undefined;
  }

  /** Adds people to a channel; someone already there is no problem. */
  async function invite(client: WebClient, channelId: string, userIds: string[], problems: string[]): Promise<void> {
    const users = [...new Set(userIds)];
    if (users.length === 0) return;
    try {
      await client.conversations.invite({ channel: channelId, users: users.join(',') });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'already_in_channel') {
        // Slack may refuse a whole batch for one person already there; one at a time, the others still get in.
        if (users.length > 1) for (const user of users) await invite(client, channelId, [user], problems);
        return;
      }
      logger.warn(`Inviting people to ${channelId} failed`, error);
      const who = users.map((u) => `<@${u}>`).join(', ');
      problems.push(
        `I couldn't add ${who} to <#${channelId}> (Slack said \`${code ?? 'unknown error'}\`). Invite them with \`/invite\`.`,
      );
    }
  }

  async function announce(
    client: WebClient,
    channelId: string,
    circle: CircleRow,
    cycle: CycleRow,
    settings: CircleSettings,
    problems: string[],
  ) {
    const announced = { ...circle, cycle: { startDate: cycle.start_date, endDate: cycle.end_date } };
    try {
      await client.chat.postMessage({
        channel: channelId,
        text: announcementText(circle),
        blocks: announcementBlocks(announced, describeCadence(settings.cadence)),
      });
    } catch (error) {
      logger.warn(`Announcing circle ${circle.id} in ${channelId} failed`, error);
      problems.push(
        `I couldn't post the announcement in <#${channelId}> (Slack said \`${slackErrorCode(error) ?? 'unknown error'}\`). People can still join with \`/circle join ${circle.name}\`.`,
      );
    }
  }

  async function dm(client: WebClient, userId: string, text: string): Promise<void> {
    try {
      await client.chat.postMessage({ channel: userId, text });
    } catch (error) {
      logger.error(`Could not DM ${userId}`, error);
    }
  }

  async function afterCreate(
    client: WebClient,
    userId: string,
    circle: CircleRow,
    cycle: CycleRow,
    settings: CircleSettings,
  ): Promise<void> {
    const problems: string[] = [];
    try {
      const channelId = await provisionChannel(client, circle, settings.channel, problems);
      if (channelId) {
        await setCircleChannel(db, circle.team_id, circle.id, channelId, clock());
        await invite(client, channelId, settings.facilitators, problems);
        await announce(client, channelId, circle, cycle, settings, problems);
      }
      await dm(client, userId, createdMessage(circle, cycle, settings, channelId, problems));
    } catch (error) {
      logger.error(`Setting up circle ${circle.id} after saving it failed`, error);
      await dm(client, userId, somethingFailedMessage(circle));
    }
  }

  async function afterEdit(client: WebClient, userId: string, saved: UpdatedCircle, settings: CircleSettings): Promise<void> {
    const { before, cycle, addedFacilitators, capRaised } = saved;
    let circle = saved.circle;
    const problems: string[] = [];
    const notes: string[] = [];
    try {
      const choice = settings.channel;
      const moving = choice.mode === 'new' || choice.channelId !== before.channel_id;
      if (moving) {
        const channelId = await provisionChannel(client, circle, choice, problems);
        if (channelId) {
          circle = await setCircleChannel(db, circle.team_id, circle.id, channelId, clock());
          await invite(client, channelId, await channelPeople(db, circle.team_id, circle.id), problems);
          await announce(client, channelId, circle, cycle, settings, problems);
          notes.push(`The circle's channel is now <#${channelId}>; I invited its members and posted an announcement there.`);
        }
      } else if (circle.channel_id && addedFacilitators.length > 0) {
        await invite(client, circle.channel_id, addedFacilitators, problems);
      }
      if (capRaised) {
        const promoted = (await promoteWaitlist(db, circle.team_id, circle.id, clock())).map((m) => m.user_id);
        if (promoted.length > 0) {
          const names = promoted.map((u) => `<@${u}>`).join(', ');
          notes.push(`With the higher cap, ${names} moved up from the waitlist.`);
          try {
            await announcePromotion(client, circle, promoted, logger);
          } catch (error) {
            logger.warn(`Telling the promoted members of circle ${circle.id} failed`, error);
            problems.push(`I couldn't message everyone who moved up from the waitlist (${names}); please let them know.`);
          }
        }
      }
      await dm(client, userId, editedMessage(circle, cycle, settings, notes, problems));
    } catch (error) {
      logger.error(`Finishing the edit of circle ${circle.id} failed`, error);
      await dm(client, userId, somethingFailedMessage(circle));
    }
  }

  async function openNew(ctx: SubcommandContext): Promise<void> {
    const client = ctx.args.client;
    const view = await createView(client, ctx.teamId, ctx.userId);
    await client.views.open({ trigger_id: ctx.triggerId, view });
    await ctx.args.ack();
  }

  async function openEdit(ctx: SubcommandContext): Promise<void> {
    const client = ctx.args.client;
    const circle = await resolveCircleForEdit(db, ctx.teamId, ctx.userId, ctx.channelId, ctx.rest);
    const view = await editView(client, circle, ctx.userId);
    await client.views.open({ trigger_id: ctx.triggerId, view });
    await ctx.args.ack();
  }

  return { new: openNew, edit: openEdit };
}

/** Earlier sources win: a field shows the first problem found with it. */
function mergeErrors(...sources: SettingsErrors[]): SettingsErrors {
  const out: SettingsErrors = {};
  for (const source of sources) {
    for (const [id, message] of Object.entries(source) as [keyof SettingsErrors, string | undefined][]) {
      if (message !== undefined && out[id] === undefined) out[id] = message;
    }
  }
  return out;
}

function definedOnly(errors: SettingsErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function cycleLine(cycle: CycleRow): string {
  return `${formatDay(cycle.start_date)} to ${formatDay(cycle.end_date)}`;
}

function problemLines(problems: string[]): string {
  return problems.map((p) => `• ${p}`).join('\n');
}

export function createdMessage(
  circle: CircleRow,
  cycle: CycleRow,
  settings: CircleSettings,
  channelId: string | undefined,
  problems: string[],
): string {
  const rhythm = describeCadence(settings.cadence);
  if (!channelId || problems.length > 0) {
    const where = channelId ? ` Its channel is <#${channelId}>.` : '';
    return [
      `*${circle.name}* is saved (first cycle ${cycleLine(cycle)}; ${rhythm}).${where} Some steps in Slack did not work:`,
      problemLines(problems),
      `Nothing is lost: fix the above, or run \`/circle edit ${circle.name}\` to set the channel.`,
    ].join('\n');
  }
  return [
    `*${circle.name}* is ready in <#${channelId}>.`,
    'What happens next:',
    `• I posted an announcement there with a *Join* button. Share <#${channelId}> with people who might join, or tell them to type \`/circle join ${circle.name}\`.`,
    `• Up to ${circle.size_cap} people get a place; after that they join a waitlist and move up as places free.`,
    `• The first cycle runs ${cycleLine(cycle)}. Sessions: ${rhythm}.`,
    `• To change any of this, type \`/circle edit ${circle.name}\`.`,
  ].join('\n');
}

export function editedMessage(
  circle: CircleRow,
  cycle: CycleRow,
  settings: CircleSettings,
  notes: string[],
  problems: string[],
): string {
  const lines = [
    `Saved the changes to *${circle.name}*${circle.channel_id ? ` (<#${circle.channel_id}>)` : ''}.`,
    `• Cycle: ${cycleLine(cycle)}. Sessions: ${describeCadence(settings.cadence)}. Size cap: ${circle.size_cap}.`,
    ...notes.map((n) => `• ${n}`),
  ];
  if (problems.length > 0) {
    lines.push('Some steps in Slack did not work:', problemLines(problems), 'The settings themselves are saved.');
  }
  return lines.join('\n');
}

function somethingFailedMessage(circle: CircleRow): string {
  return (
    `*${circle.name}* is saved, but something went wrong on our side while setting it up in Slack. ` +
    `Nothing is lost: run \`/circle edit ${circle.name}\` to check its channel.`
  );
}
