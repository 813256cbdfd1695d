import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../../app/deps';
import { isAppError, slackErrorCode } from '../../core/errors';
import { refreshPerson } from '../../people/service';
import { addToChannel } from '../../slack/channels';
import { describeCadence } from '../../time/cadence';
import { channelNameFor } from '../model';
import { facilitatorNamedBlocks, facilitatorNamedText } from '../membership/blocks';
import { promoteWaitlist, type MembershipEffects } from '../membership/service';
import type { CircleRow, CycleRow } from '../store';
import { announcementBlocks, announcementText } from './announce';
import { createdHereText, createdMessage, editedMessage, somethingFailedMessage } from './messages';
import type { ChannelChoice, CircleSettings } from './model';
import { channelPeople, dropFacilitator, setCircleChannel, type UpdatedCircle } from './service';

/** Enough to get past a few same-named channels; beyond that something else is wrong. */
const MAX_CHANNEL_NAME_ATTEMPTS = 10;

/**
 * Everything a saved circle needs in Slack, done after the modal's ack: the channel created or
 * joined, people invited, the announcement posted, facilitators checked against Slack. Each step
 * that Slack refuses becomes a line the person can act on; the settings stay saved whatever happens.
 */
export function settingsProvisioning(deps: AppDeps, fx: MembershipEffects) {
  const { db, clock, logger, outbox } = deps;

  /** A short confirmation where `/circle new` was typed; the DM holds the details, so a refusal here is only logged. */
  async function confirmWhereAsked(
    responseUrl: string,
    circle: CircleRow,
    channelId: string | undefined,
    firstSession: Date | null,
  ): Promise<void> {
    // The command's response_url reaches the person wherever they typed it, even a channel the app
    // is not in (where chat.postEphemeral would be refused); it lapses after 30 minutes of filling in.
    try {
      const res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          response_type: 'ephemeral',
          replace_original: false,
          text: createdHereText(circle, channelId, firstSession),
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) logger.warn(`Could not confirm circle ${circle.id} where it was created: HTTP ${res.status}`);
    } catch (error) {
      logger.warn(`Could not confirm circle ${circle.id} where it was created`, error);
    }
  }

  /** Creates the channel (trying `-2`, `-3`… while the name is taken) or joins the chosen one. */
  async function provisionChannel(
    client: WebClient,
    circle: CircleRow,
    choice: ChannelChoice,
    problems: string[],
  ): Promise<{ id: string; created: boolean } | undefined> {
    if (choice.mode === 'existing') {
      try {
        const info = await client.conversations.info({ channel: choice.channelId });
        const channel = info.channel;
        if (!channel || channel.is_im || channel.is_mpim) {
          problems.push(`<#${choice.channelId}> is not a channel. Pick one with \`/circle edit ${circle.name}\`.`);
          return undefined;
        }
        if (channel.is_archived) {
          problems.push(
            `<#${choice.channelId}> is archived. Pick another with \`/circle edit ${circle.name}\`, or create a new one.`,
          );
          return undefined;
        }
        if (!channel.is_private && !channel.is_member) await client.conversations.join({ channel: choice.channelId });
        return { id: choice.channelId, created: false };
      } catch (error) {
        const code = slackErrorCode(error);
        logger.warn(`Joining ${choice.channelId} for circle ${circle.id} failed`, error);
        problems.push(
          code === 'channel_not_found'
            ? `I can't see <#${choice.channelId}>. If it is private, invite me first with \`/invite @Peer Circles\`, then pick it again with \`/circle edit ${circle.name}\`.`
            : `I couldn't join <#${choice.channelId}> (Slack said \`${code ?? 'unknown error'}\`). ` +
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
        return { id: created.channel.id, created: true };
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

  async function invite(client: WebClient, channelId: string, userIds: string[], problems: string[]): Promise<void> {
    try {
      await addToChannel(client, channelId, userIds);
    } catch (error) {
      logger.warn(`Inviting people to ${channelId} failed`, error);
      const who = [...new Set(userIds)].map((u) => `<@${u}>`).join(', ');
      problems.push(
        `I couldn't add ${who} to <#${channelId}> (Slack said \`${slackErrorCode(error) ?? 'unknown error'}\`). Invite them with \`/invite\`.`,
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

  /**
   * Facilitators the submission could not vouch for from the database are looked up now; a bot or
   * a deactivated account is taken off again, with a line saying why. Returns who stays.
   */
  async function checkFacilitators(
    client: WebClient,
    circle: CircleRow,
    unverified: string[],
    problems: string[],
  ): Promise<string[]> {
    const refused: string[] = [];
    for (const userId of unverified) {
      let why: string | null = null;
      try {
        const person = await refreshPerson(db, client, circle.team_id, userId, clock());
        if (person.isBot) why = `${person.name} is a bot`;
        else if (person.isDeleted) why = `${person.name}'s account is deactivated`;
      } catch (error) {
        if (!isAppError(error)) throw error;
        why = `<@${userId}> is not in this workspace`;
      }
      if (why) {
        await dropFacilitator(db, circle.team_id, circle.id, userId, clock());
        refused.push(userId);
        problems.push(`${why}, so they are not a facilitator. Facilitators must be active people.`);
      }
    }
    return refused;
  }

  async function dm(client: WebClient, userId: string, text: string, blocks?: KnownBlock[]): Promise<void> {
    try {
      await client.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
    } catch (error) {
      logger.error(`Could not DM ${userId}`, error);
    }
  }

  /** Each person named facilitator by someone else hears it, with what it means and a Step down button. */
  async function tellFacilitators(client: WebClient, circle: CircleRow, by: string, named: string[]): Promise<void> {
    for (const userId of named) {
      if (userId !== by) await dm(client, userId, facilitatorNamedText(circle, by), facilitatorNamedBlocks(circle, by));
    }
  }

  return {
    async afterCreate(
      client: WebClient,
      userId: string,
      saved: { circle: CircleRow; cycle: CycleRow },
      settings: CircleSettings,
      unverified: string[],
      origin?: { responseUrl: string; firstSession: Date | null },
    ): Promise<void> {
      const { circle, cycle } = saved;
      const problems: string[] = [];
      try {
        const refused = await checkFacilitators(client, circle, unverified, problems);
        const channel = await provisionChannel(client, circle, settings.channel, problems);
        const channelId = channel?.id;
        if (channel && channelId) {
          await setCircleChannel(db, circle.team_id, circle.id, channel, clock());
          await invite(
            client,
            channelId,
            settings.facilitators.filter((u) => !refused.includes(u)),
            problems,
          );
          await announce(client, channelId, circle, cycle, settings, problems);
        }
        await tellFacilitators(
          client,
          circle,
          userId,
          settings.facilitators.filter((u) => !refused.includes(u)),
        );
        await dm(client, userId, createdMessage(circle, cycle, settings, channelId, problems));
        if (origin) await confirmWhereAsked(origin.responseUrl, circle, channelId, origin.firstSession);
      } catch (error) {
        logger.error(`Setting up circle ${circle.id} after saving it failed`, error);
        await dm(client, userId, somethingFailedMessage(circle));
      }
    },

    async afterEdit(
      client: WebClient,
      userId: string,
      saved: UpdatedCircle,
      settings: CircleSettings,
      unverified: string[],
    ): Promise<void> {
      const { before, cycle, capRaised } = saved;
      let circle = saved.circle;
      const problems: string[] = [];
      const notes: string[] = [];
      try {
        const refused = await checkFacilitators(client, circle, unverified, problems);
        const addedFacilitators = saved.addedFacilitators.filter((u) => !refused.includes(u));
        const choice = settings.channel;
        const moving = choice.mode === 'new' || choice.channelId !== before.channel_id;
        if (moving) {
          const channel = await provisionChannel(client, circle, choice, problems);
          const channelId = channel?.id;
          if (channel && channelId) {
            circle = await setCircleChannel(db, circle.team_id, circle.id, channel, clock());
            await invite(client, channelId, await channelPeople(db, circle.team_id, circle.id), problems);
            await announce(client, channelId, circle, cycle, settings, problems);
            notes.push(`The circle's channel is now <#${channelId}>; I invited its members and posted an announcement there.`);
          }
        } else if (circle.channel_id && addedFacilitators.length > 0) {
          await invite(client, circle.channel_id, addedFacilitators, problems);
        }
        if (capRaised) {
          const { promoted, keys } = await promoteWaitlist(db, fx, circle.team_id, circle.id, clock());
          if (promoted.length > 0) {
            notes.push(`With the higher cap, ${promoted.map((m) => `<@${m.user_id}>`).join(', ')} moved up from the waitlist.`);
            await outbox.flush(circle.team_id, keys);
          }
        }
        await tellFacilitators(client, circle, userId, addedFacilitators);
        await dm(client, userId, editedMessage(circle, cycle, settings, notes, problems));
      } catch (error) {
        logger.error(`Finishing the edit of circle ${circle.id} failed`, error);
        await dm(client, userId, somethingFailedMessage(circle));
      }
    },
  };
}
