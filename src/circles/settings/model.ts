import { DEFAULT_PROGRAM, parseProgram, type ProgramSettings } from './program';
import { DEFAULT_RHYTHM, parseRhythm, type RhythmSettings } from './rhythm';
import { z } from 'zod';
import type { CircleKind } from '../../db/types';
import {
  type Cadence,
  cadenceSchema,
  isValidTimeZone,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  WEEKDAYS,
  type Weekday,
} from '../../time/cadence';
import { isValidDate, toEpochDays } from '../../time/calendarDate';
import { weekdayAt } from '../../time/weekday';
import { addMonthsToDate } from '../../time/zonedTime';
import { CYCLE_LENGTHS_MONTHS, checkCircleName, DEFAULT_SIZE_CAP, SIZE_CAP_MAX, SIZE_CAP_MIN } from '../model';
import { CircleFormActions } from '../ids';

/**
 * Block ids of the create/edit modal. Each input's action_id is its block_id, so a submitted value
 * sits at `values[id][id]`; tests submit by these names, so they never change.
 */
export const SettingsBlocks = {
  name: 'circle_name',
  focus: 'circle_focus',
  kind: CircleFormActions.kind,
  channelMode: 'circle_channel_mode',
  channel: 'circle_channel',
  sizeCap: 'circle_size_cap',
  facilitators: 'circle_facilitators',
  startDate: 'cycle_start_date',
  endDate: 'cycle_end_date',
  cycleLength: 'cycle_length',
  frequency: 'cadence_frequency',
  weekday: 'cadence_weekday',
  week: 'cadence_week',
  time: 'cadence_time',
  duration: 'cadence_duration',
  timeZone: 'cadence_time_zone',
  videoLink: 'circle_video_link',
  format: 'session_format',
  reminders: 'reminder_leads',
  agendaLead: 'agenda_lead',
  checkinDelay: 'checkin_delay',
  lapseThreshold: 'lapse_threshold',
  topics: 'pair_topics',
  cooloff: 'pair_cooloff',
  cycleEnd: 'cycle_end',
  surveyClose: 'survey_close',
} as const;

export type SettingsBlockId = (typeof SettingsBlocks)[keyof typeof SettingsBlocks];
export type SettingsField = keyof typeof SettingsBlocks;
/** Field errors keyed by block id, ready for `response_action: 'errors'`. */
export type SettingsErrors = Partial<Record<SettingsBlockId, string>>;

export const FOCUS_MAX = 500;
export const MAX_FACILITATORS = 10;

export const CHANNEL_MODES = ['new_public', 'new_private', 'existing'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];
export const CHANNEL_MODE_LABELS: Record<ChannelMode, string> = {
  new_public: 'Create a new public channel',
  new_private: 'Create a new private channel',
  existing: 'Use an existing channel',
};

export const FREQUENCIES = ['weekly', 'every_2_weeks', 'monthly', 'every_2_months'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  weekly: 'Every week',
  every_2_weeks: 'Every 2 weeks',
  monthly: 'Monthly, on the Nth or last weekday',
  every_2_months: 'Every 2 months, on the Nth or last weekday',
};

export const WEEKS = ['1', '2', '3', '4', 'last'] as const;
export type WeekOption = (typeof WEEKS)[number];
export const WEEK_LABELS: Record<WeekOption, string> = { 1: '1st', 2: '2nd', 3: '3rd', 4: '4th', last: 'Last' };

export const DURATIONS_MINUTES = [30, 45, 60, 75, 90, 120, 150, 180, 210, 240] as const;
export const DEFAULT_DURATION_MINUTES = 90;

export const KIND_LABELS: Record<CircleKind, string> = {
  group: 'Learning circle (the group meets together)',
  pairs: 'Coaching program (members are matched into pairs)',
};

export type ChannelChoice = { mode: 'new'; isPrivate: boolean } | { mode: 'existing'; channelId: string };

/** What the modal describes, checked: everything a circle needs except what only the database or Slack can tell. */
export interface CircleSettings {
  name: string;
  focus: string;
  kind: CircleKind;
  channel: ChannelChoice;
  sizeCap: number;
  facilitators: string[];
  cycle: { startDate: string; endDate: string; lengthMonths: number | null };
  cadence: Cadence;
  videoLink: string | null;
  rhythm: RhythmSettings;
  program: ProgramSettings;
}

/** The parts that further checks (database, Slack) need, as far as they could be read. */
export interface SettingsDraft {
  name?: string;
  kind?: CircleKind;
  channel?: ChannelChoice;
  facilitators?: string[];
}

export type SettingsParse = { ok: true; settings: CircleSettings } | { ok: false; errors: SettingsErrors; draft: SettingsDraft };

export interface ParseContext {
  /**
   * When editing: the current cycle's start. A cycle that has already begun keeps its start date,
   * so only a changed start has to lie in the future.
   */
  currentStartDate?: string;
  /** When editing: the stored cadence, whose day and time a coaching program keeps (its modal does not show them). */
  storedCadence?: unknown;
  /** When editing: the stored settings a coaching program's modal does not show, kept as they are. */
  storedHidden?: Pick<StoredSettings, 'videoLink' | 'rhythm' | 'program'>;
}

/**
 * A coaching program's modal leaves out what only a learning circle uses (link, format, reminders,
 * agenda, check-in delay, lapse threshold): saving it keeps the stored values rather than defaults,
 * so an edit changes only what the organizer could see.
 */
function keptHidden(
  kind: CircleKind,
  stored: ParseContext['storedHidden'],
  read: Pick<CircleSettings, 'videoLink' | 'rhythm' | 'program'>,
): Pick<CircleSettings, 'videoLink' | 'rhythm' | 'program'> {
  if (kind !== 'pairs' || !stored) return read;
  return {
    videoLink: stored.videoLink,
    rhythm: stored.rhythm,
    program: {
      ...read.program,
      checkinDelayMinutes: stored.program.checkinDelayMinutes,
      lapseThreshold: stored.program.lapseThreshold,
    },
  };
}

/** A program's "did you meet?" day and time: the stored ones, or the first cycle's weekday at 10:00. */
function programCadenceFill(stored: unknown, startDate: string): Partial<Cadence> & { nth?: 1 | 2 | 3 | 4 | -1 } {
  const c = cadenceSchema.safeParse(stored);
  if (c.success) return { ...c.data, ...(c.data.kind === 'monthly' ? { nth: c.data.nth } : {}) };
  // 1970-01-01 was a Thursday (index 3, Monday first): the weekday of any date follows from its day number.
  const weekday = isValidDate(startDate) ? weekdayAt(toEpochDays(startDate) + 3) : 'monday';
  return { weekday, localTime: '10:00', durationMinutes: 60, nth: 1 };
}

const selectedOption = z.looseObject({ value: z.string() });
const stateValue = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: selectedOption.nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_conversation: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_options: z.array(selectedOption).nullish(),
});
const stateValues = z.record(z.string(), z.record(z.string(), stateValue));
type StateValue = z.infer<typeof stateValue>;

const kindSchema = z.enum(['group', 'pairs']);
const channelModeSchema = z.enum(CHANNEL_MODES);
const frequencySchema = z.enum(FREQUENCIES);
const weekdaySchema = z.enum(WEEKDAYS);
const weekSchema = z.enum(WEEKS);
const sizeCapSchema = z.coerce.number().int().min(SIZE_CAP_MIN).max(SIZE_CAP_MAX);
// Any duration the scheduler accepts, not only the listed ones: an edit may carry a stored value the list lacks.
const durationSchema = z.coerce.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES);
const lengthSchema = z.coerce
  .number()
  .int()
  .refine((n) => (CYCLE_LENGTHS_MONTHS as readonly number[]).includes(n));
const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const userIdSchema = z.string().regex(/^[UW][A-Z0-9]+$/);
const channelIdSchema = z.string().regex(/^[CG][A-Z0-9]+$/);

/**
 * Reads the modal's `view.state.values` into circle settings, or every field error at once.
 * Pure: `today` gives the date in a time zone (the listener passes the clock's), so the "start
 * date in the past" rule follows the circle's own zone rather than the server's.
 */
export function parseSettings(
  values: unknown,
  today: string | ((timeZone: string) => string),
  context: ParseContext = {},
): SettingsParse {
  const errors: SettingsErrors = {};
  const draft: SettingsDraft = {};
  const fail = (field: SettingsField, message: string): undefined => {
    errors[SettingsBlocks[field]] ??= message;
    return undefined;
  };

  const shape = stateValues.safeParse(values ?? {});
  const state = shape.success ? shape.data : {};
  const read = (field: SettingsField): StateValue | undefined => {
    const id = SettingsBlocks[field];
    return state[id]?.[id];
  };
  const text = (field: SettingsField): string => (read(field)?.value ?? '').trim();
  const option = (field: SettingsField): string | undefined => read(field)?.selected_option?.value ?? undefined;

  const nameCheck = checkCircleName(read('name')?.value ?? '');
  const name = nameCheck.ok ? nameCheck.name : fail('name', nameCheck.error);
  if (name !== undefined) draft.name = name;

  const focus = text('focus');
  if (focus === '') fail('focus', 'Say in a sentence or two what the circle is for, so people know whether to join.');
  else if (focus.length > FOCUS_MAX) fail('focus', `Keep the focus to ${FOCUS_MAX} characters (this one has ${focus.length}).`);

  const kind = parseWith(kindSchema, option('kind')) ?? fail('kind', 'Choose a learning circle or a coaching program.');
  if (kind !== undefined) draft.kind = kind;

  const channel = parseChannel(option('channelMode'), read('channel')?.selected_conversation ?? undefined, fail);
  if (channel !== undefined) draft.channel = channel;

  const sizeCap =
    parseWith(sizeCapSchema, read('sizeCap')?.value ?? undefined) ??
    fail('sizeCap', `The size cap is a whole number from ${SIZE_CAP_MIN} to ${SIZE_CAP_MAX}.`);

  const facilitators = [...new Set(read('facilitators')?.selected_users ?? [])];
  if (facilitators.length === 0) fail('facilitators', 'Pick at least one facilitator.');
  else if (facilitators.length > MAX_FACILITATORS) fail('facilitators', `Pick at most ${MAX_FACILITATORS} facilitators.`);
  else if (!facilitators.every((id) => userIdSchema.safeParse(id).success))
    fail('facilitators', 'Pick facilitators from the list.');
  else draft.facilitators = facilitators;

  const timeZoneText = text('timeZone');
  const timeZone = isValidTimeZone(timeZoneText)
    ? timeZoneText
    : fail(
        'timeZone',
        timeZoneText === ''
          ? 'Give the time zone the circle meets in, such as Europe/London.'
          : `"${timeZoneText}" is not a time zone I know. Use an IANA name such as Europe/London or America/New_York.`,
      );
  const todayThere = typeof today === 'string' ? today : today(timeZone ?? 'UTC');
  const cycle = parseCycle(read, todayThere, context, fail);
  const fill = kind === 'pairs' ? programCadenceFill(context.storedCadence, read('startDate')?.selected_date ?? '') : undefined;
  const cadence = parseCadence(read, timeZone, fail, fill);

  const linkText = text('videoLink');
  const videoLink =
    linkText === '' ? null : isHttpsUrl(linkText) ? linkText : fail('videoLink', 'The video-call link must start with https://.');

  const rhythmRead = parseRhythm(
    option('format'),
    read('reminders')?.selected_options?.map((o) => o.value) ?? undefined,
    option('agendaLead'),
  );
  const rhythm = rhythmRead.ok ? rhythmRead.rhythm : fail(rhythmRead.field, rhythmRead.error);

  const programRead = parseProgram({
    checkinDelay: option('checkinDelay'),
    lapseThreshold: option('lapseThreshold'),
    topics: read('topics')?.value ?? undefined,
    cooloff: option('cooloff'),
    cycleEnd: read('cycleEnd')?.selected_options?.map((o) => o.value) ?? undefined,
    surveyClose: option('surveyClose'),
  });
  const program = programRead.ok ? programRead.program : fail(programRead.field, programRead.error);

  if (
    Object.keys(errors).length > 0 ||
    rhythm === undefined ||
    program === undefined ||
    name === undefined ||
    kind === undefined ||
    channel === undefined ||
    sizeCap === undefined ||
    cycle === undefined ||
    cadence === undefined ||
    videoLink === undefined
  ) {
    return { ok: false, errors, draft };
  }
  return {
    ok: true,
    settings: {
      name,
      focus,
      kind,
      channel,
      sizeCap,
      facilitators,
      cycle,
      cadence,
      ...keptHidden(kind, context.storedHidden, { videoLink, rhythm, program }),
    },
  };
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

type Fail = (field: SettingsField, message: string) => undefined;

function parseChannel(modeValue: string | undefined, selected: string | undefined, fail: Fail): ChannelChoice | undefined {
  const mode = parseWith(channelModeSchema, modeValue);
  if (mode === undefined) return fail('channelMode', 'Choose whether to create a new channel or use an existing one.');
  // A channel picked while a "new" mode is chosen is ignored: it is what an edit leaves behind
  // when someone switches from the circle's current channel to a new one.
  if (mode === 'new_public' || mode === 'new_private') return { mode: 'new', isPrivate: mode === 'new_private' };
  if (selected === undefined || selected === '')
    return fail('channel', 'Pick the existing channel to use, or choose to create a new one.');
  if (!channelIdSchema.safeParse(selected).success) return fail('channel', 'Pick a channel, not a direct message.');
  return { mode: 'existing', channelId: selected };
}

function parseCycle(
  read: (field: SettingsField) => StateValue | undefined,
  today: string,
  context: ParseContext,
  fail: Fail,
): CircleSettings['cycle'] | undefined {
  const start = read('startDate')?.selected_date ?? '';
  const end = read('endDate')?.selected_date ?? '';
  const lengthValue = read('cycleLength')?.selected_option?.value;
  let ok = true;
  if (start === '' || !isValidDate(start)) {
    ok = false;
    fail('startDate', 'Pick the date the first cycle starts.');
  } else if (start < today && start !== context.currentStartDate) {
    ok = false;
    fail('startDate', `The start date has passed (today is ${today} in the circle's time zone). Pick today or a later date.`);
  }
  if (end !== '' && lengthValue !== undefined) {
    const message = 'Give either an end date or a length, not both.';
    fail('endDate', message);
    fail('cycleLength', message);
    return undefined;
  }
  if (end === '' && lengthValue === undefined) {
    const message = 'Give the cycle an end date or a length.';
    fail('endDate', message);
    fail('cycleLength', message);
    return undefined;
  }
  if (lengthValue !== undefined) {
    const months = parseWith(lengthSchema, lengthValue);
    if (months === undefined) return fail('cycleLength', `Pick a length of ${CYCLE_LENGTHS_MONTHS.join(', ')} months.`);
    return ok ? { startDate: start, endDate: addMonthsToDate(start, months), lengthMonths: months } : undefined;
  }
  if (!isValidDate(end)) return fail('endDate', 'Pick the date the cycle ends.');
  if (ok && end <= start) return fail('endDate', `The end date must come after the start date (${start}).`);
  return ok ? { startDate: start, endDate: end, lengthMonths: null } : undefined;
}

function parseCadence(
  read: (field: SettingsField) => StateValue | undefined,
  timeZone: string | undefined,
  fail: Fail,
  fill?: ReturnType<typeof programCadenceFill>,
): Cadence | undefined {
  // A coaching program's modal has no day, week, time or length: they come from `fill`.
  const option = (field: SettingsField) => read(field)?.selected_option?.value;
  const frequency = parseWith(frequencySchema, option('frequency')) ?? fail('frequency', 'Choose how often the circle meets.');
  const weekday: Weekday | undefined =
    parseWith(weekdaySchema, option('weekday')) ?? fill?.weekday ?? fail('weekday', 'Choose the day of the week.');
  const localTime =
    parseWith(timeSchema, read('time')?.selected_time) ?? fill?.localTime ?? fail('time', 'Pick the time the sessions start.');
  const durationMinutes =
    parseWith(durationSchema, option('duration')) ?? fill?.durationMinutes ?? fail('duration', 'Pick how long a session lasts.');
  const monthly = frequency === 'monthly' || frequency === 'every_2_months';
  const weekValue = option('week');
  let nth: 1 | 2 | 3 | 4 | -1 | undefined;
  if (monthly) {
    const week = parseWith(weekSchema, weekValue);
    if (week === undefined && fill?.nth !== undefined) nth = fill.nth;
    else if (week === undefined) fail('week', 'For a monthly rhythm, choose which week of the month (1st to 4th, or last).');
    else nth = week === 'last' ? -1 : (Number(week) as 1 | 2 | 3 | 4);
  }
  if (
    frequency === undefined ||
    weekday === undefined ||
    localTime === undefined ||
    durationMinutes === undefined ||
    timeZone === undefined ||
    (monthly && nth === undefined)
  ) {
    return undefined;
  }
  const common = { weekday, localTime, durationMinutes, timeZone };
  const cadence: Cadence =
    frequency === 'weekly' || frequency === 'every_2_weeks'
      ? { kind: 'weekly', everyWeeks: frequency === 'weekly' ? 1 : 2, ...common }
      : { kind: 'monthly', everyMonths: frequency === 'monthly' ? 1 : 2, nth: nth ?? -1, ...common };
  // The stored form is whatever cadenceSchema accepts; checking here keeps the two from drifting apart.
  const checked = cadenceSchema.safeParse(cadence);
  return checked.success ? checked.data : fail('frequency', 'That rhythm is not one I can schedule.');
}

function isHttpsUrl(text: string): boolean {
  // <, > and | would end or relabel the link Slack draws around it ("Join the call").
  if (/[\s<>|]/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The modal's starting values: blank for a new circle, the stored settings for an edit. */
export interface SettingsInitial {
  name?: string;
  focus?: string;
  kind: CircleKind;
  channelMode: ChannelMode;
  channelId?: string;
  sizeCap: number;
  facilitators: string[];
  startDate?: string;
  endDate?: string;
  frequency?: Frequency;
  weekday?: Weekday;
  week?: WeekOption;
  localTime?: string;
  durationMinutes: number;
  timeZone: string;
  videoLink?: string;
  rhythm: RhythmSettings;
  program: ProgramSettings;
}

/**
 * The modal's current values as starting values, so it can be redrawn for another kind without
 * losing what was typed. Fields the other kind lacks keep `base`'s values.
 */
export function initialFromState(values: unknown, base: SettingsInitial): SettingsInitial {
  const shape = stateValues.safeParse(values ?? {});
  const state = shape.success ? shape.data : {};
  const read = (field: SettingsField): StateValue | undefined => state[SettingsBlocks[field]]?.[SettingsBlocks[field]];
  const option = (field: SettingsField) => read(field)?.selected_option?.value ?? undefined;
  const kind = parseWith(kindSchema, option('kind')) ?? base.kind;
  const pick = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => parseWith(schema, value);
  const out: SettingsInitial = { ...base, kind };
  const name = read('name')?.value;
  if (name) out.name = name;
  const focus = read('focus')?.value;
  if (focus) out.focus = focus;
  out.channelMode = pick(channelModeSchema, option('channelMode')) ?? base.channelMode;
  const channel = read('channel')?.selected_conversation;
  if (channel) out.channelId = channel;
  out.sizeCap = pick(sizeCapSchema, read('sizeCap')?.value) ?? base.sizeCap;
  const facilitators = read('facilitators')?.selected_users;
  if (facilitators?.length) out.facilitators = facilitators;
  const start = read('startDate')?.selected_date;
  if (start) out.startDate = start;
  const end = read('endDate')?.selected_date;
  if (end) out.endDate = end;
  const frequency = pick(frequencySchema, option('frequency'));
  if (frequency) out.frequency = frequency;
  const weekday = pick(weekdaySchema, option('weekday'));
  if (weekday) out.weekday = weekday;
  const week = pick(weekSchema, option('week'));
  if (week) out.week = week;
  const time = pick(timeSchema, read('time')?.selected_time);
  if (time) out.localTime = time;
  out.durationMinutes = pick(durationSchema, option('duration')) ?? base.durationMinutes;
  const zone = read('timeZone')?.value;
  if (zone) out.timeZone = zone;
  const link = read('videoLink')?.value;
  if (link) out.videoLink = link;
  return out;
}

/** A new circle starts with its creator as facilitator and their own Slack time zone. */
export function newCircleInitial(creatorId: string, timeZone: string | null): SettingsInitial {
  return {
    kind: 'group',
    channelMode: 'new_public',
    sizeCap: DEFAULT_SIZE_CAP,
    facilitators: [creatorId],
    frequency: 'weekly',
    durationMinutes: DEFAULT_DURATION_MINUTES,
    timeZone: timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC',
    rhythm: DEFAULT_RHYTHM,
    program: DEFAULT_PROGRAM,
  };
}

export interface StoredSettings {
  name: string;
  focus: string;
  kind: CircleKind;
  channelId: string | null;
  sizeCap: number;
  cadence: unknown;
  videoLink: string | null;
  facilitators: string[];
  cycle: { startDate: string; endDate: string } | null;
  rhythm: RhythmSettings;
  program: ProgramSettings;
}

/** A stored circle as the edit modal's starting values; a cadence that no longer parses is left blank to be chosen again. */
export function storedInitial(stored: StoredSettings, fallbackTimeZone: string | null): SettingsInitial {
  const cadence = cadenceSchema.safeParse(stored.cadence);
  const base: SettingsInitial = {
    ...newCircleInitial('', fallbackTimeZone),
    name: stored.name,
    focus: stored.focus,
    kind: stored.kind,
    channelMode: stored.channelId ? 'existing' : 'new_public',
    ...(stored.channelId ? { channelId: stored.channelId } : {}),
    sizeCap: stored.sizeCap,
    facilitators: stored.facilitators,
    ...(stored.cycle ? { startDate: stored.cycle.startDate, endDate: stored.cycle.endDate } : {}),
    ...(stored.videoLink ? { videoLink: stored.videoLink } : {}),
    rhythm: stored.rhythm,
    program: stored.program,
  };
  if (!cadence.success) return base;
  const c = cadence.data;
  return {
    ...base,
    frequency: frequencyOf(c),
    weekday: c.weekday,
    ...(c.kind === 'monthly' ? { week: c.nth === -1 ? 'last' : (String(c.nth) as WeekOption) } : {}),
    localTime: c.localTime,
    durationMinutes: c.durationMinutes,
    timeZone: c.timeZone,
  };
}

/**
 * The settings modal has no field for a rotation's second time, so an edit would drop it: it is
 * kept while the circle still meets on the same kind of rhythm, day, time and zone (the edit was
 * to something else), and ends when the main time itself changed.
 */
export function keepRotation(stored: unknown, edited: Cadence): Cadence {
  const before = cadenceSchema.safeParse(stored);
  if (!before.success || !before.data.alternate || edited.alternate) return edited;
  const b = before.data;
  const same =
    b.kind === edited.kind &&
    b.weekday === edited.weekday &&
    b.localTime === edited.localTime &&
    b.timeZone === edited.timeZone &&
    (b.kind !== 'monthly' || edited.kind !== 'monthly' || b.nth === edited.nth);
  return same ? { ...edited, alternate: b.alternate } : edited;
}

/** Whether a stored cadence is this one (key order in jsonb is not kept, so fields are compared). */
export function sameCadence(stored: unknown, c: Cadence): boolean {
  const sorted = (value: unknown): string =>
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    );
  return sorted(stored) === sorted(c);
}

export function frequencyOf(c: Cadence): Frequency {
  if (c.kind === 'weekly') return c.everyWeeks === 1 ? 'weekly' : 'every_2_weeks';
  return c.everyMonths === 1 ? 'monthly' : 'every_2_months';
}
