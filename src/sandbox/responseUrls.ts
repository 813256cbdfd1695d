import { ApiError, bool, str } from './apiArgs';
import { randomId } from './ids';
import { readMessageArgs } from './methods/shared';
import type { EmulatorState, ResponseUrlContext } from './state';
import { type EphemeralSource, isObject, type JsonObject } from './types';
import type { HttpReply } from './webApi';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export function issueResponseUrl(state: EmulatorState, context: ResponseUrlContext): string {
  const id = randomId('', 24, '0123456789abcdef');
  const url = `${state.baseUrl}/response/${id}`;
  state.responseUrls.set(id, { url, createdAt: state.now(), uses: 0, context });
  return url;
}

function text(status: number, body: string): HttpReply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

/** POST /response/<id>: what Slack does with respond()/response_url posts, including its usage limits. */
export function handleResponseUrlPost(state: EmulatorState, id: string, body: Buffer): HttpReply {
  const url = `${state.baseUrl}/response/${id}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = body.toString('utf8');
  }
  const reply = answer(state, id, parsed);
  state.responseUrlPosts.push({ url, body: parsed, at: new Date(state.now()), status: reply.status });
  return reply;
}

function answer(state: EmulatorState, id: string, payload: unknown): HttpReply {
  const entry = state.responseUrls.get(id);
  if (!entry) return text(404, 'invalid_url');
  if (state.now() - entry.createdAt > RESPONSE_URL_TTL_MS) return text(404, 'expired_url');
  if (entry.uses >= RESPONSE_URL_MAX_USES) return text(404, 'used_url');
  if (!isObject(payload)) return text(400, 'invalid_payload');
  try {
    applyResponseMessage(state, entry.context, payload);
  } catch (error) {
    if (error instanceof ApiError) return text(400, error.code);
    throw error;
  }
  entry.uses += 1;
  return text(200, 'ok');
}

/** Applies a response_url / command-ack message the way the Slack client would show it. */
export function applyResponseMessage(
  state: EmulatorState,
  context: ResponseUrlContext,
  payload: JsonObject,
  source: EphemeralSource = 'response_url',
): void {
  const original =
    context.messageTs && !context.isEphemeral ? state.messages.find(context.channelId, context.messageTs) : undefined;
  const ownOriginal = original?.user === state.botUserId ? original : undefined;
  if (bool(payload, 'delete_original')) {
    if (ownOriginal) state.messages.delete(ownOriginal.channel, ownOriginal.ts);
    return;
  }
  const content = readMessageArgs(payload, true);
  const message = { text: content.text ?? '', blocks: content.blocks ?? [] };
  if (bool(payload, 'replace_original') && ownOriginal) {
    // replace_original swaps the whole message: omitted blocks are gone, unlike chat.update.
    state.messages.replace(ownOriginal, message);
    return;
  }
  const threadTs = str(payload, 'thread_ts');
  const withThread = { ...message, ...(threadTs ? { thread_ts: threadTs } : {}) };
  if (str(payload, 'response_type') === 'in_channel') {
    state.messages.post(context.channelId, state.botUserId, withThread);
    return;
  }
  state.messages.addEphemeral(context.channelId, context.userId, withThread, source);
}
