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
        2,
      ).blocks,
    );
  blocks.push(
    context('`/circle forget-me` erases your answers and personal details; anonymous counts stay so reports still add up.'),
  );
  return blocks.slice(0, 50);
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
