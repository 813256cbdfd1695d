import type { App, RespondFn } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../core/logger';
import type { SlackBlock } from './blocks';
import { type Actor, type AppContext, actorOf } from './context';
import { errorReply } from './errorReply';
import { isSubcommand, type SubcommandName, unknownSubcommandText, usageText } from './usage';

export interface SubcommandContext {
  /** The text after the subcommand word, trimmed, with Slack's escaping undone. */
  rest: string;
  actor: Actor;
  channelId: string;
  /** Where a later private answer in this conversation can go (Slack keeps it valid for 30 minutes, 5 uses). */
  responseUrl: string;
  /** The command as typed ("/circle"), for usage lines. */
  command: string;
  /** Acknowledges the command now (once; later calls do nothing). */
  ack(): Promise<void>;
  /**
   * The Web API client, handed out only after the ack: Slack waits at most 3 seconds for it, and
   * its own API may be slow, so nothing calls Slack before acknowledging.
   */
  slack(): Promise<WebClient>;
  /** Acks, then opens a modal with the command's trigger. */
  openModal(view: ModalView): Promise<void>;
  /** Replies privately to the person who typed the command: inside the ack if it is still open. */
  reply(text: string, blocks?: SlackBlock[]): Promise<void>;
}

export type SubcommandHandler = (ctx: SubcommandContext) => Promise<void>;
export type SubcommandHandlers = Partial<Record<SubcommandName, SubcommandHandler>>;

/**
 * One registration for `/circle`: it splits off the subcommand and hands the rest to the feature
 * that owns it. A handler may answer inside the ack (a reply from the database alone) or ack first
 * and answer through the response_url; the router acks for it if it never did, and turns a
 * failure into a private reply (`errorReply`).
 */
export function registerCircleCommand(app: App<AppContext>, handlers: SubcommandHandlers, logger: Logger): void {
  app.command('/circle', async ({ command, ack, respond, client, context }) => {
    const text = command.text.trim();
    const [first = '', ...restWords] = text.split(/\s+/);
    const word = first.toLowerCase();
    let acked = false;
    const ackOnce = async (response?: Parameters<typeof ack>[0]) => {
      if (acked) return;
      acked = true;
      await ack(response);
    };
    const reply = replier(ackOnce, respond, () => acked);

    if (word === '' || word === 'help') {
      await ackOnce({ response_type: 'ephemeral', text: usageText(command.command) });
      return;
    }
    const handler = isSubcommand(word) ? handlers[word] : undefined;
    if (!handler) {
      const message = isSubcommand(word)
        ? `\`${command.command} ${word}\` is not available yet in this version of Peer Circles.\n\n${usageText(command.command)}`
        : unknownSubcommandText(unescapeSlack(first), command.command);
      await ackOnce({ response_type: 'ephemeral', text: message });
      return;
    }
    try {
      const slack = async () => {
        await ackOnce();
        return client;
      };
      await handler({
        rest: unescapeSlack(restWords.join(' ').trim()),
        actor: actorOf(context),
        channelId: command.channel_id,
        responseUrl: command.response_url,
        command: command.command,
        ack: () => ackOnce(),
        slack,
        openModal: async (view) => {
          await (await slack()).views.open({ trigger_id: command.trigger_id, view });
        },
        reply,
      });
      await ackOnce();
    } catch (error) {
      await reply(errorReply(error, logger, `/circle ${word}`));
    }
  });
}

function replier(
  ack: (response?: { response_type: 'ephemeral'; text: string; blocks?: SlackBlock[] }) => Promise<void>,
  respond: RespondFn,
  acked: () => boolean,
): SubcommandContext['reply'] {
  return async (text, blocks) => {
    // Inside the ack is fastest and needs no response_url; after it, the response_url still works.
    if (!acked()) {
      await ack({ response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) });
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
  };
}

/** Slack escapes &, < and > in command text; mentions like <@U123|ana> arrive as real brackets. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
