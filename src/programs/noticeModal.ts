import type { ModalView } from '@slack/types';
import { truncate } from '../slack/blocks';

/** A small modal that only says something: for refusals from the App Home, where there is no channel to reply in. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
  };
}
