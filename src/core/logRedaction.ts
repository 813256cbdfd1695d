/**
 * What a log line may say about a failure, and what it may not: the typed text a failed statement
 * carries (its parameters, the row PostgreSQL repeats in `detail`, the value it quotes back in an
 * "invalid input" message), and secrets that have no recognizable shape of their own (a calendar
 * feed's address). The logger passes every error and every message through here before writing.
 */

// The parts of an error worth keeping: what failed and where in the code, never the data. pg's
// `detail`, `where` and `hint`, PGlite's `query` and `params`, a Slack error's whole `data` are left out.
const KEPT_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'statusCode'];
const NESTED = ['cause', 'original'] as const;
const MAX_DEPTH = 4;

// PostgreSQL quotes an input value back after a colon (`invalid input syntax for type integer: "…"`,
// `malformed array literal: "…"`) or after `value`/`zone` (`value "…" is out of range`). Identifiers
// (constraint, relation and column names) are quoted after other words, and stay.
const QUOTED_INPUT = /(:\s|\bvalue\s|\bzone\s)"(?:[^"]|"")*"/g;
// `invalid byte sequence for encoding "UTF8": 0xc3 0x28` spells out the bytes that were sent.
const BYTE_SEQUENCE = /(\bbyte sequence\b[^:]*:\s)0x[0-9a-f]{2}(?:\s0x[0-9a-f]{2})*/gi;

/** Masks the values PostgreSQL quotes back in its messages. */
export function scrubDatabaseText(text: string): string {
  return text.replace(QUOTED_INPUT, '$1"***"').replace(BYTE_SEQUENCE, '$1***');
}

// A feed's address is its only key: /calendar/<secret>.ics, at any level, in any library's line.
const CALENDAR_FEED = /(\/calendar\/)[A-Za-z0-9_-]+(\.ics)/g;

export function scrubCalendarFeeds(text: string): string {
  return text.replace(CALENDAR_FEED, '$1***$2');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** An error as a log line may show it: its kind, message and stack (scrubbed), its codes, and its causes. */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (!isRecord(error)) return { message: scrubDatabaseText(String(error)) };
  const out: Record<string, unknown> = {
    type: typeof error.constructor === 'function' ? error.constructor.name : 'Object',
    message: typeof error.message === 'string' ? scrubDatabaseText(error.message) : undefined,
  };
  if (typeof error.name === 'string') out.name = error.name;
  if (typeof error.stack === 'string') out.stack = scrubDatabaseText(error.stack);
  for (const field of KEPT_FIELDS) {
    const value = error[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  // A Slack platform error: its error code says what went wrong; the rest of the answer may echo a message.
  if (isRecord(error.data) && typeof error.data.error === 'string') out.slackError = error.data.error;
  for (const key of NESTED) {
    const nested = error[key];
    if (nested !== undefined && nested !== null && depth < MAX_DEPTH) out[key] = loggableError(nested, depth + 1);
  }
  return out;
}

/** JSON of anything logged, with any error inside it shown as `loggableError` shows it. */
export function loggableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? loggableError(v) : v));
}

// The Web API client, at debug level, writes each request's body and each answer whole: the
// messages the app sends (names, agendas, notes people wrote, calendar links) and what Slack
// returns about people. The method and the outcome are enough to follow what happened.
const WEB_API_BODY = 'http request body: ';
const WEB_API_RESULT = 'http request result: ';

/** A Web API client debug line without the bodies it would carry; any other line as it is. */
export function withoutWebApiBodies(message: string): string {
  if (message.startsWith(WEB_API_BODY)) return `${WEB_API_BODY}(not logged: ${message.length - WEB_API_BODY.length} characters)`;
  if (!message.startsWith(WEB_API_RESULT)) return message;
  try {
    const result = JSON.parse(message.slice(WEB_API_RESULT.length)) as Record<string, unknown>;
    return `${WEB_API_RESULT}${JSON.stringify({ ok: result.ok, ...(typeof result.error === 'string' ? { error: result.error } : {}) })}`;
  } catch {
    return `${WEB_API_RESULT}(not logged)`;
  }
}
