import type { z } from 'zod';
import { AppError, ErrorCode } from '../core/errors';

/**
 * The answer to a button or a form whose payload the app cannot read: a message from before a
 * change, or one forged. Nothing is changed, so the person only needs to start again.
 */
export const BUTTON_OUT_OF_DATE = 'That button is out of date. Please use the latest message, or run the command again.';
export const FORM_OUT_OF_DATE = 'This form is out of date. Close it and open it again.';

/**
 * A row id as Slack carries it. Slack sends values as strings, so anything else (a boolean, a
 * number, an object) is a forged or broken payload, and only plain digits count: `Number()` would
 * read `true` as 1 and "0x1f" as 31, turning junk into someone's row.
 */
export function idFrom(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** JSON text read with a schema; null when it is not JSON or not of that shape. */
export function jsonOf<T>(schema: z.ZodType<T>, raw: unknown): T | null {
  if (typeof raw !== 'string' || raw === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const result = schema.safeParse(parsed);
  return result.success ? result.data : null;
}

/** The value a block element carries: buttons and overflow options have one, a select's is elsewhere. */
const valueOf = (action: object): unknown => ('value' in action ? action.value : undefined);

/** The row id a button carries, or the one "out of date" refusal. */
export function buttonId(action: object): number {
  const id = idFrom(valueOf(action));
  if (id === null) throw new AppError(ErrorCode.Invalid, BUTTON_OUT_OF_DATE);
  return id;
}

/** The JSON a button carries, read with its schema, or the one "out of date" refusal. */
export function buttonValue<T>(action: object, schema: z.ZodType<T>): T {
  const value = jsonOf(schema, valueOf(action));
  if (value === null) throw new AppError(ErrorCode.Invalid, BUTTON_OUT_OF_DATE);
  return value;
}

/** The JSON a modal carries in its private_metadata, read with its schema, or the form's "out of date" refusal. */
export function formMetadata<T>(view: { private_metadata?: string }, schema: z.ZodType<T>): T {
  const value = jsonOf(schema, view.private_metadata);
  if (value === null) throw new AppError(ErrorCode.Invalid, FORM_OUT_OF_DATE);
  return value;
}
