import type { ActionsBlock, Block, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';

export type SlackBlock = KnownBlock | Block;

/** Small Block Kit helpers that keep builders readable and within Slack's limits. */

export const SECTION_TEXT_MAX = 3000;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function section(text: string, accessory?: Button): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) },
    ...(accessory ? { accessory } : {}),
  };
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) }] };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, 75), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export function actions(elements: Button[], blockId?: string): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, 25), ...(blockId ? { block_id: blockId } : {}) };
}

export const divider = (): KnownBlock => ({ type: 'divider' });

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: true } };
}

/** A time each reader sees in their own zone, with a fallback for clients that can't render it. */
export function slackDate(at: Date, format = '{date_short_pretty} at {time}'): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^${format}|${at.toISOString().replace('T', ' ').slice(0, 16)} UTC>`;
}

/** Slack's escaping for text we did not write (names, focus, agenda items): see core/text. */
export { echo, escapeMrkdwn, link } from '../core/text';

/**
 * A titled list as one or more sections, split between lines so no section passes Slack's 3,000
 * characters (a single line longer than that is cut, with an ellipsis). At most `maxBlocks`
 * sections; `omitted` says how many lines did not fit, so the caller can say so instead of
 * dropping them silently.
 */
export function listSections(title: string, lines: string[], maxBlocks: number): { blocks: SectionBlock[]; omitted: number } {
  const blocks: SectionBlock[] = [];
  let text = title;
  let placed = 0;
  for (const raw of lines) {
    const line = truncate(raw, SECTION_TEXT_MAX - 1);
    if (text.length + 1 + line.length > SECTION_TEXT_MAX) {
      // The section under way becomes the last one allowed: the rest are counted, not shown.
      if (blocks.length + 1 >= Math.max(1, maxBlocks)) break;
      blocks.push(section(text));
      text = line;
    } else {
      text = text ? `${text}\n${line}` : line;
    }
    placed++;
  }
  blocks.push(section(text));
  return { blocks, omitted: lines.length - placed };
}
