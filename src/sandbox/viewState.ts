import { isObject, type JsonObject } from './types';

export interface InputSlot {
  blockId: string;
  actionId: string;
  element: JsonObject;
  optional: boolean;
  label: string;
}

/** Input blocks of a stored view (stored views always carry block_id/action_id, generated if the app omitted them). */
export function inputSlots(view: JsonObject): InputSlot[] {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  return blocks.flatMap((b): InputSlot[] => {
    if (!isObject(b) || b.type !== 'input' || !isObject(b.element)) return [];
    const label = isObject(b.label) && typeof b.label.text === 'string' ? b.label.text : '';
    return [
      {
        blockId: String(b.block_id),
        actionId: String(b.element.action_id),
        element: b.element,
        optional: b.optional === true,
        label,
      },
    ];
  });
}

export type StateValues = Record<string, Record<string, JsonObject>>;

export interface StateOptions {
  /** Real users can't submit a modal with an empty required input; set this to send one anyway. */
  allowMissingRequired?: boolean;
}

/**
 * Turns `{ block_id: simpleValue }` into Slack's `view.state.values`, refusing what the Slack client
 * itself would refuse (unknown block ids, options that don't exist, empty required inputs, length limits).
 */
export function buildStateValues(view: JsonObject, given: Record<string, unknown>, options: StateOptions = {}): StateValues {
  const slots = inputSlots(view);
  for (const blockId of Object.keys(given)) {
    if (!slots.some((s) => s.blockId === blockId)) {
      throw new Error(
        `block_id "${blockId}" is not an input block of view ${String(view.id)}; input block_ids: ${slots.map((s) => s.blockId).join(', ') || '(none)'}`,
      );
    }
  }
  const values: StateValues = {};
  for (const slot of slots) {
    const hasValue = Object.hasOwn(given, slot.blockId);
    const state = hasValue ? stateFor(slot, given[slot.blockId]) : initialStateFor(slot.element);
    if (!slot.optional && isEmpty(state) && !options.allowMissingRequired) {
      throw new Error(
        `input "${slot.blockId}" (${slot.label}) is required; Slack's client would not let the user submit without it`,
      );
    }
    values[slot.blockId] = { [slot.actionId]: state };
  }
  return values;
}

function isEmpty(state: JsonObject): boolean {
  return Object.entries(state).every(
    ([key, v]) => key === 'type' || v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/** Options of a select/radio/checkbox element, flattening option_groups. */
export function optionsOf(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isObject);
}

function findOption(slot: InputSlot, value: unknown): JsonObject {
  if (slot.element.type === 'external_select' || slot.element.type === 'multi_external_select') {
    return { text: { type: 'plain_text', text: String(value) }, value: String(value) };
  }
  const options = optionsOf(slot.element);
  const match = options.find((o) => o.value === value);
  if (!match) {
    throw new Error(
      `"${String(value)}" is not an option of input "${slot.blockId}"; values: ${options.map((o) => String(o.value)).join(', ')}`,
    );
  }
  return match;
}

function asList(slot: InputSlot, value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`input "${slot.blockId}" (${String(slot.element.type)}) takes an array of values`);
  return value;
}

function stateFor(slot: InputSlot, value: unknown): JsonObject {
  const type = String(slot.element.type);
  const base = { type };
  const single = value === null || value === undefined || value === '' ? null : value;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { ...base, value: checkTextValue(slot, single) };
    case 'static_select':
    case 'radio_buttons':
    case 'external_select':
      return { ...base, selected_option: single === null ? null : findOption(slot, single) };
    case 'multi_static_select':
    case 'checkboxes':
    case 'multi_external_select':
      return { ...base, selected_options: asList(slot, value).map((v) => findOption(slot, v)) };
    case 'users_select':
      return { ...base, selected_user: single };
    case 'multi_users_select':
      return { ...base, selected_users: asList(slot, value) };
    case 'conversations_select':
      return { ...base, selected_conversation: single };
    case 'multi_conversations_select':
      return { ...base, selected_conversations: asList(slot, value) };
    case 'channels_select':
      return { ...base, selected_channel: single };
    case 'multi_channels_select':
      return { ...base, selected_channels: asList(slot, value) };
    case 'datepicker':
      if (single !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(single)))
        throw new Error(`input "${slot.blockId}" wants YYYY-MM-DD`);
      return { ...base, selected_date: single };
    case 'timepicker':
      if (single !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(single)))
        throw new Error(`input "${slot.blockId}" wants HH:mm`);
      return { ...base, selected_time: single };
    case 'datetimepicker':
      return { ...base, selected_date_time: single === null ? null : Number(single) };
    case 'rich_text_input':
      return { ...base, rich_text_value: single === null ? null : richText(String(single)) };
    case 'file_input':
      return { ...base, files: asList(slot, value) };
    default:
      throw new Error(`submitView does not know how to fill a ${type} element (input "${slot.blockId}")`);
  }
}

/** The client enforces these before sending, so a submission that breaks them can't happen in Slack. */
function checkTextValue(slot: InputSlot, value: unknown): string | null {
  if (value === null) return null;
  const text = String(value);
  const { element } = slot;
  const fail = (why: string): never => {
    throw new Error(`input "${slot.blockId}": ${why}; Slack's client would refuse this value`);
  };
  if (typeof element.max_length === 'number' && text.length > element.max_length)
    fail(`longer than max_length ${element.max_length}`);
  if (typeof element.min_length === 'number' && text.length < element.min_length)
    fail(`shorter than min_length ${element.min_length}`);
  if (element.type === 'number_input') {
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n)) fail('not a number');
    if (!element.is_decimal_allowed && !Number.isInteger(n)) fail('decimals are not allowed');
    if (typeof element.min_value === 'string' && n < Number(element.min_value)) fail(`below min_value ${element.min_value}`);
    if (typeof element.max_value === 'string' && n > Number(element.max_value)) fail(`above max_value ${element.max_value}`);
  }
  if (element.type === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) fail('not an email address');
  if (element.type === 'url_text_input' && !/^https?:\/\/\S+$/.test(text)) fail('not a URL');
  return text;
}

function richText(text: string): JsonObject {
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] };
}

function initialStateFor(element: JsonObject): JsonObject {
  const type = String(element.type);
  const base = { type };
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return {
        ...base,
        value: typeof element.initial_value === 'string' && element.initial_value !== '' ? element.initial_value : null,
      };
    case 'static_select':
    case 'radio_buttons':
    case 'external_select':
      return { ...base, selected_option: element.initial_option ?? null };
    case 'multi_static_select':
    case 'checkboxes':
    case 'multi_external_select':
      return { ...base, selected_options: element.initial_options ?? [] };
    case 'users_select':
      return { ...base, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { ...base, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { ...base, selected_conversation: element.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { ...base, selected_conversations: element.initial_conversations ?? [] };
    case 'channels_select':
      return { ...base, selected_channel: element.initial_channel ?? null };
    case 'multi_channels_select':
      return { ...base, selected_channels: element.initial_channels ?? [] };
    case 'datepicker':
      return { ...base, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { ...base, selected_time: element.initial_time ?? null };
    case 'datetimepicker':
      return { ...base, selected_date_time: element.initial_date_time ?? null };
    case 'rich_text_input':
      return { ...base, rich_text_value: element.initial_value ?? null };
    default:
      return { ...base, files: [] };
  }
}
