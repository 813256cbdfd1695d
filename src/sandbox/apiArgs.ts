import type { JsonObject } from './types';

/** A Slack `{ ok: false, error }` answer; `extra` carries fields like `errors` or `response_metadata`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: JsonObject = {},
  ) {
    super(code);
  }
}

export function invalidArguments(...messages: string[]): ApiError {
  return new ApiError('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

/**
 * Fields @slack/web-api JSON-encodes inside a form body. Parsing only these (not every string that
 * looks like JSON) keeps a message text such as "[1,2]" a string.
 */
export const JSON_FIELDS = [
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'options',
] as const;

export function parseJsonFields(args: JsonObject): JsonObject {
  const out: JsonObject = { ...args };
  for (const key of JSON_FIELDS) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    try {
      out[key] = JSON.parse(value);
    } catch {
      // Left as a string on purpose: the handler reports it the way Slack would (e.g. invalid_blocks_format).
    }
  }
  return out;
}

/** Form bodies deliver numbers and booleans as strings, so every reader accepts both spellings. */
export function str(args: JsonObject, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function requireStr(args: JsonObject, key: string, code?: string): string {
  const value = str(args, key);
  if (value === undefined || value === '') throw code ? new ApiError(code) : invalidArguments(`missing required field: ${key}`);
  return value;
}

export function bool(args: JsonObject, key: string): boolean | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function int(args: JsonObject, key: string): number | undefined {
  const raw = str(args, key);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw invalidArguments(`${key} must be an integer`);
  return n;
}

export function list(args: JsonObject, key: string): string[] {
  const value = args[key];
  const items = Array.isArray(value) ? value.map(String) : (str(args, key) ?? '').split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
