import type { KnownBlock, ModalView, View } from '@slack/types';
import {
  actions,
  button,
  context,
  divider,
  escapeMrkdwn,
  header,
  listSections,
  section,
  slackDate,
  truncate,
} from '../../slack/blocks';
import type { EditPreview, Edit } from '../formation/types';
import { FormActions, FormFields, FormViews } from './ids';
import { CIRCLES_PER_PAGE, clampPage, type DraftRef, type Preview, type PreviewCircle, pageCount } from './model';
import type { ProgramTime } from './ports';
import { BREAK_WORDS, listWords, reasonWords, timeLabel, UNPLACED_WORDS } from './words';

/** The organizer's preview, its pages and the edit modals: pure Block Kit, read by what a person sees. */

const mention = (id: string) => `<@${id}>`;
const name = (p: Preview['program']) => `*${escapeMrkdwn(p.name)}*`;

const score = (n: number) => (Math.round(n * 10) / 10).toString();

export function circleTitle(c: Pick<PreviewCircle, 'index'>): string {
  return `Circle ${c.index + 1}`;
}

/** One circle in words: members, its time (anchor zone and each reader's own), score and why. */
export function circleText(c: PreviewCircle, fields: Preview['fields']): string {
  const label = timeLabel(c.time);
  const when = c.first ? ` (first meeting ${slackDate(c.first, '{date_short_pretty} at {time}')} your time)` : '';
  const lock = c.locked ? ' :lock:' : '';
  const who = c.members.map((id) => (id === c.facilitator ? `${mention(id)} (facilitates)` : mention(id))).join(', ');
  const reasons = reasonWords(c.facts, c.wishes, fields, label).join('; ');
  return `*${circleTitle(c)}*${lock} · ${label}${when} · score ${score(c.score)}\n${who}\n_${reasons}_`;
}

export function previewText(p: Preview): string {
  return `Forming ${name(p.program)}: ${p.circles.length} circles, nothing announced until you confirm.`;
}

function summary(p: Preview, page: number): string {
  const placed = p.circles.reduce((n, c) => n + c.members.length, 0);
  const pages = pageCount(p.circles.length);
  const of = pages > 1 ? ` Page ${page + 1} of ${pages}.` : '';
  // Said out of how many were asked, so an organizer who wants more of them met knows to weigh wishes more.
  const met = p.circles.reduce((n, c) => n + c.wishes.length, 0);
  const wishes = p.wishPairs > 0 ? `, ${met} of ${p.wishPairs} ${p.wishPairs === 1 ? 'wish' : 'wishes'} to be together met` : '';
  return (
    `${p.circles.length} circle${p.circles.length === 1 ? '' : 's'}, ${placed} of ${p.people} people placed${wishes}, total score ${score(p.score)}.${of}\n` +
    'Nobody is told anything until you press *Confirm*.'
  );
}

/** Everyone not in a circle, each with the reason: never silent, and never naming a private rule. */
export function unplacedLines(p: Pick<Preview, 'unplaced' | 'unfinished'>): string[] {
  return [
    ...p.unplaced.map((u) => `${mention(u.id)}: ${UNPLACED_WORDS[u.reason]}`),
    ...p.unfinished.map((id) => `${mention(id)}: ${UNPLACED_WORDS.unfinished}`),
  ];
}

/**
 * One page of the preview: at most CIRCLES_PER_PAGE circles, so 40 circles read as four messages
 * of under 50 blocks each rather than one that Slack would cut.
 */
export function previewBlocks(p: Preview, requestedPage = 0, note?: string): KnownBlock[] {
  const page = clampPage(requestedPage, p.circles.length);
  const ref: DraftRef = { programId: p.program.id, version: p.version };
  const blocks: KnownBlock[] = [header(truncate(`Forming ${p.program.name}`, 150)), section(summary(p, page))];
  if (note) blocks.push(context(note));
  const shown = p.circles.slice(page * CIRCLES_PER_PAGE, (page + 1) * CIRCLES_PER_PAGE);
  for (const c of shown) {
    const value = JSON.stringify({ ...ref, circle: c.index });
    blocks.push(section(circleText(c, p.fields), button(c.locked ? 'Unlock' : 'Lock', FormActions.lock, value)));
  }
  if (p.circles.length === 0) blocks.push(section('No circle could be formed from the intakes as they are.'));
  const lines = unplacedLines(p);
  if (lines.length) {
    blocks.push(divider());
    const { blocks: list, omitted } = listSections(`*Not placed (${lines.length})*`, lines, 4);
    blocks.push(...list);
    if (omitted) blocks.push(context(`And ${omitted} more: the CSV lists everyone, with the reason.`));
  }
  const pages = pageCount(p.circles.length);
  if (pages > 1) {
    const nav = [];
    if (page > 0) nav.push(button('◀ Previous', FormActions.page, JSON.stringify({ ...ref, page: page - 1 })));
    if (page < pages - 1) nav.push(button('Next ▶', FormActions.page, JSON.stringify({ ...ref, page: page + 1 })));
    blocks.push(actions(nav));
  }
  const value = JSON.stringify(ref);
  blocks.push(
    actions([
      button('Move or swap', FormActions.edit, value),
      button('Shuffle', FormActions.shuffle, value),
      button('Download CSV', FormActions.csv, value),
      { ...button('Confirm', FormActions.confirm, value, 'primary'), confirm: confirmDialog(p) },
    ]),
  );
  return blocks;
}

function confirmDialog(p: Preview) {
  const placed = p.circles.reduce((n, c) => n + c.members.length, 0);
  return {
    title: { type: 'plain_text' as const, text: 'Create these circles?' },
    text: {
      type: 'mrkdwn' as const,
      text: `This creates ${p.circles.length} circles with their channels and tells all ${placed} members, and everyone not placed why.`,
    },
    confirm: { type: 'plain_text' as const, text: 'Create them' },
    deny: { type: 'plain_text' as const, text: 'Not yet' },
  };
}

// ---------------------------------------------------------------------------------------------
// Moving and swapping

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

export function editModal(p: Preview, ref: DraftRef): ModalView {
  const options = p.circles.slice(0, 100).map((c) => ({
    text: plain(`${circleTitle(c)} · ${timeLabel(c.time)} · ${c.members.length} people`),
    value: String(c.index),
  }));
  const blocks: View['blocks'] = [
    section('Move one person to another circle, or swap two people. You will see what changes before it applies.'),
    {
      type: 'input',
      block_id: FormFields.person,
      label: plain('Who'),
      element: { type: 'users_select', action_id: FormFields.person },
    },
  ];
  if (options.length) {
    blocks.push({
      type: 'input',
      block_id: FormFields.toCircle,
      optional: true,
      label: plain('Move them to'),
      element: { type: 'static_select', action_id: FormFields.toCircle, options },
    });
  }
  blocks.push({
    type: 'input',
    block_id: FormFields.swapWith,
    optional: true,
    label: plain('Or swap them with'),
    element: { type: 'users_select', action_id: FormFields.swapWith },
  });
  return {
    type: 'modal',
    callback_id: FormViews.edit,
    private_metadata: JSON.stringify(ref),
    title: plain('Move or swap'),
    submit: plain('See what changes'),
    close: plain('Cancel'),
    blocks,
  };
}

export function editWords(edit: Edit): string {
  return edit.kind === 'move'
    ? `Move ${mention(edit.person)} to Circle ${edit.toCircle + 1}`
    : `Swap ${mention(edit.a)} and ${mention(edit.b)}`;
}

/** What an edit changes, before it applies: each circle's score and time, and any hard rule it would break. */
export function changeLines(change: EditPreview, times: Map<string, ProgramTime>): string[] {
  const label = (id: string) => {
    const t = times.get(id);
    return t ? timeLabel(t) : 'its time';
  };
  const lines = change.circles.map((c) => {
    const keeps =
      c.timeAfter === null
        ? 'would have *no* time all its members can make'
        : c.timeAfter === c.timeBefore
          ? `keeps ${label(c.timeBefore)}`
          : `moves from ${label(c.timeBefore)} to ${label(c.timeAfter)}`;
    return `• Circle ${c.index + 1}: score ${score(c.before)} → ${score(c.after)}; ${keeps}`;
  });
  lines.push(`• All circles: score ${score(change.scoreBefore)} → ${score(change.scoreAfter)}`);
  return lines;
}

export function applyModal(edit: Edit, change: EditPreview, times: Map<string, ProgramTime>, metadata: string): ModalView {
  const breaks = [...new Set(change.breaks.map((b) => BREAK_WORDS[b]))];
  const blocks: View['blocks'] = [section(`*${editWords(edit)}*`), section(changeLines(change, times).join('\n'))];
  if (breaks.length) {
    blocks.push(section(`:no_entry: This cannot apply: ${listWords(breaks)}. Close this and try another.`));
  } else {
    blocks.push(context('Nothing is announced: the preview changes, and you can still Shuffle or Confirm.'));
  }
  return {
    type: 'modal',
    callback_id: FormViews.apply,
    private_metadata: metadata,
    title: plain('What changes'),
    ...(breaks.length ? {} : { submit: plain('Apply') }),
    close: plain(breaks.length ? 'Close' : 'Cancel'),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// After Confirm

export function confirmedText(
  programName: string,
  circles: Array<{ channelId: string | null; name: string }>,
  left: number,
): string {
  const list = circles.map((c) => (c.channelId ? `<#${c.channelId}>` : `*${escapeMrkdwn(c.name)}*`));
  const unplaced = left ? ` The ${left} people not placed are told why and what happens next.` : '';
  return `:white_check_mark: *${escapeMrkdwn(programName)}* is formed: ${circles.length} circles (${listWords(list)}). Their members are being invited and welcomed.${unplaced}`;
}
