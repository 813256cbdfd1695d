import type { KnownBlock } from '@slack/types';
import { button, escapeMrkdwn, section } from './blocks';

export interface Choice {
  label: string;
  value: string;
}

/** Slack allows 50 blocks a message: a question and one line per choice, the rest left out. */
const MAX_CHOICES = 40;

/**
 * Asks which one was meant when a command could mean several (circles, sessions): a question and
 * a Choose button per option, each in its own block so action ids stay unique and fixed.
 */
export function choiceBlocks(question: string, choices: Choice[], actionId: string): KnownBlock[] {
  return [
    section(question),
    ...choices.slice(0, MAX_CHOICES).map((c) => section(`*${escapeMrkdwn(c.label)}*`, button('Choose', actionId, c.value))),
  ];
}
