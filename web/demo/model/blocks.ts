import { type Line, parseMrkdwn, plainLines, type RichContext } from './mrkdwn';
import { safeUrl } from './safeUrl';

/**
 * Block Kit, read into a view model the page renders directly: texts already parsed for the
 * reader (their zone, names), elements reduced to what a person sees and can do. Pure, so what
 * the page shows is unit-tested without a browser.
 */
type Json = Record<string, unknown>;

export interface OptionVM {
  value: string;
  text: Line[];
  /** Plain words of the option, for native <select>s. */
  label: string;
  description?: Line[];
}

export interface ConfirmVM {
  title: string;
  text: Line[];
  confirm: string;
  deny: string;
}

export type ElementVM =
  | {
      type: 'button';
      actionId: string;
      text: string;
      style?: 'primary' | 'danger';
      value?: string;
      url?: string;
      confirm?: ConfirmVM;
    }
  | { type: 'static_select'; actionId: string; placeholder: string; options: OptionVM[]; initial?: string }
  | { type: 'multi_static_select'; actionId: string; placeholder: string; options: OptionVM[]; initial: string[]; max?: number }
  | { type: 'overflow'; actionId: string; options: OptionVM[] }
  | { type: 'radio_buttons'; actionId: string; options: OptionVM[]; initial?: string }
  | { type: 'checkboxes'; actionId: string; options: OptionVM[]; initial: string[] }
  | {
      type: 'plain_text_input';
      actionId: string;
      placeholder: string;
      multiline: boolean;
      initial?: string;
      maxLength?: number;
      minLength?: number;
    }
  | {
      type: 'number_input';
      actionId: string;
      placeholder: string;
      decimal: boolean;
      initial?: string;
      min?: string;
      max?: string;
    }
  | { type: 'email_text_input' | 'url_text_input'; actionId: string; placeholder: string; initial?: string }
  | { type: 'users_select' | 'conversations_select' | 'channels_select'; actionId: string; placeholder: string; initial?: string }
  | {
      type: 'multi_users_select' | 'multi_conversations_select' | 'multi_channels_select';
      actionId: string;
      placeholder: string;
      initial: string[];
      max?: number;
    }
  | { type: 'datepicker'; actionId: string; placeholder: string; initial?: string }
  | { type: 'timepicker'; actionId: string; placeholder: string; initial?: string }
  | { type: 'image'; url: string; alt: string }
  | { type: 'unsupported'; name: string };

export type ContextItemVM = { kind: 'text'; lines: Line[] } | { kind: 'image'; url: string; alt: string };

export type BlockVM =
  | { type: 'section'; blockId: string; text?: Line[]; fields: Line[][]; accessory?: ElementVM }
  | { type: 'header'; text: string }
  | { type: 'divider' }
  | { type: 'context'; items: ContextItemVM[] }
  | { type: 'actions'; blockId: string; elements: ElementVM[] }
  | { type: 'image'; url: string; alt: string; title?: string }
  | {
      type: 'input';
      blockId: string;
      label: string;
      hint?: string;
      optional: boolean;
      dispatchAction: boolean;
      element: ElementVM;
    }
  | { type: 'unsupported'; name: string };

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A text object (plain_text or mrkdwn) as lines for this reader. */
export function textLines(obj: unknown, ctx: RichContext): Line[] {
  if (!isJson(obj)) return [];
  const text = str(obj.text) ?? '';
  return obj.type === 'mrkdwn' ? parseMrkdwn(text, ctx) : plainLines(text, obj.emoji !== false);
}

/** The words of a plain_text object (labels, placeholders, button texts). */
export function plainOf(obj: unknown): string {
  return isJson(obj) ? (str(obj.text) ?? '') : '';
}

function option(obj: unknown, ctx: RichContext): OptionVM | undefined {
  if (!isJson(obj)) return undefined;
  const value = str(obj.value);
  if (value === undefined) return undefined;
  return {
    value,
    text: textLines(obj.text, ctx),
    label: plainOf(obj.text),
    ...(isJson(obj.description) ? { description: textLines(obj.description, ctx) } : {}),
  };
}

function options(element: Json, ctx: RichContext): OptionVM[] {
  const grouped = list(element.option_groups).flatMap((g) => (isJson(g) ? list(g.options) : []));
  return [...list(element.options), ...grouped].map((o) => option(o, ctx)).filter((o): o is OptionVM => o !== undefined);
}

const valueOf = (o: unknown): string | undefined => (isJson(o) ? str(o.value) : undefined);
const stringList = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');
const maxOf = (element: Json): { max?: number } =>
  typeof element.max_selected_items === 'number' ? { max: element.max_selected_items } : {};

export function elementVM(raw: unknown, ctx: RichContext): ElementVM {
  if (!isJson(raw)) return { type: 'unsupported', name: 'element' };
  const type = str(raw.type) ?? 'element';
  const actionId = str(raw.action_id) ?? '';
  const placeholder = plainOf(raw.placeholder);
  const initial = (v: unknown) => (typeof v === 'string' && v !== '' ? { initial: v } : {});
  switch (type) {
    case 'button': {
      // A link button opens its URL in a new tab: only a scheme a link may have.
      const url = typeof raw.url === 'string' ? safeUrl(raw.url) : undefined;
      const style: { style?: 'primary' | 'danger' } =
        raw.style === 'primary' || raw.style === 'danger' ? { style: raw.style } : {};
      const confirm = isJson(raw.confirm)
        ? {
            confirm: {
              title: plainOf(raw.confirm.title) || 'Are you sure?',
              text: textLines(raw.confirm.text, ctx),
              confirm: plainOf(raw.confirm.confirm) || 'Yes',
              deny: plainOf(raw.confirm.deny) || 'Cancel',
            },
          }
        : {};
      return {
        type,
        actionId,
        text: plainOf(raw.text),
        ...style,
        ...(str(raw.value) !== undefined ? { value: str(raw.value) } : {}),
        ...(url ? { url } : {}),
        ...confirm,
      };
    }
    case 'static_select':
    case 'external_select':
      return {
        type: 'static_select',
        actionId,
        placeholder,
        options: options(raw, ctx),
        ...initial(valueOf(raw.initial_option)),
      };
    case 'multi_static_select':
      return {
        type,
        actionId,
        placeholder,
        options: options(raw, ctx),
        initial: list(raw.initial_options)
          .map(valueOf)
          .filter((v): v is string => v !== undefined),
        ...maxOf(raw),
      };
    case 'overflow':
      return { type, actionId, options: options(raw, ctx) };
    case 'radio_buttons':
      return { type, actionId, options: options(raw, ctx), ...initial(valueOf(raw.initial_option)) };
    case 'checkboxes':
      return {
        type,
        actionId,
        options: options(raw, ctx),
        initial: list(raw.initial_options)
          .map(valueOf)
          .filter((v): v is string => v !== undefined),
      };
    case 'plain_text_input':
      return {
        type,
        actionId,
        placeholder,
        multiline: raw.multiline === true,
        ...initial(raw.initial_value),
        ...(typeof raw.max_length === 'number' ? { maxLength: raw.max_length } : {}),
        ...(typeof raw.min_length === 'number' ? { minLength: raw.min_length } : {}),
      };
    case 'number_input':
      return {
        type,
        actionId,
        placeholder,
        decimal: raw.is_decimal_allowed === true,
        ...initial(raw.initial_value),
        ...(str(raw.min_value) ? { min: str(raw.min_value) } : {}),
        ...(str(raw.max_value) ? { max: str(raw.max_value) } : {}),
      };
    case 'email_text_input':
    case 'url_text_input':
      return { type, actionId, placeholder, ...initial(raw.initial_value) };
    case 'users_select':
      return { type, actionId, placeholder, ...initial(raw.initial_user) };
    case 'conversations_select':
      return { type, actionId, placeholder, ...initial(raw.initial_conversation) };
    case 'channels_select':
      return { type, actionId, placeholder, ...initial(raw.initial_channel) };
    case 'multi_users_select':
      return { type, actionId, placeholder, initial: stringList(raw.initial_users), ...maxOf(raw) };
    case 'multi_conversations_select':
      return { type, actionId, placeholder, initial: stringList(raw.initial_conversations), ...maxOf(raw) };
    case 'multi_channels_select':
      return { type, actionId, placeholder, initial: stringList(raw.initial_channels), ...maxOf(raw) };
    case 'datepicker':
      return { type, actionId, placeholder, ...initial(raw.initial_date) };
    case 'timepicker':
      return { type, actionId, placeholder, ...initial(raw.initial_time) };
    case 'image':
      return { type, url: str(raw.image_url) ?? '', alt: str(raw.alt_text) ?? '' };
    default:
      return { type: 'unsupported', name: type };
  }
}

export function blockVM(raw: unknown, ctx: RichContext): BlockVM {
  if (!isJson(raw)) return { type: 'unsupported', name: 'block' };
  const blockId = str(raw.block_id) ?? '';
  switch (raw.type) {
    case 'section':
      return {
        type: 'section',
        blockId,
        ...(isJson(raw.text) ? { text: textLines(raw.text, ctx) } : {}),
        fields: list(raw.fields).map((f) => textLines(f, ctx)),
        ...(isJson(raw.accessory) ? { accessory: elementVM(raw.accessory, ctx) } : {}),
      };
    case 'header':
      return { type: 'header', text: emojiPlain(raw.text) };
    case 'divider':
      return { type: 'divider' };
    case 'context':
      return {
        type: 'context',
        items: list(raw.elements).map((e): ContextItemVM => {
          if (isJson(e) && e.type === 'image') return { kind: 'image', url: str(e.image_url) ?? '', alt: str(e.alt_text) ?? '' };
          return { kind: 'text', lines: textLines(e, ctx) };
        }),
      };
    case 'actions':
      return { type: 'actions', blockId, elements: list(raw.elements).map((e) => elementVM(e, ctx)) };
    case 'image':
      return {
        type: 'image',
        url: str(raw.image_url) ?? '',
        alt: str(raw.alt_text) ?? '',
        ...(isJson(raw.title) ? { title: plainOf(raw.title) } : {}),
      };
    case 'input':
      return {
        type: 'input',
        blockId,
        label: plainOf(raw.label),
        ...(isJson(raw.hint) ? { hint: plainOf(raw.hint) } : {}),
        optional: raw.optional === true,
        dispatchAction: raw.dispatch_action === true,
        element: elementVM(raw.element, ctx),
      };
    default:
      return { type: 'unsupported', name: str(raw.type) ?? 'block' };
  }
}

function emojiPlain(obj: unknown): string {
  const [line] = plainLines(plainOf(obj));
  return line && line.kind !== 'pre' ? line.inlines.map((i) => ('text' in i ? i.text : '')).join('') : '';
}

export function blocksVM(blocks: unknown, ctx: RichContext): BlockVM[] {
  return list(blocks).map((b) => blockVM(b, ctx));
}

/** A message's blocks, or its text as one mrkdwn section when it has none (as Slack shows it). */
export function messageVM(message: { text: string; blocks: unknown[] }, ctx: RichContext): BlockVM[] {
  if (message.blocks.length > 0) return blocksVM(message.blocks, ctx);
  return [{ type: 'section', blockId: '', text: parseMrkdwn(message.text, ctx), fields: [] }];
}

/** What a modal input holds, shaped as the emulator's driver takes it for `submitView`. */
export type FormValue = string | string[] | null;
export type FormValues = Record<string, FormValue>;

/** The values a modal's inputs start with. */
export function initialFormValues(blocks: BlockVM[]): FormValues {
  const values: FormValues = {};
  for (const block of blocks) {
    if (block.type !== 'input') continue;
    const el = block.element;
    if ('initial' in el) values[block.blockId] = Array.isArray(el.initial) ? [...el.initial] : (el.initial ?? null);
    else values[block.blockId] = null;
  }
  return values;
}

/**
 * Keeps what the person already typed when the app updates the view (Slack keeps an input's
 * state while its block_id stays), and takes the new view's initial values for new inputs.
 */
export function carryFormValues(previous: FormValues, blocks: BlockVM[]): FormValues {
  const fresh = initialFormValues(blocks);
  for (const id of Object.keys(fresh)) if (Object.hasOwn(previous, id)) fresh[id] = previous[id] ?? null;
  return fresh;
}

/** Required inputs left empty: Slack's client refuses to submit and says so under each. */
export function missingRequired(blocks: BlockVM[], values: FormValues): string[] {
  return blocks
    .filter((b): b is Extract<BlockVM, { type: 'input' }> => b.type === 'input' && !b.optional)
    .filter((b) => {
      const v = values[b.blockId];
      return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    })
    .map((b) => b.blockId);
}
