import { type BlockKitIssue, Checker, describeIssue } from './blockKitCheck';
import { checkElement, checkImageSource, LIMITS as ELEMENT_LIMITS } from './blockKitElements';
import type { JsonObject } from './types';

export { type BlockKitIssue, describeIssue } from './blockKitCheck';

export type Surface = 'message' | 'modal' | 'home';

export const LIMITS = {
  ...ELEMENT_LIMITS,
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  blockId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  markdownText: 12_000,
} as const;

const BLOCK_KEYS: Record<string, readonly string[]> = {
  section: ['text', 'fields', 'accessory', 'expand'],
  divider: [],
  image: ['image_url', 'slack_file', 'alt_text', 'title'],
  context: ['elements'],
  actions: ['elements'],
  input: ['label', 'element', 'dispatch_action', 'hint', 'optional'],
  header: ['text'],
  rich_text: ['elements'],
  file: ['external_id', 'source'],
  video: [
    'alt_text',
    'author_name',
    'description',
    'provider_icon_url',
    'provider_name',
    'title',
    'title_url',
    'thumbnail_url',
    'video_url',
  ],
  markdown: ['text'],
};

/** Blocks Slack only renders in messages. */
const MESSAGE_ONLY = ['file', 'markdown'];

/** Validates a `blocks` array for a surface. Pure: returns every problem found, [] when Slack would accept it. */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): BlockKitIssue[] {
  const c = new Checker();
  checkBlocks(c, blocks, surface, pointer);
  return c.issues;
}

/** Validates a view payload (modal or home tab) as views.open/push/update/publish would. */
export function validateView(view: unknown, expectedType?: 'modal' | 'home', pointer = '/view'): BlockKitIssue[] {
  const c = new Checker();
  const v = c.object(view, pointer);
  if (!v) return c.issues;
  const type = c.oneOf(v, 'type', pointer, expectedType ? [expectedType] : ['modal', 'home'], true);
  const blocks = checkBlocks(c, v.blocks, type === 'home' ? 'home' : 'modal', `${pointer}/blocks`);
  c.string(v, 'private_metadata', pointer, { max: LIMITS.privateMetadata, min: 0 });
  c.string(v, 'callback_id', pointer, { max: LIMITS.callbackId, min: 0 });
  c.string(v, 'external_id', pointer, { max: 255 });
  if (type !== 'modal') return c.issues;
  c.text(v, 'title', pointer, { required: true, max: LIMITS.modalTitle, plainOnly: true });
  c.text(v, 'close', pointer, { max: LIMITS.modalButton, plainOnly: true });
  const submit = c.text(v, 'submit', pointer, { max: LIMITS.modalButton, plainOnly: true });
  const hasInput = blocks.some((b) => b.type === 'input');
  if (hasInput && !submit && !c.issues.some((i) => i.pointer === `${pointer}/submit`)) {
    c.fail(`${pointer}/submit`, 'must provide a submit button when the view has input blocks');
  }
  c.boolean(v, 'clear_on_close', pointer);
  c.boolean(v, 'notify_on_close', pointer);
  return c.issues;
}

export function describeIssues(issues: BlockKitIssue[]): string[] {
  return issues.map(describeIssue);
}

function checkBlocks(c: Checker, blocks: unknown, surface: Surface, pointer: string): JsonObject[] {
  if (blocks === undefined) {
    if (surface !== 'message') c.fail(pointer, 'missing required field: blocks');
    return [];
  }
  if (!Array.isArray(blocks)) {
    c.fail(pointer, 'must provide an array');
    return [];
  }
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > max) c.fail(pointer, `no more than ${max} items allowed`);
  const seenBlockIds = new Set<string>();
  const valid: JsonObject[] = [];
  blocks.forEach((value, i) => {
    const block = checkBlock(c, value, surface, `${pointer}/${i}`);
    if (!block) return;
    valid.push(block);
    if (typeof block.block_id === 'string') {
      if (seenBlockIds.has(block.block_id)) c.fail(`${pointer}/${i}/block_id`, `duplicate block_id: ${block.block_id}`);
      seenBlockIds.add(block.block_id);
    }
  });
  return valid;
}

function checkBlock(c: Checker, value: unknown, surface: Surface, at: string): JsonObject | undefined {
  const block = c.object(value, at);
  if (!block) return undefined;
  const type = block.type;
  const keys = typeof type === 'string' ? BLOCK_KEYS[type] : undefined;
  if (typeof type !== 'string' || !keys) {
    c.fail(`${at}/type`, `unknown block type: ${String(type)}`);
    return undefined;
  }
  if (surface !== 'message' && MESSAGE_ONLY.includes(type)) c.fail(`${at}/type`, `${type} blocks are only allowed in messages`);
  c.onlyKeys(block, at, ['type', 'block_id', ...keys]);
  c.string(block, 'block_id', at, { max: LIMITS.blockId });
  switch (type) {
    case 'section':
      checkSection(c, block, at);
      break;
    case 'header':
      c.text(block, 'text', at, { required: true, max: LIMITS.headerText, plainOnly: true });
      break;
    case 'image':
      checkImageSource(c, block, at);
      c.string(block, 'alt_text', at, { required: true, max: LIMITS.altText });
      c.text(block, 'title', at, { max: 2000, plainOnly: true });
      break;
    case 'context':
      checkContext(c, block, at);
      break;
    case 'actions':
      checkActions(c, block, at);
      break;
    case 'input':
      checkInput(c, block, at);
      break;
    case 'rich_text':
      c.array(block, 'elements', at, { required: true, max: Number.MAX_SAFE_INTEGER, min: 0 });
      break;
    case 'markdown':
      c.string(block, 'text', at, { required: true, max: LIMITS.markdownText });
      break;
    case 'video':
      c.text(block, 'title', at, { required: true, max: 200, plainOnly: true });
      c.string(block, 'alt_text', at, { required: true });
      c.string(block, 'video_url', at, { required: true });
      c.string(block, 'thumbnail_url', at, { required: true });
      break;
    case 'file':
      c.string(block, 'external_id', at, { required: true });
      c.oneOf(block, 'source', at, ['remote'], true);
      break;
  }
  return block;
}

function checkSection(c: Checker, block: JsonObject, at: string): void {
  if (!c.present(block, 'text') && !c.present(block, 'fields')) {
    c.fail(at, 'must provide text or fields');
  }
  if (c.present(block, 'text')) c.text(block, 'text', at, { max: LIMITS.sectionText });
  const fields = c.array(block, 'fields', at, { max: LIMITS.sectionFields });
  fields?.forEach((f, i) => {
    c.textObject(f, `${at}/fields/${i}`, { max: LIMITS.sectionFieldText });
  });
  if (c.present(block, 'accessory')) checkElement(c, block.accessory, `${at}/accessory`, 'accessory');
}

function checkContext(c: Checker, block: JsonObject, at: string): void {
  const elements = c.array(block, 'elements', at, { required: true, max: LIMITS.contextElements }) ?? [];
  elements.forEach((e, i) => {
    const eAt = `${at}/elements/${i}`;
    const el = c.object(e, eAt);
    if (!el) return;
    if (el.type === 'image') {
      c.onlyKeys(el, eAt, ['type', 'image_url', 'slack_file', 'alt_text']);
      checkImageSource(c, el, eAt);
      c.string(el, 'alt_text', eAt, { required: true, max: LIMITS.altText });
    } else {
      c.textObject(el, eAt, { max: LIMITS.sectionText });
    }
  });
}

function checkActions(c: Checker, block: JsonObject, at: string): void {
  const elements = c.array(block, 'elements', at, { required: true, max: LIMITS.actionsElements }) ?? [];
  const seen = new Set<string>();
  elements.forEach((e, i) => {
    const actionId = checkElement(c, e, `${at}/elements/${i}`, 'actions');
    if (actionId === undefined) return;
    if (seen.has(actionId)) c.fail(`${at}/elements/${i}/action_id`, `duplicate action_id: ${actionId}`);
    seen.add(actionId);
  });
}

function checkInput(c: Checker, block: JsonObject, at: string): void {
  c.text(block, 'label', at, { required: true, max: LIMITS.inputLabel, plainOnly: true });
  c.text(block, 'hint', at, { max: LIMITS.inputHint, plainOnly: true });
  c.boolean(block, 'optional', at);
  c.boolean(block, 'dispatch_action', at);
  if (!c.present(block, 'element')) c.fail(`${at}/element`, 'missing required field: element');
  else checkElement(c, block.element, `${at}/element`, 'input');
}
