import type { Checker } from './blockKitCheck';
import { isObject, type JsonObject } from './types';

/** Where an element sits decides which element types Slack accepts there. */
export type ElementSlot = 'actions' | 'accessory' | 'input';

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
] as const;

export const SLOT_ELEMENTS: Record<ElementSlot, readonly string[]> = {
  actions: [
    'button',
    'checkboxes',
    'datepicker',
    'datetimepicker',
    'overflow',
    'radio_buttons',
    'timepicker',
    'workflow_button',
    ...SELECTS,
  ],
  accessory: [
    'button',
    'checkboxes',
    'datepicker',
    'image',
    'overflow',
    'radio_buttons',
    'timepicker',
    'workflow_button',
    ...SELECTS,
  ],
  input: [
    'checkboxes',
    'datepicker',
    'datetimepicker',
    'email_text_input',
    'file_input',
    'number_input',
    'plain_text_input',
    'radio_buttons',
    'rich_text_input',
    'timepicker',
    'url_text_input',
    ...SELECTS,
  ],
};

const COMMON = ['type', 'action_id', 'confirm', 'focus_on_load', 'placeholder'];
const TEXT_INPUT = [...COMMON, 'initial_value', 'dispatch_action_config'];

/** Properties Slack accepts per element type; anything else is an `invalid additional property`. */
const ELEMENT_KEYS: Record<string, readonly string[]> = {
  button: ['type', 'action_id', 'text', 'url', 'value', 'style', 'confirm', 'accessibility_label'],
  workflow_button: ['type', 'action_id', 'text', 'workflow', 'style', 'accessibility_label'],
  image: ['type', 'image_url', 'slack_file', 'alt_text'],
  overflow: ['type', 'action_id', 'options', 'confirm'],
  checkboxes: ['type', 'action_id', 'options', 'initial_options', 'confirm', 'focus_on_load'],
  radio_buttons: ['type', 'action_id', 'options', 'initial_option', 'confirm', 'focus_on_load'],
  datepicker: [...COMMON, 'initial_date'],
  timepicker: [...COMMON, 'initial_time', 'timezone'],
  datetimepicker: ['type', 'action_id', 'initial_date_time', 'confirm', 'focus_on_load'],
  plain_text_input: [...TEXT_INPUT, 'multiline', 'min_length', 'max_length'],
  email_text_input: TEXT_INPUT,
  url_text_input: TEXT_INPUT,
  rich_text_input: TEXT_INPUT,
  number_input: [...TEXT_INPUT, 'is_decimal_allowed', 'min_value', 'max_value'],
  file_input: ['type', 'action_id', 'filetypes', 'max_files'],
  static_select: [...COMMON, 'options', 'option_groups', 'initial_option'],
  external_select: [...COMMON, 'initial_option', 'min_query_length'],
  users_select: [...COMMON, 'initial_user'],
  conversations_select: [...COMMON, 'initial_conversation', 'default_to_current_conversation', 'response_url_enabled', 'filter'],
  channels_select: [...COMMON, 'initial_channel', 'response_url_enabled'],
  multi_static_select: [...COMMON, 'options', 'option_groups', 'initial_options', 'max_selected_items'],
  multi_external_select: [...COMMON, 'initial_options', 'min_query_length', 'max_selected_items'],
  multi_users_select: [...COMMON, 'initial_users', 'max_selected_items'],
  multi_conversations_select: [
    ...COMMON,
    'initial_conversations',
    'default_to_current_conversation',
    'filter',
    'max_selected_items',
  ],
  multi_channels_select: [...COMMON, 'initial_channels', 'max_selected_items'],
};

export const LIMITS = {
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  options: 100,
  optionGroups: 100,
  overflowOptions: 5,
  choiceOptions: 10,
  textInputLength: 3000,
  altText: 2000,
} as const;

/** Validates one element; returns its action_id so the caller can check uniqueness within the block. */
export function checkElement(c: Checker, value: unknown, at: string, slot: ElementSlot): string | undefined {
  const el = c.object(value, at);
  if (!el) return undefined;
  const type = el.type;
  if (typeof type !== 'string' || !ELEMENT_KEYS[type]) {
    c.fail(`${at}/type`, `unknown element type: ${String(type)}`);
    return undefined;
  }
  if (!SLOT_ELEMENTS[slot].includes(type)) {
    c.fail(
      `${at}/type`,
      `${type} is not allowed in ${slot === 'input' ? 'an input block' : slot === 'actions' ? 'an actions block' : 'a section accessory'}`,
    );
  }
  c.onlyKeys(el, at, ELEMENT_KEYS[type] ?? []);
  if (type === 'image') {
    checkImageSource(c, el, at);
    c.string(el, 'alt_text', at, { required: true, max: LIMITS.altText });
    return undefined;
  }
  const actionId = c.string(el, 'action_id', at, { max: LIMITS.actionId });
  if (c.present(el, 'placeholder')) c.text(el, 'placeholder', at, { max: LIMITS.placeholder, plainOnly: true });
  if (c.present(el, 'confirm')) checkConfirm(c, el.confirm, `${at}/confirm`);
  c.boolean(el, 'focus_on_load', at);
  checkByType(c, type, el, at);
  return actionId;
}

function checkByType(c: Checker, type: string, el: JsonObject, at: string): void {
  switch (type) {
    case 'button':
    case 'workflow_button':
      c.text(el, 'text', at, { required: true, max: LIMITS.buttonText, plainOnly: true });
      c.string(el, 'value', at, { max: LIMITS.buttonValue });
      c.string(el, 'url', at, { max: LIMITS.url });
      c.string(el, 'accessibility_label', at, { max: 75 });
      c.oneOf(el, 'style', at, ['primary', 'danger']);
      return;
    case 'overflow':
      checkOptionList(c, el, at, { max: LIMITS.overflowOptions, plainOnly: true, allowUrl: true, required: true });
      return;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptionList(c, el, at, { max: LIMITS.choiceOptions, plainOnly: false, allowUrl: false, required: true });
      return;
    case 'static_select':
    case 'multi_static_select':
      checkStaticSelect(c, el, at);
      return;
    case 'plain_text_input':
      checkPlainTextInput(c, el, at);
      return;
    case 'number_input':
      c.boolean(el, 'is_decimal_allowed', at, true);
      c.string(el, 'initial_value', at, { min: 0 });
      c.string(el, 'min_value', at);
      c.string(el, 'max_value', at);
      return;
    case 'email_text_input':
    case 'url_text_input':
      c.string(el, 'initial_value', at, { min: 0 });
      return;
    case 'datepicker':
      if (c.string(el, 'initial_date', at) !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        c.fail(`${at}/initial_date`, 'must be in YYYY-MM-DD format');
      }
      return;
    case 'timepicker':
      if (c.string(el, 'initial_time', at) !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
        c.fail(`${at}/initial_time`, 'must be in HH:mm format');
      }
      return;
    case 'file_input':
      c.integer(el, 'max_files', at, 1, 10);
      return;
    default:
      if (type.startsWith('multi_')) c.integer(el, 'max_selected_items', at, 1, 100);
  }
}

export function checkImageSource(c: Checker, el: JsonObject, at: string): void {
  if (c.present(el, 'slack_file')) {
    c.object(el.slack_file, `${at}/slack_file`);
    return;
  }
  c.string(el, 'image_url', at, { required: true, max: LIMITS.url });
}

function checkConfirm(c: Checker, value: unknown, at: string): void {
  const confirm = c.object(value, at);
  if (!confirm) return;
  c.onlyKeys(confirm, at, ['title', 'text', 'confirm', 'deny', 'style']);
  c.text(confirm, 'title', at, { required: true, max: 100, plainOnly: true });
  c.text(confirm, 'text', at, { required: true, max: 300 });
  c.text(confirm, 'confirm', at, { required: true, max: 30, plainOnly: true });
  c.text(confirm, 'deny', at, { required: true, max: 30, plainOnly: true });
  c.oneOf(confirm, 'style', at, ['primary', 'danger']);
}

interface OptionRule {
  max: number;
  plainOnly: boolean;
  allowUrl: boolean;
  required: boolean;
}

function checkOption(c: Checker, value: unknown, at: string, rule: OptionRule): JsonObject | undefined {
  const option = c.object(value, at);
  if (!option) return undefined;
  c.onlyKeys(option, at, rule.allowUrl ? ['text', 'value', 'description', 'url'] : ['text', 'value', 'description']);
  c.text(option, 'text', at, { required: true, max: LIMITS.optionText, plainOnly: rule.plainOnly });
  c.string(option, 'value', at, { required: true, max: LIMITS.optionValue });
  if (c.present(option, 'description'))
    c.text(option, 'description', at, { max: LIMITS.optionDescription, plainOnly: rule.plainOnly });
  if (rule.allowUrl) c.string(option, 'url', at, { max: LIMITS.url });
  return option;
}

function checkOptionList(c: Checker, el: JsonObject, at: string, rule: OptionRule): JsonObject[] {
  const list = c.array(el, 'options', at, { required: rule.required, max: rule.max });
  const options = (list ?? []).map((o, i) => checkOption(c, o, `${at}/options/${i}`, rule));
  const valid = options.filter((o): o is JsonObject => o !== undefined);
  checkInitialOptions(c, el, at, valid);
  return valid;
}

function checkStaticSelect(c: Checker, el: JsonObject, at: string): void {
  const rule: OptionRule = { max: LIMITS.options, plainOnly: true, allowUrl: false, required: false };
  const hasOptions = c.present(el, 'options');
  const hasGroups = c.present(el, 'option_groups');
  if (hasOptions === hasGroups) {
    c.fail(at, 'must provide exactly one of options or option_groups');
    return;
  }
  if (hasOptions) {
    checkOptionList(c, el, at, rule);
    return;
  }
  const groups = c.array(el, 'option_groups', at, { required: true, max: LIMITS.optionGroups }) ?? [];
  const all: JsonObject[] = [];
  groups.forEach((g, i) => {
    const gAt = `${at}/option_groups/${i}`;
    const group = c.object(g, gAt);
    if (!group) return;
    c.onlyKeys(group, gAt, ['label', 'options']);
    c.text(group, 'label', gAt, { required: true, max: LIMITS.optionText, plainOnly: true });
    const opts = c.array(group, 'options', gAt, { required: true, max: LIMITS.options }) ?? [];
    opts.forEach((o, j) => {
      const option = checkOption(c, o, `${gAt}/options/${j}`, rule);
      if (option) all.push(option);
    });
  });
  checkInitialOptions(c, el, at, all);
}

/** Slack refuses an initial option that is not one of the offered options. */
function checkInitialOptions(c: Checker, el: JsonObject, at: string, options: JsonObject[]): void {
  const matches = (candidate: unknown): boolean => options.some((o) => sameOption(o, candidate));
  if (c.present(el, 'initial_option') && !matches(el.initial_option)) {
    c.fail(`${at}/initial_option`, 'must match one of the provided options');
  }
  if (c.present(el, 'initial_options')) {
    const initial = el.initial_options;
    if (!Array.isArray(initial)) c.fail(`${at}/initial_options`, 'must provide an array');
    else
      initial.forEach((o, i) => {
        if (!matches(o)) c.fail(`${at}/initial_options/${i}`, 'must match one of the provided options');
      });
  }
}

function sameOption(a: JsonObject, b: unknown): boolean {
  if (!isObject(b)) return false;
  const textOf = (o: JsonObject): unknown => (isObject(o.text) ? o.text.text : undefined);
  return a.value === b.value && textOf(a) === textOf(b);
}

function checkPlainTextInput(c: Checker, el: JsonObject, at: string): void {
  c.boolean(el, 'multiline', at);
  const min = c.integer(el, 'min_length', at, 0, LIMITS.textInputLength);
  const max = c.integer(el, 'max_length', at, 1, LIMITS.textInputLength);
  if (min !== undefined && max !== undefined && min > max) c.fail(`${at}/min_length`, 'must be less than or equal to max_length');
  const initial = c.string(el, 'initial_value', at, { min: 0 });
  if (initial !== undefined && max !== undefined && initial.length > max) {
    c.fail(`${at}/initial_value`, `must be less than ${max + 1} characters`);
  }
}
