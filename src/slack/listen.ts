import type { App, BlockAction, BlockElementAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import type { Logger } from '../core/logger';
import type { SlackBlock } from './blocks';
import { type Actor, type AppContext, actorOf } from './context';
import { errorReply, SORRY_PART_DONE } from './errorReply';
import { routeAction, routeView } from './router';
import { buttonId, buttonValue, formMetadata } from './values';

export type Reply = (text: string, blocks?: SlackBlock[]) => Promise<void>;

export interface ActionArgs<A extends BlockElementAction = BlockElementAction> {
  body: BlockAction<A>;
  action: A;
  actor: Actor;
  client: WebClient;
  /** Answers privately where the click happened: under the message, or by DM for the home tab and modals. */
  reply: Reply;
  /** Swaps the clicked message for the outcome, so its buttons cannot be pressed twice. */
  replace: Reply;
  /** The row id the button carries; refuses as out of date when it carries anything else. */
  rowId(): number;
  /** The JSON the button carries, read with its schema; refuses as out of date when it does not fit. */
  value<T>(schema: z.ZodType<T>): T;
  /** Opens a modal with the click's trigger. */
  openModal(view: ModalView): Promise<void>;
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
 * handler. A failure becomes a private answer (`errorReply`).
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
    try {
      await run({
        body,
        action,
        actor: actorOf(context),
        client,
        reply,
        replace: replacerFor(body, respond, client),
        rowId: () => buttonId(action),
        value: (schema) => buttonValue(action, schema),
        openModal: async (view) => {
          await client.views.open({ trigger_id: body.trigger_id, view });
        },
      });
    } catch (error) {
      await reply(errorReply(error, logger, `Action ${actionId}`));
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
  /** The JSON the modal carries in its private_metadata; refuses as out of date when it does not fit. */
  metadata<T>(schema: z.ZodType<T>): T;
}

/**
 * Registers a modal's submission. `decide` may read and write the database but must not call
 * Slack: its answer is the ack (`response_action` errors or update, or closing), so the person
 * never waits on Slack's API. A failure (`errorReply`) comes back as an error on `fallbackField`.
 * The `after` work runs once acked; its failures are told to the person by DM.
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
      outcome = await decide({ body, view, actor: actorOf(context), metadata: (schema) => formMetadata(view, schema) });
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: { [fallbackField]: errorReply(error, logger, `Submitting ${callbackId}`) },
      });
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
      const text = errorReply(error, logger, `After submitting ${callbackId}`, SORRY_PART_DONE);
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
