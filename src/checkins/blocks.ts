import type { KnownBlock, ModalView, PlainTextOption, SectionBlock } from '@slack/types';
import type { CircleRow } from '../circles/service';
import { actions, button, context, escapeMrkdwn, section, slackDate, truncate } from '../slack/blocks';
import type { SessionRow } from '../sessions/service';
import { AGENDA_BLOCK_ID, CheckinActions, CheckinFields as F, CheckinViews } from './ids';
import {
  ATTENDED_LABELS,
  type Attended,
  COMMITMENT_MAX,
  MAX_COMMITMENTS,
  NOTE_MAX,
  NOTES_MAX,
  OUTCOME_LABELS,
  sessionMetadata,
  USEFULNESS_LABELS,
} from './model';
import type { CheckinRow, CommitmentRow } from './store';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const name = (circle: CircleRow) => `*${escapeMrkdwn(circle.name)}*`;
const when = (at: Date) => slackDate(at, '{date_long_pretty} at {time}');
const day = (at: Date) => slackDate(at, '{date_short_pretty}');
const opt = (value: string, text: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });

// ---------------------------------------------------------------------------------------------
// Messages

export function askBlocks(circle: CircleRow, session: SessionRow): KnownBlock[] {
  return [
    section(
      `:seedling: ${name(circle)} met ${when(session.starts_at)}. How did it go?\nTake a minute to check in: were you there, what will you do before the next session, and how useful was it.`,
    ),
    actions([button('Check in', CheckinActions.open, String(session.id), 'primary')]),
    context('Your answers are yours: facilitators see whether you were there and any note you address to them, nothing else.'),
  ];
}

export const askText = (circle: CircleRow, session: SessionRow): string =>
  `How did ${circle.name} go (${slackDate(session.starts_at)})? Check in`;

export function followUpBlocks(circle: CircleRow, session: SessionRow): KnownBlock[] {
  return [
    section(
      `:wave: A gentle nudge: you haven't checked in for ${name(circle)} (${when(session.starts_at)}) yet. It takes a minute, and your commitments come back to you before the next session.`,
    ),
    actions([button('Check in', CheckinActions.open, String(session.id), 'primary')]),
  ];
}

export const followUpText = (circle: CircleRow, session: SessionRow): string =>
  `A gentle nudge: check in for ${circle.name} (${slackDate(session.starts_at)})`;

export function noteText(memberId: string, circle: CircleRow, session: SessionRow, note: string): string {
  return `:memo: <@${memberId}> left a note for the facilitators of ${name(circle)} after the session of ${day(session.starts_at)}:\n>${escapeMrkdwn(note).replace(/\n/g, '\n>')}`;
}

export function nudgeBlocks(circle: CircleRow, missed: number, next: SessionRow | undefined): KnownBlock[] {
  const nextLine = next ? ` Next session: ${when(next.starts_at)}.` : '';
  return [
    section(
      `:hugs: We've missed you in ${name(circle)}: the last ${missed} sessions went by without you. Life gets busy, and that's fine. What would help?${nextLine}`,
    ),
    actions([
      button("I'll be there next time", CheckinActions.nudgeBack, String(circle.id), 'primary'),
      button('Pause for a while', CheckinActions.nudgePause, String(circle.id)),
      button('Leave the circle', CheckinActions.nudgeLeave, String(circle.id)),
    ]),
  ];
}

export const nudgeText = (circle: CircleRow): string => `We've missed you in ${circle.name}`;

export function headsUpText(memberId: string, circle: CircleRow, missed: number): string {
  return `:eyes: Heads-up: <@${memberId}> has missed the last ${missed} sessions of ${name(circle)}. I've sent them a kind note offering to come back, pause or leave; a personal word from you may help more.`;
}

export const backText = (circle: CircleRow, next: SessionRow | undefined): string =>
  `Wonderful, see you ${next ? `${when(next.starts_at)}` : 'at the next session'} in ${name(circle)}. :sparkles:`;

export function notesPostBlocks(circle: CircleRow, session: SessionRow, text: string, authorId: string): KnownBlock[] {
  return [
    section(`:notebook: *Notes from the session of ${day(session.starts_at)}*, shared by <@${authorId}>`),
    section(escapeMrkdwn(text)),
  ];
}

export const notesPostText = (circle: CircleRow, session: SessionRow): string =>
  `Notes from the ${circle.name} session of ${slackDate(session.starts_at)}`;

export function notesAbsentText(circle: CircleRow, session: SessionRow, link: string | null, channelId: string | null): string {
  const where = link ? `<${link}|The notes>` : 'The notes';
  const channel = channelId ? ` are in <#${channelId}>` : ' are in the circle’s channel';
  return `:notebook: You missed ${name(circle)} (${when(session.starts_at)}). ${where}${channel}, so you can catch up before next time.`;
}

/** The facilitators' buttons under an agenda post. */
export function agendaTools(session: SessionRow, blockId: string = AGENDA_BLOCK_ID): KnownBlock[] {
  if (session.status === 'cancelled') return [];
  return [
    actions(
      [
        button('Take attendance', CheckinActions.takeAttendance, String(session.id)),
        button('Share notes', CheckinActions.shareNotes, String(session.id)),
      ],
      blockId,
    ),
  ];
}

/** "Before we meet, you said you would …": the reader's own open commitments in a reminder. */
export function reminderCommitments(commitments: CommitmentRow[]): KnownBlock[] {
  if (commitments.length === 0) return [];
  const lines = commitments.map((c) => `• ${escapeMrkdwn(c.text)}`);
  return [section(`:dart: *Before we meet, you said you would:*\n${lines.join('\n')}`)];
}

// ---------------------------------------------------------------------------------------------
// The check-in modal

export interface CheckinForm {
  existing: CheckinRow | undefined;
  /** What this check-in committed to, by position (for an edit). */
  mine: CommitmentRow[];
  /** Last time's commitments, and any older ones still open. */
  review: CommitmentRow[];
}

export function checkinModal(circle: CircleRow, session: SessionRow, form: CheckinForm): ModalView {
  const { existing, mine, review } = form;
  const attendedOptions = (Object.keys(ATTENDED_LABELS) as Attended[]).map((k) => opt(k, ATTENDED_LABELS[k]));
  const outcomeOptions = Object.entries(OUTCOME_LABELS).map(([k, label]) => opt(k, label));
  const usefulnessOptions = USEFULNESS_LABELS.map((label, i) => opt(String(i + 1), label));
  const blocks: KnownBlock[] = [
    section(
      `${name(circle)} · the session of ${when(session.starts_at)}${existing ? '\n_You have checked in already: change anything and save._' : ''}`,
    ),
    {
      type: 'input',
      block_id: F.attended,
      label: plain('Were you there?'),
      element: {
        type: 'radio_buttons',
        action_id: F.attended,
        options: attendedOptions,
        ...(existing ? { initial_option: attendedOptions.find((o) => o.value === existing.attended)! } : {}),
      },
    },
  ];
  if (review.length) {
    blocks.push(section('*Last time you said you would…* How did it go?'));
    for (const c of review) {
      const initial = c.outcome ? outcomeOptions.find((o) => o.value === c.outcome) : undefined;
      blocks.push({
        type: 'input',
        block_id: `${F.progressPrefix}${c.id}`,
        optional: true,
        label: plain(truncate(c.text, 2000)),
        element: {
          type: 'radio_buttons',
          action_id: `${F.progressPrefix}${c.id}`,
          options: outcomeOptions,
          ...(initial ? { initial_option: initial } : {}),
        },
      });
    }
  }
  blocks.push(section(`*Before the next session, I will…* (up to ${MAX_COMMITMENTS}, each a small concrete step)`));
  for (let position = 1; position <= MAX_COMMITMENTS; position++) {
    const current = mine.find((c) => c.position === position);
    blocks.push({
      type: 'input',
      block_id: `${F.commitmentPrefix}${position}`,
      optional: true,
      label: plain(`Commitment ${position}`),
      element: {
        type: 'plain_text_input',
        action_id: `${F.commitmentPrefix}${position}`,
        max_length: COMMITMENT_MAX,
        ...(position === 1 ? { placeholder: plain('e.g. Ask my team for feedback on the new rota') } : {}),
        ...(current ? { initial_value: current.text } : {}),
      },
    });
  }
  const rated = existing?.usefulness ? usefulnessOptions[existing.usefulness - 1] : undefined;
  blocks.push(
    {
      type: 'input',
      block_id: F.usefulness,
      optional: true,
      label: plain('How useful was the session?'),
      hint: plain('Leave it empty if you were not there.'),
      element: {
        type: 'static_select',
        action_id: F.usefulness,
        placeholder: plain('1 to 5'),
        options: usefulnessOptions,
        ...(rated ? { initial_option: rated } : {}),
      },
    },
    {
      type: 'input',
      block_id: F.note,
      optional: true,
      label: plain('A private note to the facilitators'),
      hint: plain('Only the facilitators of the circle see it.'),
      element: {
        type: 'plain_text_input',
        action_id: F.note,
        multiline: true,
        max_length: NOTE_MAX,
        ...(existing?.note ? { initial_value: existing.note } : {}),
      },
    },
    context('Your commitments and rating are yours alone; the next reminder repeats your commitments to you.'),
  );
  return {
    type: 'modal',
    callback_id: CheckinViews.checkin,
    private_metadata: sessionMetadata(session.id),
    title: plain('Check in'),
    submit: plain(existing ? 'Save changes' : 'Check in'),
    close: plain('Cancel'),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Facilitators' modals

export interface AttendanceRow {
  userId: string;
  present: boolean;
  checkin: Attended | undefined;
}

const CHECKBOXES_MAX = 10;

function describe(row: AttendanceRow): string {
  if (!row.checkin) return 'not checked in';
  return row.checkin === 'no'
    ? "checked in: wasn't there"
    : row.checkin === 'part'
      ? 'checked in: part of it'
      : 'checked in: was there';
}

/** `channelId`: where the facilitator pressed the button, so the save is confirmed there. */
export function attendanceModal(circle: CircleRow, session: SessionRow, rows: AttendanceRow[], channelId?: string): ModalView {
  const blocks: KnownBlock[] = [
    section(
      `${name(circle)} · the session of ${when(session.starts_at)}.\nTick who was there. Your record counts over what members said when checking in.`,
    ),
  ];
  for (let i = 0; i * CHECKBOXES_MAX < rows.length; i++) {
    const group = rows.slice(i * CHECKBOXES_MAX, (i + 1) * CHECKBOXES_MAX);
    const options = group.map((r) => ({
      text: { type: 'mrkdwn' as const, text: `<@${r.userId}>` },
      description: plain(describe(r)),
      value: r.userId,
    }));
    const initial = options.filter((_, j) => group[j]!.present);
    blocks.push({
      type: 'input',
      block_id: `${F.presentPrefix}${i}`,
      optional: true,
      label: plain(i === 0 ? 'Who was there' : 'Who was there (continued)'),
      element: {
        type: 'checkboxes',
        action_id: `${F.presentPrefix}${i}`,
        options,
        ...(initial.length ? { initial_options: initial } : {}),
      },
    });
  }
  const checkedIn = rows.filter((r) => r.checkin).length;
  blocks.push(context(`${checkedIn} of ${rows.length} checked in. Members see neither this list nor each other's answers.`));
  return {
    type: 'modal',
    callback_id: CheckinViews.attendance,
    private_metadata: channelId ? JSON.stringify({ sessionId: session.id, channelId }) : sessionMetadata(session.id),
    title: plain('Attendance'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

export function notesModal(circle: CircleRow, session: SessionRow, existing: string | undefined): ModalView {
  return {
    type: 'modal',
    callback_id: CheckinViews.notes,
    private_metadata: sessionMetadata(session.id),
    title: plain('Share notes'),
    submit: plain(existing ? 'Update' : 'Share'),
    close: plain('Cancel'),
    blocks: [
      section(`${name(circle)} · the session of ${when(session.starts_at)}`),
      {
        type: 'input',
        block_id: F.notesText,
        label: plain('Notes'),
        element: {
          type: 'plain_text_input',
          action_id: F.notesText,
          multiline: true,
          max_length: NOTES_MAX,
          ...(existing ? { initial_value: existing } : {}),
        },
      },
      context(
        existing
          ? 'The notes already in the agenda’s thread are edited in place.'
          : 'Posted in the thread of the agenda post; members recorded absent get a DM with a link.',
      ),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Replies

export const checkedInText = (circle: CircleRow, session: SessionRow, edited: boolean, commitments: number): string =>
  `${edited ? 'Your check-in is updated' : 'Thanks for checking in'} for ${name(circle)} (${day(session.starts_at)}).${
    commitments
      ? ` Your ${commitments === 1 ? 'commitment is' : `${commitments} commitments are`} on your App Home, and the next reminder repeats ${commitments === 1 ? 'it' : 'them'}.`
      : ''
  }`;

export const attendanceSavedText = (circle: CircleRow, session: SessionRow, present: number, listed: number): string =>
  `Attendance saved for ${name(circle)} (${day(session.starts_at)}): ${present} of ${listed} there.`;

export const notesSharedText = (circle: CircleRow, edited: boolean, absentTold: number): string =>
  edited
    ? `The notes of ${name(circle)} are updated in the agenda’s thread.`
    : `Notes shared in the agenda’s thread of ${name(circle)}.${absentTold ? ` ${absentTold} ${absentTold === 1 ? 'member' : 'members'} recorded absent will get a link.` : ''}`;

export interface OwnCheckin {
  startsAt: Date;
  attended: Attended;
  usefulness: number | null;
  commitments: CommitmentRow[];
}

export function ownCheckinsBlocks(circle: CircleRow, own: OwnCheckin[]): KnownBlock[] {
  if (own.length === 0) return [section(`You have not checked in for ${name(circle)} yet.`)];
  const blocks: SectionBlock[] = [section(`Your check-ins in ${name(circle)}, most recent first:`)];
  for (const c of own) {
    const promised = c.commitments.map(
      (m) => `\n   • ${escapeMrkdwn(m.text)}${m.outcome ? ` (${OUTCOME_LABELS[m.outcome].toLowerCase()})` : ''}`,
    );
    blocks.push(
      section(
        `*${day(c.startsAt)}*: ${ATTENDED_LABELS[c.attended].toLowerCase()}${c.usefulness ? ` · usefulness ${c.usefulness}/5` : ''}${promised.join('')}`,
      ),
    );
  }
  return blocks;
}

export interface CheckinCounts {
  expected: number;
  checkedIn: number;
  present: number;
  absent: number;
}

export const countsText = (memberId: string, circle: CircleRow, c: CheckinCounts): string =>
  c.expected === 0
    ? `<@${memberId}> has not been expected at any session of ${name(circle)} yet, so there is no attendance to show.`
    : `<@${memberId}> in ${name(circle)}, over the last ${c.expected} session${c.expected === 1 ? '' : 's'} they were expected at: checked in ${c.checkedIn} time${c.checkedIn === 1 ? '' : 's'}; there ${c.present}, missed ${c.absent}, not recorded ${c.expected - c.present - c.absent}. What members write in their check-ins stays theirs.`;

// ---------------------------------------------------------------------------------------------
// App Home

export interface PendingCheckin {
  circle: CircleRow;
  session: SessionRow;
}

export const HOME_MAX_BLOCKS = 14;
/** block_id of one commitment on the App Home, so each Mark done button is addressable. */
export const commitmentBlockId = (id: number): string => `home_commitment_${id}`;
const HOME_COMMITMENTS = 8;

export function homeBlocks(
  open: Array<{ commitment: CommitmentRow; circleName: string }>,
  pending: PendingCheckin[],
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const p of pending.slice(0, 3)) {
    blocks.push(
      section(
        `:seedling: You haven't checked in for ${name(p.circle)} (${day(p.session.starts_at)}) yet.`,
        button('Check in', CheckinActions.open, String(p.session.id), 'primary'),
      ),
    );
  }
  if (open.length) {
    blocks.push(section('*Your commitments*'));
    for (const { commitment, circleName } of open.slice(0, HOME_COMMITMENTS)) {
      blocks.push({
        ...section(
          `• ${escapeMrkdwn(commitment.text)}\n_${escapeMrkdwn(circleName)}_`,
          button('Mark done', CheckinActions.commitmentDone, String(commitment.id)),
        ),
        block_id: commitmentBlockId(commitment.id),
      });
    }
    const more = open.length - HOME_COMMITMENTS;
    blocks.push(
      context(
        `${more > 0 ? `…and ${more} more. ` : ''}You made these when checking in; the next check-in asks how they went. \`/circle checkin\` any time.`,
      ),
    );
  }
  return blocks;
}
