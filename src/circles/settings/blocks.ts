import {
  CHECKIN_DELAY_OPTIONS,
  COOLOFF_OPTIONS,
  CYCLE_END_FLAGS,
  LAPSE_OPTIONS,
  MAX_TOPICS,
  type ProgramSettings,
  SURVEY_CLOSE_OPTIONS,
} from './program';
import { AGENDA_LEAD_OPTIONS, FORMAT_OPTIONS, REMINDER_LEAD_OPTIONS } from './rhythm';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { jsonOf } from '../../slack/values';
import { WEEKDAYS } from '../../time/cadence';
import { weekdayLabel } from '../../time/weekday';
import { CircleViews } from '../ids';
import { CYCLE_LENGTHS_MONTHS, SIZE_CAP_MAX, SIZE_CAP_MIN } from '../model';
import {
  CHANNEL_MODE_LABELS,
  CHANNEL_MODES,
  DURATIONS_MINUTES,
  FOCUS_MAX,
  FREQUENCIES,
  FREQUENCY_LABELS,
  KIND_LABELS,
  MAX_FACILITATORS,
  SettingsBlocks,
  type SettingsField,
  type SettingsInitial,
  WEEK_LABELS,
  WEEKS,
} from './model';

/** What the modal carries between opening and submission: the circle edited, none for a new one. */
const settingsMetadata = z.object({
  circleId: z.number().int().positive().optional(),
  /** The response_url of the `/circle new` that opened it, so the creator is answered where they typed it too. */
  from: z.url().optional(),
});
export type SettingsMetadata = z.infer<typeof settingsMetadata>;

export function parseSettingsMetadata(raw: string | undefined): SettingsMetadata {
  // Metadata is ours, so unreadable metadata can only mean a new circle's empty one.
  return jsonOf(settingsMetadata, raw) ?? {};
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });

function input(field: SettingsField, label: string, element: InputBlock['element'], extra: Partial<InputBlock> = {}): InputBlock {
  return { type: 'input', block_id: SettingsBlocks[field], label: plain(label), element, ...extra };
}

function select(field: SettingsField, options: PlainTextOption[], initial: string | undefined, placeholder: string) {
  const chosen = initial === undefined ? undefined : options.find((o) => o.value === initial);
  return {
    type: 'static_select' as const,
    action_id: SettingsBlocks[field],
    placeholder: plain(placeholder),
    options,
    ...(chosen ? { initial_option: chosen } : {}),
  };
}

export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * The create/edit modal. Every input's action_id equals its block_id (see SettingsBlocks), so the
 * submission handler and tests address fields by one name.
 */
export function settingsModal(mode: 'create' | 'edit', initial: SettingsInitial, metadata: SettingsMetadata = {}): ModalView {
  const durations = [...new Set<number>([...DURATIONS_MINUTES, initial.durationMinutes])].sort((a, b) => a - b);
  const blocks: KnownBlock[] = [
    input('name', 'Name', {
      type: 'plain_text_input',
      action_id: SettingsBlocks.name,
      placeholder: plain('e.g. New managers circle'),
      ...(initial.name ? { initial_value: initial.name } : {}),
    }),
    input(
      'focus',
      'Focus',
      {
        type: 'plain_text_input',
        action_id: SettingsBlocks.focus,
        multiline: true,
        max_length: FOCUS_MAX,
        placeholder: plain('What the circle is for, in a sentence or two'),
        ...(initial.focus ? { initial_value: initial.focus } : {}),
      },
      { hint: plain('Shown in the announcement and in /circle list, so people can tell whether it is for them.') },
    ),
    input(
      'kind',
      'Kind',
      {
        type: 'radio_buttons',
        action_id: SettingsBlocks.kind,
        options: [option('group', KIND_LABELS.group), option('pairs', KIND_LABELS.pairs)],
        initial_option: option(initial.kind, KIND_LABELS[initial.kind]),
      },
      // Choosing the kind redraws the modal with the fields that kind uses.
      { dispatch_action: true },
    ),
    input(
      'channelMode',
      'Channel',
      select(
        'channelMode',
        CHANNEL_MODES.map((m) => option(m, CHANNEL_MODE_LABELS[m])),
        initial.channelMode,
        'Choose a channel',
      ),
      { hint: plain('A new channel is named after the circle, e.g. #circle-new-managers.') },
    ),
    input(
      'channel',
      'Existing channel',
      {
        type: 'conversations_select',
        action_id: SettingsBlocks.channel,
        placeholder: plain('Pick a channel'),
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        ...(initial.channelId ? { initial_conversation: initial.channelId } : {}),
      },
      {
        optional: true,
        hint: plain(
          'Only when using an existing channel. For a private channel, first invite me there with /invite @Peer Circles.',
        ),
      },
    ),
    input(
      'sizeCap',
      'Size cap',
      {
        type: 'number_input',
        action_id: SettingsBlocks.sizeCap,
        is_decimal_allowed: false,
        min_value: String(SIZE_CAP_MIN),
        max_value: String(SIZE_CAP_MAX),
        initial_value: String(initial.sizeCap),
      },
      {
        hint: plain(
          'Good practice: 6-8 people for circles that meet online for two hours or less; up to 20 when sessions are longer. Further people join a waitlist.',
        ),
      },
    ),
    input(
      'facilitators',
      'Facilitators',
      {
        type: 'multi_users_select',
        action_id: SettingsBlocks.facilitators,
        max_selected_items: MAX_FACILITATORS,
        placeholder: plain('Who hosts the circle'),
        ...(initial.facilitators.length > 0 ? { initial_users: initial.facilitators } : {}),
      },
      { hint: plain('Facilitators can change these settings, skip sessions and see attendance.') },
    ),
    { type: 'header', text: plain(mode === 'create' ? 'First cycle' : 'Current cycle') },
    input('startDate', 'Start date', {
      type: 'datepicker',
      action_id: SettingsBlocks.startDate,
      placeholder: plain('Pick a date'),
      ...(initial.startDate ? { initial_date: initial.startDate } : {}),
    }),
    input(
      'endDate',
      'End date',
      {
        type: 'datepicker',
        action_id: SettingsBlocks.endDate,
        placeholder: plain('Pick a date'),
        ...(initial.endDate ? { initial_date: initial.endDate } : {}),
      },
      { optional: true, hint: plain('Give an end date or a length below, not both.') },
    ),
    input(
      'cycleLength',
      'Or a length',
      select(
        'cycleLength',
        CYCLE_LENGTHS_MONTHS.map((n) => option(String(n), `${n} months`)),
        undefined,
        'Pick a length',
      ),
      { optional: true },
    ),
    { type: 'header', text: plain('Rhythm') },
    input(
      'frequency',
      'How often',
      select(
        'frequency',
        FREQUENCIES.map((f) => option(f, FREQUENCY_LABELS[f])),
        initial.frequency,
        'Choose a rhythm',
      ),
    ),
    input(
      'weekday',
      'Day of the week',
      select(
        'weekday',
        WEEKDAYS.map((d) => option(d, weekdayLabel(d))),
        initial.weekday,
        'Choose a day',
      ),
    ),
    input(
      'week',
      'Week of the month',
      select(
        'week',
        WEEKS.map((w) => option(w, WEEK_LABELS[w])),
        initial.week,
        'Choose a week',
      ),
      { optional: true, hint: plain('Only for the monthly rhythms, e.g. the 1st or the last Tuesday of the month.') },
    ),
    input('time', 'Start time', {
      type: 'timepicker',
      action_id: SettingsBlocks.time,
      placeholder: plain('Pick a time'),
      ...(initial.localTime ? { initial_time: initial.localTime } : {}),
    }),
    input(
      'duration',
      'Length of a session',
      select(
        'duration',
        durations.map((m) => option(String(m), durationLabel(m))),
        String(initial.durationMinutes),
        'Choose a length',
      ),
    ),
    input(
      'timeZone',
      'Time zone',
      {
        type: 'plain_text_input',
        action_id: SettingsBlocks.timeZone,
        initial_value: initial.timeZone,
        placeholder: plain('e.g. Europe/London'),
      },
      { hint: plain('An IANA time zone name. Sessions keep their local time across daylight-saving changes.') },
    ),
    input(
      'videoLink',
      'Video-call link',
      {
        type: 'url_text_input',
        action_id: SettingsBlocks.videoLink,
        placeholder: plain('https://…'),
        ...(initial.videoLink ? { initial_value: initial.videoLink } : {}),
      },
      { optional: true, hint: plain('Shared in reminders and agendas.') },
    ),
    input(
      'format',
      'Session format',
      select(
        'format',
        FORMAT_OPTIONS.map((f) => option(f.id, f.label)),
        initial.rhythm.format,
        'Choose a format',
      ),
      { hint: plain('Sets the timed sections of each agenda, scaled to the session length.') },
    ),
    input(
      'reminders',
      'Reminder DMs',
      {
        type: 'checkboxes',
        action_id: SettingsBlocks.reminders,
        options: REMINDER_LEAD_OPTIONS.map((o) => option(String(o.minutes), o.label)),
        ...(initial.rhythm.reminderLeads.length
          ? {
              initial_options: REMINDER_LEAD_OPTIONS.filter((o) => initial.rhythm.reminderLeads.includes(o.minutes)).map((o) =>
                option(String(o.minutes), o.label),
              ),
            }
          : {}),
      },
      { optional: true, hint: plain('Sent to every active member before each session.') },
    ),
    input(
      'agendaLead',
      'Agenda posted in the channel',
      select(
        'agendaLead',
        AGENDA_LEAD_OPTIONS.map((o) => option(String(o.minutes), o.label)),
        String(initial.rhythm.agendaLeadMinutes),
        'Choose when',
      ),
    ),
    ...programBlocks(initial.program),
  ];
  const shown = initial.kind === 'pairs' ? blocks.flatMap(forProgram) : blocks;
  return {
    type: 'modal',
    callback_id: CircleViews.settings,
    title: plain(mode === 'create' ? 'New circle' : 'Edit circle'),
    submit: plain(mode === 'create' ? 'Create' : 'Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks: shown,
  };
}

/**
 * What a coaching program does not use: its pairs meet on their own, so it has no session day,
 * time, length, link, format, reminders, agenda or check-ins. Its rhythm is only how often pairs are
 * asked "did you meet?" (read back with the defaults of `parseSettings`).
 */
const GROUP_ONLY: ReadonlySet<string> = new Set([
  SettingsBlocks.weekday,
  SettingsBlocks.week,
  SettingsBlocks.time,
  SettingsBlocks.duration,
  SettingsBlocks.videoLink,
  SettingsBlocks.format,
  SettingsBlocks.reminders,
  SettingsBlocks.agendaLead,
  SettingsBlocks.checkinDelay,
  SettingsBlocks.lapseThreshold,
]);

function forProgram(block: KnownBlock): KnownBlock[] {
  const id = 'block_id' in block ? block.block_id : undefined;
  if (id && GROUP_ONLY.has(id)) return [];
  if (block.type === 'header' && block.text.text === 'Rhythm') return [{ ...block, text: plain('Meeting check') }];
  if (block.type === 'header' && block.text.text === 'Check-ins and cycles')
    return [{ ...block, text: plain('Matching and cycles') }];
  if (id === SettingsBlocks.frequency && block.type === 'input') {
    return [
      {
        ...block,
        label: plain('How often pairs are asked "did you meet?"'),
        hint: plain('Pairs meet on their own, when it suits them; this is only how often I check in with each pair.'),
      },
    ];
  }
  if (id === SettingsBlocks.topics && block.type === 'input')
    return [{ ...block, hint: plain(`Members pick from these in the matching survey (up to ${MAX_TOPICS}).`) }];
  if (id === SettingsBlocks.cooloff && block.type === 'input')
    return [{ ...block, hint: plain('Repeats happen only when no other match is possible.') }];
  return [block];
}

/** A modal with only a message, for refusals when there is no channel to reply in (App Home buttons). */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(title.slice(0, 24)),
    close: plain('OK'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}

/** The program section: check-ins and lapses, a coaching program's topics and cool-off, the cycle's end. */
function programBlocks(p: ProgramSettings): KnownBlock[] {
  const cooloff = COOLOFF_OPTIONS.find((o) => o.cycles === p.pairCooloffCycles) ?? COOLOFF_OPTIONS[0];
  const flags = Object.entries(CYCLE_END_FLAGS).map(([value, label]) => option(value, label));
  const chosenFlags = flags.filter(
    (f) => (f.value === 'anonymous' && p.evaluationsAnonymous) || (f.value === 'autoContinue' && p.continueAutomatically),
  );
  return [
    { type: 'header', text: plain('Check-ins and cycles') },
    input(
      'checkinDelay',
      'Ask members to check in',
      select(
        'checkinDelay',
        CHECKIN_DELAY_OPTIONS.map((o) => option(String(o.minutes), o.label)),
        String(p.checkinDelayMinutes),
        'Choose when',
      ),
      { hint: plain('A DM after each session: attended? what will you do before next time? how did last time go?') },
    ),
    input(
      'lapseThreshold',
      'A kind nudge after',
      select(
        'lapseThreshold',
        LAPSE_OPTIONS.map((n) => option(String(n), `${n} missed session${n === 1 ? '' : 's'} in a row`)),
        String(p.lapseThreshold),
        'Choose when',
      ),
      { hint: plain('The member gets a friendly DM and the facilitators a heads-up, once per streak.') },
    ),
    input(
      'topics',
      'Coaching topics',
      {
        type: 'plain_text_input',
        action_id: SettingsBlocks.topics,
        multiline: true,
        placeholder: plain('One per line, e.g. Giving feedback'),
        ...(p.topics.length ? { initial_value: p.topics.join('\n') } : {}),
      },
      { optional: true, hint: plain(`Coaching programs: members pick from these in the matching survey (up to ${MAX_TOPICS}).`) },
    ),
    input(
      'cooloff',
      'Partners meet again',
      select(
        'cooloff',
        COOLOFF_OPTIONS.map((o) => option(o.value, o.label)),
        cooloff.value,
        'Choose',
      ),
      { hint: plain('Coaching programs: repeats happen only when no other match is possible.') },
    ),
    input(
      'surveyClose',
      'End-of-cycle evaluation stays open',
      select(
        'surveyClose',
        SURVEY_CLOSE_OPTIONS.map((d) => option(String(d), `${d} days`)),
        String(p.surveyCloseDays),
        'Choose how long',
      ),
    ),
    input(
      'cycleEnd',
      'At the end of a cycle',
      {
        type: 'checkboxes',
        action_id: SettingsBlocks.cycleEnd,
        options: flags,
        ...(chosenFlags.length ? { initial_options: chosenFlags } : {}),
      },
      { optional: true },
    ),
  ];
}
