import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { z } from 'zod';
import { formatDay } from '../time/format';
import type { CircleRow } from '../circles/service';
import { actions, button, context, escapeMrkdwn, section, slackDate, truncate } from '../slack/blocks';
import { RescheduleFields, SessionActions, SessionViews } from './ids';
import type { AgendaItemInput, Checked, EmptyReason } from './model';
import type { AttendanceCount, HeldSessionTools } from './ports';
import type { SessionRow } from './store';

/** block_id of a session's line in the schedule, so each Reschedule button is addressable. */
export const scheduleRowBlockId = (sessionId: number): string => `session_row_${sessionId}`;

export const SCHEDULE_LIMIT = 8;
/** How many past sessions the schedule shows, with their attendance. */
export const PAST_LIMIT = 3;

/** A session that took place, with how many were there (null: nobody recorded). */
export interface PastSession {
  session: SessionRow;
  count: AttendanceCount | null;
}

const when = (at: Date) => slackDate(at, '{date_long_pretty} at {time}');
const name = (circle: CircleRow) => `*${escapeMrkdwn(circle.name)}*`;

// ---------------------------------------------------------------------------------------------
// Schedule

export function noSessionsText(circle: CircleRow, reason: EmptyReason): string {
  const edit = `\`/circle edit ${circle.name}\``;
  switch (reason.kind) {
    case 'pairs':
      return `${name(circle)} is a coaching program: each pair sets its own meetings, so there is no circle schedule.`;
    case 'ended':
      return `${name(circle)} has ended, so no sessions are planned.`;
    case 'no-rhythm':
      return `${name(circle)} has no meeting rhythm yet, so no sessions are planned. Facilitators can set one with ${edit}.`;
    case 'no-cycle':
      return `${name(circle)} has no cycle running, so no sessions are planned. Facilitators can set one with ${edit}.`;
    case 'cycle-over':
      return `The cycle of ${name(circle)} ${reason.ended ? 'ended' : 'ends'} on ${formatDay(reason.endDate)}, with no sessions left in it.`;
    case 'not-started':
      return `The cycle of ${name(circle)} starts on ${formatDay(reason.startDate)}; its sessions will be listed here as that comes closer.`;
    case 'none':
      return `No upcoming sessions of ${name(circle)} are planned.`;
  }
}

function sessionLine(session: SessionRow): string {
  const cancelled = session.status === 'cancelled';
  const date = cancelled ? `~${when(session.starts_at)}~ (cancelled)` : `*${when(session.starts_at)}*`;
  const moved = session.rescheduled && !cancelled ? ' (moved)' : '';
  const leader = session.leader_user_id && !cancelled ? ` · warm-up: <@${session.leader_user_id}>` : '';
  return `${date}${moved}${leader}`;
}

/**
 * The next sessions, each in the reader's own zone. Facilitators and organizers get a Reschedule
 * button on each session still to come; a cancelled or started one cannot be moved.
 */
export function scheduleBlocks(
  circle: CircleRow,
  sessions: SessionRow[],
  canManage: boolean,
  now: Date,
  past: PastSession[] = [],
  tools?: HeldSessionTools,
): KnownBlock[] {
  const shown = sessions.slice(0, SCHEDULE_LIMIT);
  const blocks: KnownBlock[] = [section(`Next sessions of ${name(circle)}, in your time zone:`)];
  for (const s of shown) {
    const movable = canManage && s.status === 'scheduled' && s.starts_at > now;
    const row: SectionBlock = {
      ...section(sessionLine(s), movable ? button('Reschedule', SessionActions.reschedule, String(s.id)) : undefined),
      block_id: scheduleRowBlockId(s.id),
    };
    blocks.push(row);
  }
  if (past.length) blocks.push(...pastBlocks(past, canManage ? tools : undefined));
  blocks.push(
    context(
      canManage
        ? '`/circle skip` cancels the next session; Reschedule moves one. People already reminded are told either way.'
        : '`/circle agenda` shows the next agenda; `/circle agenda add TEXT` adds to it.',
    ),
  );
  return blocks;
}

/** block_id of a past session's facilitator buttons in the schedule (one per session, so each is addressable). */
export const pastToolsBlockId = (sessionId: number): string => `session_past_${sessionId}`;

const pastLine = ({ session, count }: PastSession): string => {
  const there = count ? `${count.present} attended, of ${count.recorded} recorded` : 'attendance not recorded yet';
  return `• ${when(session.starts_at)}: ${there}`;
};

/**
 * The last sessions held, most recent first, each with its attendance. With `tools` (facilitators
 * and organizers), each session carries its own buttons, so a session whose agenda post never went
 * out can still have its attendance taken and notes shared.
 */
export function pastBlocks(past: PastSession[], tools?: HeldSessionTools): KnownBlock[] {
  if (!tools) return [section(['*Past sessions*', ...past.map(pastLine)].join('\n'))];
  return [
    section('*Past sessions*'),
    ...past.flatMap((p) => [section(pastLine(p)), ...tools(p.session, pastToolsBlockId(p.session.id))]),
  ];
}

export const scheduleText = (circle: CircleRow, count: number): string =>
  `The next ${count} session${count === 1 ? '' : 's'} of ${circle.name}`;

// ---------------------------------------------------------------------------------------------
// Skip

export function skipConfirmBlocks(circle: CircleRow, session: SessionRow): KnownBlock[] {
  return [
    section(
      `Cancel the ${name(circle)} session of ${when(session.starts_at)}?\nNothing more is sent for it, the channel is told, and members who were already reminded get a message.`,
    ),
    actions([
      button('Cancel the session', SessionActions.skipConfirm, String(session.id), 'danger'),
      button('Keep it', SessionActions.skipCancel, String(session.id)),
    ]),
  ];
}

export const skipConfirmText = (circle: CircleRow, session: SessionRow): string =>
  `Cancel the ${circle.name} session of ${slackDate(session.starts_at)}?`;

const toldWords = (told: number): string =>
  told === 0
    ? 'Nobody had been reminded of it yet.'
    : `${told} ${told === 1 ? 'person who had a reminder' : 'people who had a reminder'} will be told.`;

export function skippedText(circle: CircleRow, session: SessionRow, told: number, channelNote: string): string {
  return `Cancelled. The ${name(circle)} session of ${when(session.starts_at)} will not take place. ${toldWords(told)}${channelNote}`;
}

export function channelCancelledText(circle: CircleRow, session: SessionRow, byUserId: string): string {
  return `:no_entry_sign: The ${name(circle)} session of ${when(session.starts_at)} is cancelled (by <@${byUserId}>). See you at the next one.`;
}

export const skipKeptText = 'Nothing was changed: the session stays on the schedule.';

// ---------------------------------------------------------------------------------------------
// Reschedule

/** What the reschedule modal carries: the session it moves. */
export const rescheduleRef = z.object({ sessionId: z.number().int().positive() });

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Date and time in the circle's zone, the one its cadence is kept in, labelled so nobody converts by mistake. */
export function rescheduleModal(
  circle: CircleRow,
  session: SessionRow,
  timeZone: string,
  local: { date: string; time: string },
): ModalView {
  return {
    type: 'modal',
    callback_id: SessionViews.reschedule,
    private_metadata: JSON.stringify({ sessionId: session.id }),
    title: plain('Move a session'),
    submit: plain('Move it'),
    close: plain('Cancel'),
    blocks: [
      section(
        `${name(circle)}: the session of ${when(session.starts_at)}.\nReminders not sent yet follow it to the new time; members already reminded are told.`,
      ),
      {
        type: 'input',
        block_id: RescheduleFields.date,
        label: plain(truncate(`New date (${timeZone})`, 2000)),
        element: { type: 'datepicker', action_id: RescheduleFields.date, initial_date: local.date },
      },
      {
        type: 'input',
        block_id: RescheduleFields.time,
        label: plain(truncate(`New start time (${timeZone})`, 2000)),
        element: { type: 'timepicker', action_id: RescheduleFields.time, initial_time: local.time, timezone: timeZone },
      },
      context(`Times are in the circle's time zone, ${escapeMrkdwn(timeZone)}; everyone else sees them in their own.`),
    ],
  };
}

const stateSchema = z.object({
  [RescheduleFields.date]: z.object({
    [RescheduleFields.date]: z.object({
      selected_date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullish(),
    }),
  }),
  [RescheduleFields.time]: z.object({
    [RescheduleFields.time]: z.object({
      selected_time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
        .nullish(),
    }),
  }),
});

export type RescheduleErrors = Partial<Record<(typeof RescheduleFields)[keyof typeof RescheduleFields], string>>;

/** The new local date and time as submitted, or the field to point at. */
export function parseRescheduleValues(values: unknown): Checked<{ date: string; time: string }> & { errors?: RescheduleErrors } {
  const parsed = stateSchema.safeParse(values);
  const date = parsed.success ? parsed.data[RescheduleFields.date][RescheduleFields.date].selected_date : undefined;
  const time = parsed.success ? parsed.data[RescheduleFields.time][RescheduleFields.time].selected_time : undefined;
  const errors: RescheduleErrors = {};
  if (!date) errors[RescheduleFields.date] = 'Pick a date.';
  if (!time) errors[RescheduleFields.time] = 'Pick a start time.';
  if (!date || !time) return { ok: false, error: 'Pick a date and a start time.', errors };
  return { ok: true, value: { date, time } };
}

export function channelMovedText(circle: CircleRow, from: Date, session: SessionRow, byUserId: string): string {
  return `:arrows_counterclockwise: The ${name(circle)} session of ${when(from)} moved to *${when(session.starts_at)}* (by <@${byUserId}>).`;
}

export function movedText(circle: CircleRow, from: Date, session: SessionRow, told: number, channelNote: string): string {
  const toldNote =
    told === 0 ? '' : ` ${told} ${told === 1 ? 'person' : 'people'} already reminded of the old time will be told.`;
  return `Moved: the ${name(circle)} session of ${when(from)} is now *${when(session.starts_at)}*. Reminders not sent yet will go out before the new time.${toldNote}${channelNote}`;
}

// ---------------------------------------------------------------------------------------------
// Agenda and prompts

export function agendaAddedText(circle: CircleRow, session: SessionRow, item: AgendaItemInput, posted: boolean): string {
  const what = item.kind === 'reading' ? `Added to the readings` : `Added to the agenda`;
  const where = posted && session.agenda_channel_id ? ` The agenda in <#${session.agenda_channel_id}> is updated.` : '';
  return `${what} of the ${name(circle)} session (${when(session.starts_at)}): “${escapeMrkdwn(item.text)}”.${where}`;
}

export function promptAddedText(circle: CircleRow, text: string): string {
  return `Added to the prompt bank of ${name(circle)}: “${escapeMrkdwn(text)}”. New prompts are drawn before ones the circle has seen.`;
}

export function promptDuplicateText(circle: CircleRow): string {
  return `That prompt is already in the bank of ${name(circle)}. Nothing was changed.`;
}

// ---------------------------------------------------------------------------------------------
// Warm-up

export function passedText(nextLeader: string | null): string {
  return nextLeader
    ? `Thanks — <@${nextLeader}> will lead instead.`
    : 'Nobody else is free to lead; the circle will start without a warm-up leader.';
}

export function handedOverNote(fromUserId: string): KnownBlock {
  return context(`<@${fromUserId}> passed this turn on, so it is yours. You can pass it on too.`);
}
