import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  type Answer,
  type CandidateTime,
  type RankedCandidate,
  MAX_NOTE_LENGTH,
  candidateKey,
  candidateLabel,
  viewerTimeInWords,
} from '../availability';
import type { CircleRow } from '../circles/service';
import { actions, button, context, escapeMrkdwn, header, section, slackDate, truncate } from '../slack/blocks';
import { type Cadence, describeCadence } from '../time/cadence';
import { weekdayShort, zoneCity } from '../time/format';
import { PollActions, PollFields as F, PollViews } from './ids';
import { DEFAULT_CLOSE_DAYS, MAX_CLOSE_DAYS, type PickRef } from './model';
import type { AnswerForm, PollRow, Ranking } from './service';

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 2000), emoji: true });
const name = (circle: CircleRow) => `*${escapeMrkdwn(circle.name)}*`;

export const ANSWER_LABELS: Record<Answer, string> = { yes: 'Yes', ifneedbe: 'If need be', no: 'No' };
const answerOptions: PlainTextOption[] = (Object.keys(ANSWER_LABELS) as Answer[]).map((a) => ({
  text: plain(ANSWER_LABELS[a]),
  value: a,
}));

/** "Tue 09:00 New York". */
export function anchorLabel(c: CandidateTime): string {
  return `${candidateLabel(c)} ${zoneCity(c.timeZone)}`;
}

function pollButtons(poll: PollRow): KnownBlock {
  return actions([
    button('Answer', PollActions.answer, String(poll.id), 'primary'),
    button('See answers', PollActions.results, String(poll.id)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Messages

export function openedText(circle: CircleRow, poll: PollRow, count: number): string {
  return `${circle.name} is finding a new meeting time: ${count} times to answer by ${slackDate(poll.closes_at)}.`;
}

export function openedBlocks(circle: CircleRow, poll: PollRow, candidates: readonly CandidateTime[]): KnownBlock[] {
  const list = candidates.map((c) => `• ${anchorLabel(c)}`).join('\n');
  return [
    section(
      `:calendar: ${name(circle)} is finding a new meeting time. Which of these suit you?\n${list}\n` +
        `Answer by ${slackDate(poll.closes_at)}. The form shows each time in your own zone, with the weeks daylight saving moves it.`,
    ),
    context('Others’ answers show once you have given yours. You can change your answers until the poll closes.'),
    pollButtons(poll),
  ];
}

export function reminderText(circle: CircleRow, poll: PollRow): string {
  return `The poll for ${circle.name}'s meeting time closes ${slackDate(poll.closes_at)}, and you have not answered yet.`;
}

export function reminderBlocks(circle: CircleRow, poll: PollRow): KnownBlock[] {
  return [
    section(
      `:hourglass: The poll for ${name(circle)}'s meeting time closes ${slackDate(poll.closes_at)}, and you have not answered yet.`,
    ),
    actions([button('Answer', PollActions.answer, String(poll.id), 'primary')]),
  ];
}

export function pickedText(circle: CircleRow, cadence: Cadence, next: Date | null): string {
  const when = next ? ` The next session is ${slackDate(next, '{date_long_pretty} at {time}')}.` : '';
  const how = cadence.alternate
    ? 'now alternates between two times, so the early and late slots are shared'
    : 'has a new meeting time';
  return `:calendar: ${name(circle)} ${how}: ${escapeMrkdwn(describeCadence(cadence))}.${when} Reminders, the agenda and your calendar follow.`;
}

export function pickedReply(circle: CircleRow, cadence: Cadence, keptSessions: number, from: Date): string {
  const kept =
    keptSessions > 0
      ? ` ${keptSessions === 1 ? 'The session' : `The ${keptSessions} sessions`} members were already reminded of before ${slackDate(from)} keep their time.`
      : '';
  return `Done: ${name(circle)} now meets ${escapeMrkdwn(describeCadence(cadence))}.${kept} The channel has been told.`;
}

// ---------------------------------------------------------------------------------------------
// The facilitator's modal that opens a poll

export function openModal(circle: CircleRow, cadence: Cadence, proposed: readonly CandidateTime[]): ModalView {
  const example = cadence.kind === 'weekly' ? 'Tue 09:00\nThu 17:30' : '2nd Tue 09:00\n2nd Thu 17:30';
  return {
    type: 'modal',
    callback_id: PollViews.open,
    private_metadata: JSON.stringify({ circleId: circle.id }),
    title: plain('Find a time'),
    submit: plain('Open the poll'),
    close: plain('Cancel'),
    blocks: [
      section(
        `Ask the members of ${name(circle)} which times suit them. Times are in ${escapeMrkdwn(zoneCity(cadence.timeZone))} (${escapeMrkdwn(cadence.timeZone)}); each member sees them in their own zone.`,
      ),
      {
        type: 'input',
        block_id: F.times,
        optional: true,
        label: plain('Times to offer, one a line (up to 12)'),
        hint: plain(
          cadence.kind === 'weekly'
            ? 'A weekday and a time, as in “Tue 09:00”. Leave empty to let the app propose them.'
            : 'The week of the month, a weekday and a time, as in “2nd Tue 09:00”. Leave empty to let the app propose them.',
        ),
        element: { type: 'plain_text_input', action_id: F.times, multiline: true, max_length: 600, placeholder: plain(example) },
      },
      {
        type: 'input',
        block_id: F.propose,
        optional: true,
        label: plain('Or'),
        element: {
          type: 'checkboxes',
          action_id: F.propose,
          options: [
            {
              text: plain('Propose times from members’ working hours'),
              description: plain('09:00-18:00 in each member’s own zone'),
              value: 'propose',
            },
          ],
        },
      },
      ...(proposed.length
        ? [context(`The app would propose, best first: ${proposed.slice(0, 6).map(anchorLabel).join(', ')}…`)]
        : []),
      {
        type: 'input',
        block_id: F.closeDays,
        optional: true,
        label: plain('Days until the poll closes'),
        hint: plain(
          `1 to ${MAX_CLOSE_DAYS}; ${DEFAULT_CLOSE_DAYS} when left empty. Members who have not answered hear once, a day before.`,
        ),
        element: {
          type: 'plain_text_input',
          action_id: F.closeDays,
          max_length: 2,
          placeholder: plain(String(DEFAULT_CLOSE_DAYS)),
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The member's answer modal

function countsLine(counts: Record<Answer, number> | undefined): string {
  if (!counts) return '';
  return ` · so far ${counts.yes} yes, ${counts.ifneedbe} if need be, ${counts.no} no`;
}

export function answerModal(form: AnswerForm): ModalView {
  const { poll, circle, candidates, views, mine, note, tallies } = form;
  const blocks: KnownBlock[] = [
    section(
      `Which times suit you for ${name(circle)}? Each is shown in your zone; the weeks daylight saving moves it are spelled out.` +
        (tallies ? '' : '\n_Others’ answers show once you have given yours._'),
    ),
  ];
  candidates.forEach((c, i) => {
    const initial = answerOptions.find((o) => o.value === mine[candidateKey(c)]);
    const view = views[i]!;
    const yours = view.timeZone === c.timeZone ? 'Your zone too' : viewerTimeInWords(c, view);
    blocks.push({
      type: 'input',
      block_id: `${F.answerPrefix}${i}`,
      label: plain(`${anchorLabel(c)} (the circle's time)`),
      hint: plain(`${yours}${countsLine(tallies?.get(candidateKey(c)))}`),
      element: {
        type: 'radio_buttons',
        action_id: `${F.answerPrefix}${i}`,
        options: answerOptions,
        ...(initial ? { initial_option: initial } : {}),
      },
    });
  });
  blocks.push({
    type: 'input',
    block_id: F.note,
    optional: true,
    label: plain('A note'),
    hint: plain('For instance “only until June” or “I can join late”. The facilitators see it.'),
    element: {
      type: 'plain_text_input',
      action_id: F.note,
      multiline: true,
      max_length: MAX_NOTE_LENGTH,
      ...(note ? { initial_value: note } : {}),
    },
  });
  blocks.push(context(`You can change your answers until ${slackDate(poll.closes_at)}.`));
  return {
    type: 'modal',
    callback_id: PollViews.answer,
    private_metadata: JSON.stringify({ pollId: poll.id }),
    title: plain('Find a time'),
    submit: plain(tallies ? 'Save changes' : 'Answer'),
    close: plain('Cancel'),
    blocks,
  };
}

/** What a member who has answered sees of the others: counts per time, no names. */
export function othersBlocks(form: AnswerForm): KnownBlock[] {
  const lines = form.candidates.map((c, i) => {
    const counts = form.tallies?.get(candidateKey(c));
    const view = form.views[i]!;
    const yours = view.timeZone === c.timeZone ? '' : ` (${viewerTimeInWords(c, view)})`;
    return `• ${escapeMrkdwn(anchorLabel(c))}${escapeMrkdwn(yours)}${countsLine(counts)}`;
  });
  return [section(`Answers so far for ${name(form.circle)}:\n${lines.join('\n')}`)];
}

// ---------------------------------------------------------------------------------------------
// The facilitator's ranking

const mentions = (ids: readonly string[]) => (ids.length ? ids.map((id) => `<@${id}>`).join(' ') : 'nobody');

export function worstText(r: RankedCandidate): string {
  const w = r.worst;
  if (!w) return '';
  const when = `${weekdayShort(w.weekday)} ${w.localTime}`;
  const who = `${mentions(w.memberIds)} in ${escapeMrkdwn(zoneCity(w.timeZone))}`;
  if (w.outside.side === 'inside') return `Worst local time: ${when} for ${who}, inside working hours.`;
  const hours = Math.round((w.outside.minutes / 60) * 10) / 10;
  return `Worst local time: *${when}* for ${who}, ${w.outside.side === 'early' ? 'early' : 'late'} (${hours} h outside 09:00-18:00).`;
}

/** The ranking's row of the candidate at this position in the poll, and the rotation's row: what a Pick button sits in. */
export const rankBlockId = (index: number) => `poll_rank_${index}`;
export const ROTATE_BLOCK_ID = 'poll_rotate';

function pickValue(ref: PickRef): string {
  return JSON.stringify(ref);
}

export function rankingBlocks(r: Ranking): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(truncate(`Find a time: ${r.circle.name}`, 150)),
    context(`${r.answered} of ${r.asked} members have answered · closes ${slackDate(r.poll.closes_at)} · best first`),
  ];
  if (!r.ranked.some((x) => x.suitsEveryone)) {
    blocks.push(section(':warning: *No time suits everyone* (everyone able to come, at most one of them only if need be).'));
  }
  for (const x of r.ranked) {
    const index = r.candidates.findIndex((c) => candidateKey(c) === x.key);
    const lines = [
      `*${escapeMrkdwn(anchorLabel(x.candidate))}*${x.suitsEveryone ? ' · suits everyone' : ''} · ${x.canCome} can come`,
      `Yes: ${mentions(x.yes)}`,
      `If need be: ${mentions(x.ifNeedBe)}`,
      `Cannot: ${mentions(x.no)}${x.unanswered.length ? ` · not answered: ${mentions(x.unanswered)}` : ''}`,
      worstText(x),
    ];
    const canPick = r.poll.status === 'open';
    blocks.push({
      block_id: rankBlockId(index),
      ...section(
        lines.filter(Boolean).join('\n'),
        canPick ? button('Pick', PollActions.pick, pickValue({ pollId: r.poll.id, picks: [index] })) : undefined,
      ),
    });
  }
  if (r.rotation && r.poll.status === 'open') {
    const [a, b] = r.rotation.picks.map((i) => r.candidates[i]!);
    blocks.push({
      block_id: ROTATE_BLOCK_ID,
      ...section(
        `:arrows_counterclockwise: *Or rotate:* alternate ${escapeMrkdwn(anchorLabel(a!))} and ${escapeMrkdwn(anchorLabel(b!))} on alternate sessions, so the early and late slots are shared. ` +
          `${r.rotation.covered} of ${r.asked} members can come to at least one of them.`,
        button('Rotate', PollActions.pick, pickValue({ pollId: r.poll.id, picks: r.rotation.picks })),
      ),
    });
  }
  if (r.notes.length) {
    blocks.push(section(`*Notes*\n${r.notes.map((n) => `<@${n.userId}>: ${escapeMrkdwn(n.note)}`).join('\n')}`));
  }
  if (r.poll.status !== 'open') blocks.push(context('A time has been picked; this poll is over.'));
  return blocks;
}

export function pickModal(circle: CircleRow, ref: PickRef, cadence: Cadence): ModalView {
  return {
    type: 'modal',
    callback_id: PollViews.pick,
    private_metadata: JSON.stringify(ref),
    title: plain('Pick this time'),
    submit: plain('Pick'),
    close: plain('Cancel'),
    blocks: [
      section(
        `${name(circle)} will meet ${escapeMrkdwn(describeCadence(cadence))}, from the next session no one has been reminded of. ` +
          'Later sessions move, and reminders, the agenda and calendars follow. The channel is told.',
      ),
      {
        type: 'input',
        block_id: F.moveReminded,
        optional: true,
        label: plain('Sessions members were already reminded of'),
        element: {
          type: 'checkboxes',
          action_id: F.moveReminded,
          options: [{ text: plain('Move them too'), value: 'move' }],
        },
      },
    ],
  };
}
