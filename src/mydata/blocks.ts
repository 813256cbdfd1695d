import type { KnownBlock } from '@slack/types';
import { actions, button, context, escapeMrkdwn, header, listSections, section } from '../slack/blocks';
import { MyDataActions } from './ids';
import type { PersonalPart } from '../privacy/personalData';

export function meBlocks(parts: PersonalPart[]): KnownBlock[] {
  if (parts.length === 0) return [section('The app keeps nothing about you beyond your Slack id while you use it.')];
  const blocks: KnownBlock[] = [header('What Peer Circles keeps about you')];
  for (const p of parts)
    blocks.push(
      ...listSections(
        `*${escapeMrkdwn(p.title)}*`,
        // Lines quote what the person typed (agenda items, notes, goals): shown as typed, never as markup.
        p.lines.map((l) => `• ${p.markup ? l : escapeMrkdwn(l)}`),
        // Nothing is left out: past a message's blocks, the whole goes in a file.
        Number.MAX_SAFE_INTEGER,
      ).blocks,
    );
  blocks.push(
    context('`/circle forget-me` erases your answers and personal details; anonymous counts stay so reports still add up.'),
  );
  return blocks;
}

/** Slack shows at most this many blocks in a message: more goes in a file. */
export const MESSAGE_BLOCKS_MAX = 50;

/** The first page of a long answer, with where the rest is. */
export function firstPageBlocks(blocks: KnownBlock[]): KnownBlock[] {
  return [
    ...blocks.slice(0, MESSAGE_BLOCKS_MAX - 1),
    context(`That is the first part of ${blocks.length} blocks: all of it is in the file *${MY_DATA_FILE}* I sent you by DM.`),
  ];
}

export const MY_DATA_FILE = 'my-data.txt';

/** Everything in plain text, for the file: as typed, nothing cut. */
export function meText(parts: PersonalPart[]): string {
  const lines = ['What Peer Circles keeps about you', ''];
  for (const p of parts) lines.push(p.title, ...p.lines.map((l) => `- ${l}`), '');
  return lines.join('\n');
}

export function forgetConfirmBlocks(): KnownBlock[] {
  return [
    section(
      '*Erase what Peer Circles keeps about you?* Your check-ins, commitments, notes, survey answers and evaluations, your name, time zone and calendar link are erased. Counts stay without your name (for example, that someone attended a session), so circle reports still add up. This cannot be undone.',
    ),
    actions([
      button('Erase my data', MyDataActions.forgetConfirm, 'forget', 'danger'),
      button('Keep it', MyDataActions.forgetCancel, 'keep'),
    ]),
  ];
}

export const forgottenText =
  ':wastebasket: Done: your answers and personal details are erased. Anonymous counts remain. If you use the app again, it starts afresh.';
export const keptText = 'Nothing was erased.';
