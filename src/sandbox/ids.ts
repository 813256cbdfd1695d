import { randomBytes } from 'node:crypto';
import { isObject, type JsonObject } from './types';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(prefix: string, length = 10, alphabet = ALPHANUM): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/**
 * Message timestamps are Slack's message ids: `seconds.micros`, unique and increasing per workspace.
 * Derived from the (injectable) clock so tests with a frozen clock still get distinct, ordered ts values.
 */
export class TsClock {
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  next(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.lastMicros + 100);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = String(micros % 1_000_000).padStart(6, '0');
    return `${seconds}.${fraction}`;
  }
}

export function viewHash(now: number): string {
  return `${Math.floor(now / 1000)}.${randomId('', 8, MIXED)}`;
}

/**
 * Slack fills in block_id/action_id the app left out (with random values), and interaction
 * payloads carry those. Doing the same means tests can't accidentally depend on ids the app never set.
 */
export function withGeneratedIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) => {
    if (!isObject(block)) return block;
    const copy: JsonObject = { ...block };
    if (copy.block_id === undefined) copy.block_id = randomId('', 5, MIXED);
    if (Array.isArray(copy.elements) && copy.type === 'actions') copy.elements = copy.elements.map(withActionId);
    if (isObject(copy.accessory)) copy.accessory = withActionId(copy.accessory);
    if (isObject(copy.element)) copy.element = withActionId(copy.element);
    return copy;
  });
}

function withActionId(element: unknown): unknown {
  if (!isObject(element) || element.type === 'image' || element.action_id !== undefined) return element;
  return { ...element, action_id: randomId('', 4, MIXED) };
}
