import { ApiError, parseJsonFields } from './apiArgs';
import { parseApiBody } from './httpBody';
import { METHODS } from './methods';
import type { EmulatorState } from './state';
import type { InjectedFailure, JsonObject } from './types';

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ApiRequest {
  method: string;
  body: Buffer;
  contentType: string;
  authorization: string | undefined;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** One Web API call: parse, inject failures, authenticate, dispatch, record. Always answers; never throws. */
export function handleApiCall(state: EmulatorState, req: ApiRequest): HttpReply {
  const at = new Date(state.now());
  let raw: JsonObject;
  try {
    raw = parseApiBody(req.body, req.contentType);
  } catch {
    const isJson = req.contentType.includes('json');
    const response = { ok: false, error: isJson ? 'invalid_json' : 'invalid_form_data' };
    state.calls.push({ method: req.method, args: {}, response, status: 200, at, injected: false });
    return json(200, response);
  }
  const { token: bodyToken, ...rest } = raw;
  const args = parseJsonFields(rest);
  const record = (reply: HttpReply, response: unknown, injected = false): HttpReply => {
    state.calls.push({ method: req.method, args, response, status: reply.status, at, injected });
    return reply;
  };

  const failure = takeFailure(state, req.method);
  if (failure) return injectedReply(failure, record);

  if (req.method === 'oauth.v2.access') return answer(() => state.oauth.access(args, req.authorization), record, req.method);
  const handler = METHODS[req.method];
  if (!handler) return respond({ ok: false, error: 'unknown_method', req_method: req.method }, record);

  // Slack ignores a token inside a JSON body: JSON callers must use the Authorization header.
  const bearer = /^Bearer\s+(.+)$/i.exec(req.authorization ?? '')?.[1];
  const token = bearer ?? (req.contentType.includes('json') ? undefined : typeof bodyToken === 'string' ? bodyToken : undefined);
  if (!token) return respond({ ok: false, error: 'not_authed' }, record);
  if (state.revokedBotTokens.has(token)) return respond({ ok: false, error: 'token_revoked' }, record);
  const grant = token === state.botToken ? undefined : state.oauth.check(token);
  if (token !== state.botToken && !grant) return respond({ ok: false, error: 'invalid_auth' }, record);
  if (grant && 'error' in grant) return respond({ ok: false, error: grant.error }, record);
  const teamId = grant?.teamId ?? grant?.enterpriseId ?? state.workspace.team.id;

  const retryAfter = state.rateLimiter?.take(teamId, req.method, typeof args.channel === 'string' ? args.channel : undefined);
  if (retryAfter !== undefined) {
    const reply = json(429, { ok: false, error: 'ratelimited' });
    reply.headers['retry-after'] = String(retryAfter);
    return record(reply, { ok: false, error: 'ratelimited' });
  }

  state.callerTeamId = grant ? teamId : undefined;
  try {
    return answer(() => handler(state, args), record, req.method);
  } finally {
    state.callerTeamId = undefined;
  }
}

function answer(run: () => JsonObject, record: (reply: HttpReply, response: unknown) => HttpReply, method: string): HttpReply {
  try {
    return respond({ ok: true, ...run() }, record);
  } catch (error) {
    if (error instanceof ApiError) return respond({ ok: false, error: error.code, ...error.extra }, record);
    // An emulator bug must fail the test loudly rather than look like a Slack error the app might handle.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return record(
      { status: 500, headers: { 'content-type': 'text/plain' }, body: `emulator error in ${method}: ${message}` },
      message,
    );
  }
}

function respond(response: JsonObject, record: (reply: HttpReply, response: unknown) => HttpReply): HttpReply {
  return record(json(200, response), response);
}

function json(status: number, body: unknown): HttpReply {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

function takeFailure(state: EmulatorState, method: string): InjectedFailure | undefined {
  const queue = state.failures.get(method);
  const failure = queue?.shift();
  if (queue && queue.length === 0) state.failures.delete(method);
  return failure;
}

function injectedReply(
  failure: InjectedFailure,
  record: (reply: HttpReply, response: unknown, injected: boolean) => HttpReply,
): HttpReply {
  if ('error' in failure) {
    const response = { ok: false, error: failure.error };
    return record(json(200, response), response, true);
  }
  if (failure.status === 429) {
    const response = { ok: false, error: 'ratelimited' };
    const reply = json(429, response);
    reply.headers['retry-after'] = String(failure.retryAfter);
    return record(reply, response, true);
  }
  const text = failure.status === 500 ? 'Internal Server Error' : failure.status === 502 ? 'Bad Gateway' : 'Service Unavailable';
  return record({ status: failure.status, headers: { 'content-type': 'text/plain' }, body: text }, text, true);
}
