import type { App, BlockAction, BlockElementAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { SlackBlock } from './blocks';
import { type Actor, type AppContext, actorOf } from './context';
import { routeAction, routeView } from './router';

export type Reply = (text: string, blocks?: SlackBlock[]) => Promise<void>;

export const SORRY = 'Something went wrong on our side and nothing was changed. Please try again in a minute.';

export interface ActionArgs<A extends BlockElementAction = BlockElementAction> {
  body: BlockAction<A>;
  action: A;
  actor: Actor;
  client: WebClient;
  /** Answers privately where the click happened: under the message, or by DM for the home tab and modals. */
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
 * Registers one block action (a button, a select, an overflow): acks at once, then runs the
 * handler. An AppError becomes a private answer the person can act on; anything else is logged and
 * answered with an apology.
 */
export function onAction<A extends BlockElementAction = BlockElementAction>(
  app: App<AppContext>,
  logger: Logger,
  actionId: string,
  run: (args: ActionArgs<A>) => Promise<void>,
): void {
  routeAction(app, actionId, async ({ ack, body: anyBody, action: anyAction, client, respond, context }) => {
    const body = anyBody as BlockAction<A>;
    const action = anyAction as A;
    await ack();
    const reply = replierFor(body, respond, client);
    const replace = replacerFor(body, respond, client);
    try {
      await run({ body, action, actor: actorOf(context), client, reply, replace });
    } catch (error) {
      if (error instanceof AppError) {
        await reply(error.message);
        return;
      }
      logger.error(`Action ${actionId} failed`, error);
      await reply(SORRY);
    }
  });
}

/** What a modal submission decides, from the database alone, before its ack. */
export type Submission =
  | { errors: Record<string, string | undefined> }
  | { update: ModalView }
  | {
      /** The modal closes; this runs after the ack (Slack calls, announcements). */
      after?: (client: WebClient) => Promise<void>;
    };

export interface SubmitArgs {
  body: ViewSubmitAction;
  view: ViewSubmitAction['view'];
  actor: Actor;
}

/**
 * Registers a modal's submission. `decide` may read and write the database but must not call
 * Slack: its answer is the ack (`response_action` errors or update, or closing), so the person
 * never waits on Slack's API. A refusal (AppError) comes back as an error on `fallbackField`.
 * The `after` work runs once acked; its AppErrors are told to the person by DM.
 */
export function onSubmit(
  app: App<AppContext>,
  logger: Logger,
  callbackId: string,
  fallbackField: string,
  decide: (args: SubmitArgs) => Promise<Submission>,
): void {
  routeView(app, callbackId, async ({ ack, body, view, client, context }) => {
    let outcome: Submission;
    try {
      outcome = await decide({ body, view, actor: actorOf(context) });
    } catch (error) {
      if (!(error instanceof AppError)) logger.error(`Submitting ${callbackId} failed`, error);
      const message = error instanceof AppError ? error.message : SORRY;
      await ack({ response_action: 'errors', errors: { [fallbackField]: message } });
      return;
    }
    if ('errors' in outcome) {
      await ack({ response_action: 'errors', errors: fieldErrors(outcome.errors) });
      return;
    }
    if ('update' in outcome) {
      await ack({ response_action: 'update', view: outcome.update });
      return;
    }
    await ack();
    if (!outcome.after) return;
    try {
      await outcome.after(client);
    } catch (error) {
      if (!(error instanceof AppError)) logger.error(`After submitting ${callbackId}`, error);
      const text =
        error instanceof AppError ? error.message : SORRY.replace('nothing was changed', 'part of it may not have happened');
      await client.chat.postMessage({ channel: body.user.id, text }).catch((dmError: unknown) => {
        logger.warn(`Could not tell ${body.user.id} what went wrong`, dmError);
      });
    }
  });
}

/** Field errors as Slack takes them: only the fields that have one. */
export function fieldErrors(errors: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
