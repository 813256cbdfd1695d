import { isObject, type JsonObject } from './types';
import { optionsOf } from './viewState';

export interface FoundElement {
  blockId: string;
  element: JsonObject;
}

/** Every interactive element in a surface, wherever Slack lets one sit. */
function interactiveElements(blocks: unknown[]): FoundElement[] {
  return blocks.flatMap((b): FoundElement[] => {
    if (!isObject(b)) return [];
    const blockId = String(b.block_id ?? '');
    const candidates = [...(b.type === 'actions' && Array.isArray(b.elements) ? b.elements : []), b.accessory, b.element];
    return candidates
      .filter(isObject)
      .filter((e) => typeof e.action_id === 'string')
      .map((element) => ({ blockId, element }));
  });
}

export function findElement(blocks: unknown[], actionId: string, blockId?: string): FoundElement {
  const all = interactiveElements(blocks);
  const found = all.find((f) => f.element.action_id === actionId && (blockId === undefined || f.blockId === blockId));
  if (found) return found;
  const present = all.map((f) => `${String(f.element.action_id)} (${String(f.element.type)} in block ${f.blockId})`);
  throw new Error(
    `no element with action_id "${actionId}"${blockId ? ` in block "${blockId}"` : ''}; present: ${present.join(', ') || '(no interactive elements)'}`,
  );
}

export interface ActionInput {
  value?: string;
  selectedOption?: string;
}

function pickOption(found: FoundElement, selected: string | undefined): JsonObject {
  const { element } = found;
  if (element.type === 'external_select' || element.type === 'multi_external_select') {
    if (selected === undefined) throw new Error(`${String(element.action_id)} is an external select: pass opts.selectedOption`);
    return { text: { type: 'plain_text', text: selected }, value: selected };
  }
  const options = optionsOf(element);
  const match = options.find((o) => o.value === selected);
  if (!match) {
    throw new Error(
      `${String(element.type)} "${String(element.action_id)}" needs opts.selectedOption set to one of: ${options.map((o) => String(o.value)).join(', ')}`,
    );
  }
  return match;
}

/** The `actions[0]` entry Slack sends for a click/selection on this element. */
export function buildAction(found: FoundElement, input: ActionInput, actionTs: string): JsonObject {
  const { element, blockId } = found;
  const type = String(element.type);
  const base: JsonObject = { type, action_id: element.action_id, block_id: blockId, action_ts: actionTs };
  const chosen = input.selectedOption ?? input.value;
  switch (type) {
    case 'button': {
      const value = input.value ?? element.value;
      return {
        ...base,
        text: element.text,
        ...(value !== undefined ? { value } : {}),
        ...(element.style ? { style: element.style } : {}),
      };
    }
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return {
        ...base,
        selected_option: pickOption(found, chosen),
        ...(element.placeholder ? { placeholder: element.placeholder } : {}),
      };
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { ...base, selected_options: [pickOption(found, chosen)] };
    case 'users_select':
      return { ...base, selected_user: chosen ?? null };
    case 'conversations_select':
      return { ...base, selected_conversation: chosen ?? null };
    case 'channels_select':
      return { ...base, selected_channel: chosen ?? null };
    case 'datepicker':
      return { ...base, selected_date: chosen ?? null };
    case 'timepicker':
      return { ...base, selected_time: chosen ?? null };
    default:
      return { ...base, value: chosen ?? null };
  }
}
