import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { SlackBlock } from './commands';

export type Reply = (text: string, blocks?: SlackBlock[]) => Promise<void>;

export interface ButtonArgs {
  body: BlockAction;
  action: ButtonAction;
  client: WebClient;
  teamId: string;
  /** Answers privately where the click happened: under the message, or by DM for the home tab. */
  reply: Reply;
  /** Swaps the clicked message for the outcome, so its buttons cannot be pressed twice. */
  replace: Reply;
}

function replierFor(body: BlockAction, respond: RespondFn, client: WebClient): Reply {
  if (body.container?.type === 'message' && body.response_url) {
    return async (text, blocks) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
    };
  }
  return async (text, blocks) => {
    await client.chat.postMessage({ channel: body.user.id, text, ...(blocks ? { blocks } : {}) });
  };
}

function replacerFor(body: BlockAction, respond: RespondFn, client: WebClient): Reply {
  if (body.response_url) {
    return async (text, blocks) => {
      await respond({ replace_original: true, text, ...(blocks ? { blocks } : {}) });
    };
  }
  return async (text, blocks) => {
    await client.chat.postMessage({ channel: body.user.id, text, ...(blocks ? { blocks } : {}) });
  };
}

/**
 * Registers one button: acks at once, then runs the handler. An AppError becomes a private
 * answer the person can act on; anything else is logged and answered with an apology.
 */
export function onButton(app: App, logger: Logger, actionId: string, run: (args: ButtonArgs) => Promise<void>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond, context }) => {
    await ack();
    const reply = replierFor(body, respond, client);
    const replace = replacerFor(body, respond, client);
    const teamId = context.teamId ?? body.team?.id ?? '';
    try {
      await run({ body, action, client, teamId, reply, replace });
    } catch (error) {
      if (error instanceof AppError) {
        await reply(error.message);
        return;
      }
      logger.error(`Action ${actionId} failed`, error);
      await reply('Something went wrong on our side and nothing was changed. Please try again in a minute.');
    }
  });
}
