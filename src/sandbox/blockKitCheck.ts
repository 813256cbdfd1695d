import { isObject, type JsonObject } from './types';

/** One Block Kit problem, addressed the way Slack addresses it (a JSON pointer into the payload). */
export interface BlockKitIssue {
  pointer: string;
  message: string;
}

/** Slack's own wording: `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`. */
export function describeIssue(issue: BlockKitIssue): string {
  return `${issue.message} [json-pointer:${issue.pointer}]`;
}

export interface StringRule {
  required?: boolean;
  max?: number;
  /** Slack rejects empty strings almost everywhere, so 1 unless a field explicitly allows ''. */
  min?: number;
}

export interface TextRule {
  required?: boolean;
  max: number;
  plainOnly?: boolean;
}

/** Collects issues while walking a payload; every helper reports and returns undefined on bad input. */
export class Checker {
  readonly issues: BlockKitIssue[] = [];

  fail(pointer: string, message: string): void {
    this.issues.push({ pointer, message });
  }

  object(value: unknown, pointer: string): JsonObject | undefined {
    if (isObject(value)) return value;
    this.fail(pointer, 'must provide an object');
    return undefined;
  }

  /** Slack rejects properties it does not know, which catches typos like `action_Id` before they ship. */
  onlyKeys(o: JsonObject, pointer: string, allowed: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.fail(`${pointer}/${key}`, `invalid additional property: ${key}`);
    }
  }

  present(o: JsonObject, key: string): boolean {
    return o[key] !== undefined && o[key] !== null;
  }

  string(o: JsonObject, key: string, pointer: string, rule: StringRule = {}): string | undefined {
    const value = o[key];
    const at = `${pointer}/${key}`;
    if (value === undefined || value === null) {
      if (rule.required) this.fail(at, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(at, 'must provide a string');
      return undefined;
    }
    const min = rule.min ?? 1;
    if (value.length < min) this.fail(at, `must be more than ${min - 1} characters`);
    if (rule.max !== undefined && value.length > rule.max) this.fail(at, `must be less than ${rule.max + 1} characters`);
    return value;
  }

  boolean(o: JsonObject, key: string, pointer: string, required = false): boolean | undefined {
    const value = o[key];
    if (value === undefined) {
      if (required) this.fail(`${pointer}/${key}`, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.fail(`${pointer}/${key}`, 'must provide a boolean');
      return undefined;
    }
    return value;
  }

  integer(o: JsonObject, key: string, pointer: string, min: number, max: number): number | undefined {
    const value = o[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(`${pointer}/${key}`, 'must provide an integer');
      return undefined;
    }
    if (value < min || value > max) this.fail(`${pointer}/${key}`, `must be between ${min} and ${max}`);
    return value;
  }

  oneOf(o: JsonObject, key: string, pointer: string, values: readonly string[], required = false): string | undefined {
    const value = o[key];
    if (value === undefined) {
      if (required) this.fail(`${pointer}/${key}`, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== 'string' || !values.includes(value)) {
      this.fail(`${pointer}/${key}`, `must be one of ${values.join(', ')}`);
      return undefined;
    }
    return value;
  }

  array(
    o: JsonObject,
    key: string,
    pointer: string,
    rule: { required?: boolean; min?: number; max: number },
  ): unknown[] | undefined {
    const value = o[key];
    const at = `${pointer}/${key}`;
    if (value === undefined || value === null) {
      if (rule.required) this.fail(at, `missing required field: ${key}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.fail(at, 'must provide an array');
      return undefined;
    }
    const min = rule.min ?? 1;
    if (value.length < min) this.fail(at, `must provide at least ${min} items`);
    if (value.length > rule.max) this.fail(at, `no more than ${rule.max} items allowed`);
    return value;
  }

  /** A composition text object: `{ type: 'plain_text' | 'mrkdwn', text }`. */
  text(o: JsonObject, key: string, pointer: string, rule: TextRule): JsonObject | undefined {
    const value = o[key];
    const at = `${pointer}/${key}`;
    if (value === undefined || value === null) {
      if (rule.required) this.fail(at, `missing required field: ${key}`);
      return undefined;
    }
    return this.textObject(value, at, rule);
  }

  textObject(value: unknown, at: string, rule: TextRule): JsonObject | undefined {
    const t = this.object(value, at);
    if (!t) return undefined;
    const type = this.oneOf(t, 'type', at, rule.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'], true);
    this.string(t, 'text', at, { required: true, max: rule.max });
    this.onlyKeys(t, at, type === 'mrkdwn' ? ['type', 'text', 'verbatim'] : ['type', 'text', 'emoji']);
    if (type === 'plain_text') this.boolean(t, 'emoji', at);
    if (type === 'mrkdwn') this.boolean(t, 'verbatim', at);
    return t;
  }
}
