import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { CircleRow } from '../circles/service';
import { actions, button, context, escapeMrkdwn, section, slackDate, truncate } from '../slack/blocks';
import { CycleActions, CycleViews, EvaluationFields as F } from './ids';
import { ANSWER_MAX, CHOICE_LABELS, type CycleChoice, cycleMetadata } from './model';
import type { CycleRow, EvaluationRow } from './store';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const name = (circle: CircleRow) => `*${escapeMrkdwn(circle.name)}*`;
const day = (at: Date) => slackDate(at, '{date_long_pretty}');
const opt = (value: string, text: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });

// ---------------------------------------------------------------------------------------------
// Messages

export function closingText(circle: CircleRow, cycle: CycleRow, endsAt: Date): string {
  return `:hourglass_flowing_sand: Cycle ${cycle.number} of ${name(circle)} is closing. Last day: ${day(new Date(endsAt.getTime() - 86_400_000))}. Each of you will get a short evaluation by DM when it ends: how it went, and whether you want to go on.`;
}

export function inviteBlocks(circle: CircleRow, cycle: CycleRow, closesAt: Date): KnownBlock[] {
  return [
    section(
      `:tada: Cycle ${cycle.number} of ${name(circle)} is over. How did it go? Tell us in a two-minute evaluation, and choose what you want next: continue, rematch or end.`,
    ),
    actions([button('Evaluate the cycle', CycleActions.evaluate, String(cycle.id), 'primary')]),
    context(`You can change your answers until ${day(closesAt)}.`),
  ];
}

export const inviteText = (circle: CircleRow, cycle: CycleRow): string =>
  `Cycle ${cycle.number} of ${circle.name} is over: how did it go?`;

export function reminderBlocks(circle: CircleRow, cycle: CycleRow, closesAt: Date): KnownBlock[] {
  return [
    section(
      `:wave: A reminder: the evaluation of cycle ${cycle.number} of ${name(circle)} is waiting for you. It takes two minutes, and it is how you choose whether you go on.`,
    ),
    actions([button('Evaluate the cycle', CycleActions.evaluate, String(cycle.id), 'primary')]),
    context(`Closes: ${day(closesAt)}.`),
  ];
}

export const reminderText = (circle: CircleRow, cycle: CycleRow): string =>
  `A reminder: evaluate cycle ${cycle.number} of ${circle.name}`;

export function savedText(circle: CircleRow, choice: CycleChoice, edited: boolean, closesAt: Date): string {
  const next =
    choice === 'continue'
      ? 'you will go on in the next cycle'
      : choice === 'rematch'
        ? circle.kind === 'pairs'
          ? 'you will be matched with a new partner in the next cycle'
          : 'you will be pointed to the other circles when the next cycle opens'
        : 'you will leave when the next cycle opens';
  return `${edited ? 'Your evaluation is updated' : 'Thank you for your evaluation'} of ${name(circle)}: ${next}. You can change it until ${day(closesAt)}.`;
}

export function farewellText(circle: CircleRow, reason: 'end' | 'rematch' | 'dropped'): string {
  if (reason === 'end')
    return `:pray: Thank you for being part of ${name(circle)}. As you chose, your place ends with this cycle. You are welcome back any time: \`/circle list\` shows the circles.`;
  if (reason === 'rematch')
    return `:twisted_rightwards_arrows: As you asked, you are not going on in ${name(circle)}: \`/circle list\` shows the circles you can join instead. Thank you for this cycle!`;
  return `:wave: We did not hear back from you, so you are no longer in ${name(circle)}. Thank you for the time you spent in it; \`/circle join ${circle.name}\` brings you back while it has room.`;
}

export function stayAskBlocks(circle: CircleRow, cycle: CycleRow, deadline: Date): KnownBlock[] {
  return [
    section(
      `:seedling: Cycle ${cycle.number} of ${name(circle)} has begun, and we did not hear whether you want to go on. Do you want to keep your place?`,
    ),
    actions([
      button('Stay', CycleActions.stay, String(cycle.id), 'primary'),
      button('Leave', CycleActions.leave, String(cycle.id)),
    ]),
    context(`Without an answer by ${day(deadline)}, your place goes to someone else.`),
  ];
}

export const stayAskText = (circle: CircleRow, cycle: CycleRow): string =>
  `Cycle ${cycle.number} of ${circle.name} has begun: do you want to keep your place?`;

export const stayedText = (circle: CircleRow): string => `Wonderful: you keep your place in ${name(circle)}. :sparkles:`;

// ---------------------------------------------------------------------------------------------
// The evaluation modal

const ratingOptions = (low: string, high: string) =>
  [1, 2, 3, 4, 5].map((n) => opt(String(n), n === 1 ? `1 · ${low}` : n === 5 ? `5 · ${high}` : String(n)));

function rating(blockId: string, label: string, low: string, high: string, initial: number | undefined): KnownBlock {
  const options = ratingOptions(low, high);
  const chosen = initial ? options[initial - 1] : undefined;
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: blockId,
      placeholder: plain('1 to 5'),
      options,
      ...(chosen ? { initial_option: chosen } : {}),
    },
  };
}

function words(blockId: string, label: string, initial: string | null | undefined): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      multiline: true,
      max_length: ANSWER_MAX,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

function radio(blockId: string, label: string, options: PlainTextOption[], initial: string | undefined): KnownBlock {
  const chosen = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { type: 'radio_buttons', action_id: blockId, options, ...(chosen ? { initial_option: chosen } : {}) },
  };
}

export function evaluationModal(
  circle: CircleRow,
  cycle: CycleRow,
  existing: EvaluationRow | undefined,
  closesAt: Date,
  anonymous: boolean,
): ModalView {
  const partner = circle.kind === 'pairs' ? 'your partner' : 'the others in your circle';
  const choices: PlainTextOption[] =
    circle.kind === 'pairs'
      ? [
          opt('continue', `${CHOICE_LABELS.continue}: the same partner, if they say so too`),
          opt('rematch', `${CHOICE_LABELS.rematch}: a new partner`),
          opt('end', `${CHOICE_LABELS.end}: I stop after this cycle`),
        ]
      : [
          opt('continue', `${CHOICE_LABELS.continue}: stay in this circle`),
          opt('rematch', `${CHOICE_LABELS.rematch}: try another circle`),
          opt('end', `${CHOICE_LABELS.end}: I stop after this cycle`),
        ];
  return {
    type: 'modal',
    callback_id: CycleViews.evaluation,
    private_metadata: cycleMetadata(cycle.id),
    title: plain('Evaluate the cycle'),
    submit: plain(existing ? 'Update' : 'Send'),
    close: plain('Cancel'),
    blocks: [
      section(
        `${name(circle)} · cycle ${cycle.number}${existing ? '\n_You have answered already: change anything and save._' : ''}`,
      ),
      rating(F.value, 'How valuable was this cycle for you?', 'not at all', 'very', existing?.value_rating),
      rating(F.keptOwn, 'How well did you keep your commitments?', 'hardly', 'fully', existing?.kept_own),
      rating(F.keptOthers, `How well did ${partner} keep theirs?`, 'hardly', 'fully', existing?.kept_others),
      words(F.mostUseful, 'What was most useful?', existing?.most_useful),
      words(F.toImprove, 'What should we improve?', existing?.to_improve),
      radio(
        F.recommend,
        'Would you recommend it to a colleague?',
        [opt('yes', 'Yes'), opt('no', 'No')],
        existing ? (existing.recommend ? 'yes' : 'no') : undefined,
      ),
      radio(F.choice, 'Next cycle', choices, existing?.choice),
      context(
        `${anonymous ? 'Organizers see your answers without your name.' : 'Organizers and facilitators see your answers with your name.'} You can change them until ${day(closesAt)}.`,
      ),
    ],
  };
}

export function rolloverText(
  circle: CircleRow,
  r: { next: CycleRow; plan: { stay: string[]; leave: string[]; rematch: string[]; silent: string[] }; keptPairs: string[][] },
): string {
  const n = (list: string[], one: string, many: string) => `${list.length} ${list.length === 1 ? one : many}`;
  const lines = [
    `:arrows_counterclockwise: Cycle ${r.next.number} of ${name(circle)} is open: ${r.next.start_date} to ${r.next.end_date}, and its sessions are on the schedule.`,
    `• ${n(r.plan.stay, 'member continues', 'members continue')}; ${n(r.plan.leave, 'leaves', 'leave')} with thanks.`,
    circle.kind === 'pairs'
      ? `• ${n(r.plan.rematch, 'asks', 'ask')} for a new partner at the next matching; ${n(
          r.keptPairs.map((p) => p.join()),
          'pair stays',
          'pairs stay',
        )} together.`
      : `• ${n(r.plan.rematch, 'moves', 'move')} on to another circle.`,
    `• ${n(r.plan.silent, 'member', 'members')} did not answer and ${r.plan.silent.length === 1 ? 'is' : 'are'} asked once whether to stay.`,
  ];
  return lines.join('\n');
}
