import type { AllMiddlewareArgs, App, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Block, KnownBlock } from '@slack/types';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { isSubcommand, type SubcommandName, unknownSubcommandText, usageText } from './usage';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export interface SubcommandContext {
  /** The text after the subcommand word, trimmed. */
  rest: string;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  args: CommandArgs;
  /** Replies privately to the person who typed the command. */
  reply: (text: string, blocks?: SlackBlock[]) => Promise<void>;
}

export type SlackBlock = KnownBlock | Block;

export type SubcommandHandler = (ctx: SubcommandContext) => Promise<void>;
export type SubcommandHandlers = Partial<Record<SubcommandName, SubcommandHandler>>;

/**
 * One registration for `/circle`: it splits off the subcommand and hands the rest to the feature
 * that owns it. Handlers ack themselves (so a modal can be opened inside the 3 s trigger window);
 * the router acks for them if they forget, and turns AppErrors into a private reply.
 */
export function registerCircleCommand(app: App, handlers: SubcommandHandlers, logger: Logger): void {
  app.command('/circle', async (args) => {
    const { command, ack, respond } = args;
    const text = command.text.trim();
    const [first = '', ...restWords] = text.split(/\s+/);
    const word = first.toLowerCase();
    let acked = false;
    const ackOnce = async (response?: Parameters<typeof ack>[0]) => {
      if (acked) return;
      acked = true;
      await ack(response);
    };
    const wrappedArgs: CommandArgs = { ...args, ack: ackOnce };
    const reply = replier(ackOnce, respond, () => acked);

    if (word === '' || word === 'help') {
      await ackOnce({ response_type: 'ephemeral', text: usageText(command.command) });
      return;
    }
    const handler = isSubcommand(word) ? handlers[word] : undefined;
    if (!handler) {
      const message = isSubcommand(word)
        ? `\`${command.command} ${word}\` is not available yet in this version of Peer Circles.\n\n${usageText(command.command)}`
        : unknownSubcommandText(first, command.command);
      await ackOnce({ response_type: 'ephemeral', text: message });
      return;
    }
    try {
      await handler({
        rest: unescapeSlack(restWords.join(' ').trim()),
        teamId: command.team_id,
        userId: command.user_id,
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        args: wrappedArgs,
        reply,
      });
      await ackOnce();
    } catch (error) {
      if (error instanceof AppError) {
        await reply(error.message);
        return;
      }
      logger.error(`/circle ${word} failed`, error);
      await reply('Something went wrong on our side and nothing was changed. Please try again in a minute.');
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
