import type { ModalView } from '@slack/types';
import { DEFAULT_PROGRAM } from '../../../src/circles/settings/program';
import { announcementBlocks } from '../../../src/circles/settings/announce';
import { formatDay } from '../../../src/time/format';
import { CircleActions, CircleViews } from '../../../src/circles/ids';
import { settingsModal } from '../../../src/circles/settings/blocks';
import {
  type CircleSettings,
  newCircleInitial,
  parseSettings,
  SettingsBlocks,
  type SettingsParse,
  storedInitial,
} from '../../../src/circles/settings/model';
import { describeIssues, validateBlocks, validateView } from '../../../src/sandbox';
import { buildStateValues } from '../../../src/sandbox/viewState';
import { cadenceSchema } from '../../../src/time/cadence';

const B = SettingsBlocks;
const TODAY = '2026-11-23';
/** The emulator reads views as plain JSON objects, which is what Slack receives too. */
const asJson = (modal: ModalView): Record<string, unknown> => JSON.parse(JSON.stringify(modal));
const view = asJson(settingsModal('create', newCircleInitial('U0PCOWNER1', 'Europe/London')));

/** Everything a valid submission needs, by block id, as a person would fill the modal. */
const valid = {
  [B.name]: 'New Managers',
  [B.focus]: 'First-time managers learning from each other.',
  [B.kind]: 'group',
  [B.channelMode]: 'new_public',
  [B.sizeCap]: '8',
  [B.facilitators]: ['U0PCOWNER1', 'U0PCANA001'],
  [B.startDate]: '2026-12-01',
  [B.cycleLength]: '6',
  [B.frequency]: 'weekly',
  [B.weekday]: 'tuesday',
  [B.time]: '09:00',
  [B.duration]: '90',
  [B.timeZone]: 'Europe/London',
};

/**
 * The view state Slack would send for these inputs (built from the real modal, so shapes match).
 * An override of `undefined` means the person cleared that field.
 */
function state(overrides: Record<string, unknown> = {}): unknown {
  const given: Record<string, unknown> = { ...valid, ...overrides };
  for (const [k, v] of Object.entries(given)) if (v === undefined) given[k] = null;
  return buildStateValues(view, given, { allowMissingRequired: true });
}

function parse(overrides: Record<string, unknown> = {}, today: string | ((tz: string) => string) = TODAY): SettingsParse {
  return parseSettings(state(overrides), today);
}

function ok(result: SettingsParse): CircleSettings {
  if (!result.ok) throw new Error(`expected valid settings, got errors ${JSON.stringify(result.errors)}`);
  return result.settings;
}

function errorsOf(result: SettingsParse): Record<string, string> {
  if (result.ok) throw new Error('expected errors, got valid settings');
  return result.errors as Record<string, string>;
}

describe('parseSettings: a valid submission', () => {
  it('reads every field into the domain object', () => {
    expect(ok(parse())).toEqual({
      name: 'New Managers',
      focus: 'First-time managers learning from each other.',
      kind: 'group',
      channel: { mode: 'new', isPrivate: false },
      sizeCap: 8,
      facilitators: ['U0PCOWNER1', 'U0PCANA001'],
      cycle: { startDate: '2026-12-01', endDate: '2027-06-01', lengthMonths: 6 },
      cadence: {
        kind: 'weekly',
        everyWeeks: 1,
        weekday: 'tuesday',
        localTime: '09:00',
        durationMinutes: 90,
        timeZone: 'Europe/London',
      },
      videoLink: null,
      // Left as the modal offers them: a week and an hour ahead, the agenda a day ahead.
      rhythm: { format: 'open-checkin', reminderLeads: [10080, 60], agendaLeadMinutes: 1440 },
      program: DEFAULT_PROGRAM,
    });
  });

  it('reads the session format, reminder times and agenda time', () => {
    const s = ok(parse({ [B.format]: 'wol', [B.reminders]: ['15', '1440'], [B.agendaLead]: '720' }));
    expect(s.rhythm).toEqual({ format: 'wol', reminderLeads: [1440, 15], agendaLeadMinutes: 720 });
    const none = ok(parse({ [B.format]: 'troika', [B.reminders]: [], [B.agendaLead]: '120' }));
    expect(none.rhythm).toEqual({ format: 'troika', reminderLeads: [], agendaLeadMinutes: 120 });
  });

  it('tidies the name and trims the focus and time zone', () => {
    const s = ok(parse({ [B.name]: '  New   Managers ', [B.focus]: '  Growing.  ', [B.timeZone]: ' Asia/Kolkata ' }));
    expect(s.name).toBe('New Managers');
    expect(s.focus).toBe('Growing.');
    expect(s.cadence.timeZone).toBe('Asia/Kolkata');
  });

  it.each([
    ['weekly', undefined, { kind: 'weekly', everyWeeks: 1 }],
    ['every_2_weeks', undefined, { kind: 'weekly', everyWeeks: 2 }],
    ['monthly', '2', { kind: 'monthly', everyMonths: 1, nth: 2 }],
    ['monthly', 'last', { kind: 'monthly', everyMonths: 1, nth: -1 }],
    ['every_2_months', '1', { kind: 'monthly', everyMonths: 2, nth: 1 }],
    ['every_2_months', 'last', { kind: 'monthly', everyMonths: 2, nth: -1 }],
  ])('frequency %s (week %s) makes a cadence the scheduler accepts', (frequency, week, expected) => {
    const s = ok(
      parse({ [B.frequency]: frequency, [B.week]: week, [B.weekday]: 'thursday', [B.time]: '18:30', [B.duration]: '120' }),
    );
    expect(s.cadence).toEqual({
      ...expected,
      weekday: 'thursday',
      localTime: '18:30',
      durationMinutes: 120,
      timeZone: 'Europe/London',
    });
    expect(cadenceSchema.parse(s.cadence)).toEqual(s.cadence);
  });

  it('ignores a week of the month on a weekly rhythm (left over from switching)', () => {
    expect(ok(parse({ [B.frequency]: 'every_2_weeks', [B.week]: '3' })).cadence).not.toHaveProperty('nth');
  });

  it.each([
    ['4', '2026-12-01', '2027-04-01'],
    ['6', '2026-12-01', '2027-06-01'],
    ['8', '2026-12-01', '2027-08-01'],
    ['12', '2026-12-01', '2027-12-01'],
    ['24', '2026-12-01', '2028-12-01'],
    ['4', '2027-01-31', '2027-05-31'],
    ['6', '2027-08-31', '2028-02-29'],
  ])('a length of %s months from %s ends on %s', (length, start, end) => {
    expect(ok(parse({ [B.cycleLength]: length, [B.startDate]: start })).cycle).toEqual({
      startDate: start,
      endDate: end,
      lengthMonths: Number(length),
    });
  });

  it('takes an end date instead of a length', () => {
    expect(ok(parse({ [B.cycleLength]: undefined, [B.endDate]: '2027-03-15' })).cycle).toEqual({
      startDate: '2026-12-01',
      endDate: '2027-03-15',
      lengthMonths: null,
    });
  });

  it('accepts a start date of today', () => {
    expect(ok(parse({ [B.startDate]: TODAY })).cycle.startDate).toBe(TODAY);
  });

  it('reads the other choices: pairs, an existing channel, a private new channel, a cap, a video link', () => {
    const s = ok(
      parse({
        [B.kind]: 'pairs',
        [B.channelMode]: 'existing',
        [B.channel]: 'C0PCRANDOM',
        [B.sizeCap]: '20',
        [B.videoLink]: 'https://meet.example.com/abc-defg',
      }),
    );
    expect(s.kind).toBe('pairs');
    expect(s.channel).toEqual({ mode: 'existing', channelId: 'C0PCRANDOM' });
    expect(s.sizeCap).toBe(20);
    expect(s.videoLink).toBe('https://meet.example.com/abc-defg');
    expect(ok(parse({ [B.channelMode]: 'new_private', [B.channel]: 'C0PCRANDOM' })).channel).toEqual({
      mode: 'new',
      isPrivate: true,
    });
  });

  it('asks for today in the time zone the circle meets in', () => {
    const zones: string[] = [];
    ok(
      parse({ [B.timeZone]: 'Pacific/Auckland' }, (tz) => {
        zones.push(tz);
        return TODAY;
      }),
    );
    expect(zones).toEqual(['Pacific/Auckland']);
  });
});

describe('parseSettings: every problem comes back on its field', () => {
  it.each([
    ['a start date in the past', { [B.startDate]: '2026-11-22' }, B.startDate, 'The start date has passed (today is 2026-11-23'],
    ['no start date', { [B.startDate]: undefined }, B.startDate, 'Pick the date the first cycle starts'],
    [
      'an end date before the start',
      { [B.cycleLength]: undefined, [B.endDate]: '2026-11-30' },
      B.endDate,
      'must come after the start date (2026-12-01)',
    ],
    [
      'an end date equal to the start',
      { [B.cycleLength]: undefined, [B.endDate]: '2026-12-01' },
      B.endDate,
      'must come after the start date',
    ],
    ['an unknown time zone', { [B.timeZone]: 'Mars/Olympus_Mons' }, B.timeZone, '"Mars/Olympus_Mons" is not a time zone I know'],
    ['a fixed offset as the time zone', { [B.timeZone]: '+05:30' }, B.timeZone, 'is not a time zone I know'],
    ['no time zone', { [B.timeZone]: '' }, B.timeZone, 'Give the time zone'],
    ['a name too short', { [B.name]: 'ab' }, B.name, 'at least 3 characters'],
    ['a name too long', { [B.name]: 'x'.repeat(61) }, B.name, 'at most 60 characters (this one has 61)'],
    ['a name with Slack formatting', { [B.name]: 'New *Managers*' }, B.name, 'cannot contain'],
    ['an existing-channel mode without a channel', { [B.channelMode]: 'existing' }, B.channel, 'Pick the existing channel'],
    ['both an end date and a length', { [B.endDate]: '2027-03-01' }, B.cycleLength, 'either an end date or a length, not both'],
    ['neither an end date nor a length', { [B.cycleLength]: undefined }, B.cycleLength, 'an end date or a length'],
    ['a monthly rhythm without a week', { [B.frequency]: 'monthly' }, B.week, 'which week of the month'],
    ['an every-2-months rhythm without a week', { [B.frequency]: 'every_2_months' }, B.week, 'which week of the month'],
    ['a video link over http', { [B.videoLink]: 'http://meet.example.com/x' }, B.videoLink, 'must start with https://'],
    ['no focus', { [B.focus]: '   ' }, B.focus, 'what the circle is for'],
    ['no facilitator', { [B.facilitators]: [] }, B.facilitators, 'at least one facilitator'],
    ['no weekday', { [B.weekday]: undefined }, B.weekday, 'day of the week'],
    ['no time', { [B.time]: undefined }, B.time, 'time the sessions start'],
    ['no frequency', { [B.frequency]: undefined }, B.frequency, 'how often'],
    ['no channel mode', { [B.channelMode]: undefined }, B.channelMode, 'new channel or use an existing one'],
  ])('%s', (_what, overrides, blockId, message) => {
    const errors = errorsOf(parse(overrides));
    expect(Object.keys(errors)).toContain(blockId);
    expect(errors[blockId]).toContain(message);
  });

  it('flags both cycle fields when both or neither are given', () => {
    expect(Object.keys(errorsOf(parse({ [B.endDate]: '2027-03-01' }))).sort()).toEqual([B.endDate, B.cycleLength].sort());
    expect(Object.keys(errorsOf(parse({ [B.cycleLength]: undefined }))).sort()).toEqual([B.endDate, B.cycleLength].sort());
  });

  it('judges "past" by the date in the chosen zone, not the server', () => {
    // 2026-11-23T15:00Z is already the 24th in Auckland, but still the 23rd in New York.
    const now = new Date('2026-11-23T15:00:00Z');
    const today = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(now);
    expect(errorsOf(parse({ [B.startDate]: '2026-11-23', [B.timeZone]: 'Pacific/Auckland' }, today))[B.startDate]).toContain(
      'today is 2026-11-24',
    );
    expect(ok(parse({ [B.startDate]: '2026-11-23', [B.timeZone]: 'America/New_York' }, today)).cycle.startDate).toBe(
      '2026-11-23',
    );
  });

  it('checks the things Slack cannot: the size cap range, the focus length, the link', () => {
    const raw = (over: Record<string, unknown>) => {
      const values = state() as Record<string, Record<string, Record<string, unknown>>>;
      for (const [id, v] of Object.entries(over)) values[id] = { [id]: { ...(values[id]?.[id] ?? {}), ...(v as object) } };
      return parseSettings(values, TODAY);
    };
    expect(errorsOf(raw({ [B.sizeCap]: { value: '1' } }))[B.sizeCap]).toContain('from 2 to 20');
    expect(errorsOf(raw({ [B.sizeCap]: { value: '21' } }))[B.sizeCap]).toContain('from 2 to 20');
    expect(errorsOf(raw({ [B.sizeCap]: { value: '7.5' } }))[B.sizeCap]).toContain('whole number');
    expect(errorsOf(raw({ [B.focus]: { value: 'x'.repeat(501) } }))[B.focus]).toContain('500 characters (this one has 501)');
    expect(errorsOf(raw({ [B.videoLink]: { value: 'javascript:alert(1)' } }))[B.videoLink]).toContain('https://');
    expect(errorsOf(raw({ [B.videoLink]: { value: 'https://' } }))[B.videoLink]).toContain('https://');
    expect(errorsOf(raw({ [B.duration]: { selected_option: { value: '5' } } }))[B.duration]).toContain('how long');
    expect(errorsOf(raw({ [B.cycleLength]: { selected_option: { value: '5' } } }))[B.cycleLength]).toContain('4, 6, 8, 12, 24');
    expect(
      errorsOf(
        raw({
          [B.channelMode]: { selected_option: { value: 'existing' } },
          [B.channel]: { selected_conversation: 'D0PCANA001' },
        }),
      )[B.channel],
    ).toContain('not a direct message');
  });

  it('reports every problem at once, and keeps what it could read for the database checks', () => {
    const result = parse({
      [B.startDate]: '2026-01-01',
      [B.timeZone]: 'Nowhere/Special',
      [B.frequency]: 'monthly',
      [B.videoLink]: 'http://x.example.com',
      [B.channelMode]: 'existing',
    });
    expect(Object.keys(errorsOf(result)).sort()).toEqual([B.startDate, B.timeZone, B.week, B.videoLink, B.channel].sort());
    expect(result.ok ? null : result.draft).toEqual({
      name: 'New Managers',
      kind: 'group',
      facilitators: ['U0PCOWNER1', 'U0PCANA001'],
    });
  });

  it('refuses a state that is not Slack-shaped without throwing', () => {
    expect(parseSettings('nonsense', TODAY).ok).toBe(false);
    expect(Object.keys(errorsOf(parseSettings({}, TODAY)))).toContain(B.name);
  });

  it('lets an edit keep a start date that has passed, but not move the start into the past', () => {
    const values = state({ [B.startDate]: '2026-10-01', [B.cycleLength]: undefined, [B.endDate]: '2027-04-01' });
    expect(ok(parseSettings(values, TODAY, { currentStartDate: '2026-10-01' })).cycle.startDate).toBe('2026-10-01');
    expect(errorsOf(parseSettings(values, TODAY, { currentStartDate: '2026-09-01' }))[B.startDate]).toContain('has passed');
  });
});

describe('settingsModal', () => {
  const stored = {
    name: 'Coaching Pairs',
    focus: 'Peer coaching for team leads.',
    kind: 'pairs' as const,
    channelId: 'C0PCRANDOM',
    sizeCap: 12,
    cadence: {
      kind: 'monthly',
      everyMonths: 2,
      nth: -1,
      weekday: 'friday',
      localTime: '16:30',
      durationMinutes: 100,
      timeZone: 'America/New_York',
    },
    videoLink: 'https://meet.example.com/pairs',
    facilitators: ['U0PCBEN001', 'U0PCANA001'],
    cycle: { startDate: '2026-10-01', endDate: '2027-04-01' },
    rhythm: { format: 'troika' as const, reminderLeads: [1440, 15], agendaLeadMinutes: 720 },
    program: {
      checkinDelayMinutes: 60,
      lapseThreshold: 3,
      topics: ['Giving feedback', 'Hiring'],
      pairCooloffCycles: 2,
      evaluationsAnonymous: true,
      continueAutomatically: false,
      surveyCloseDays: 21,
    },
  };

  it('is a modal Slack accepts: title, block limit, unique block ids, callback id', () => {
    for (const modal of [view, asJson(settingsModal('edit', storedInitial(stored, null), { circleId: 7 }))]) {
      expect(describeIssues(validateView(modal, 'modal'))).toEqual([]);
      const blocks = modal.blocks as Array<{ block_id?: string }>;
      expect(blocks.length).toBeLessThanOrEqual(100);
      expect(modal.callback_id).toBe(CircleViews.settings);
      const ids = blocks.map((b) => b.block_id).filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
      // The stored circle is a coaching program: its modal holds every field but a session's.
      const sessionOnly: string[] = [
        B.weekday,
        B.week,
        B.time,
        B.duration,
        B.videoLink,
        B.format,
        B.reminders,
        B.agendaLead,
        B.checkinDelay,
        B.lapseThreshold,
      ];
      const expected =
        modal === view ? Object.values(SettingsBlocks) : Object.values(SettingsBlocks).filter((id) => !sessionOnly.includes(id));
      expect(ids).toEqual(expect.arrayContaining(expected));
      if (modal !== view) for (const id of sessionOnly) expect(ids).not.toContain(id);
    }
  });

  it('starts a new circle with the creator as facilitator, their time zone, a cap of 8 and the good-practice hint', () => {
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_users":["U0PCOWNER1"]');
    expect(json).toContain('"initial_value":"Europe/London"');
    expect(json).toContain('"initial_value":"8"');
    expect(json).toContain('6-8 people for circles that meet online for two hours or less; up to 20');
    expect((view.title as { text: string }).text.length).toBeLessThanOrEqual(24);
    expect(view.private_metadata).toBe('{}');
  });

  it('prefills an edit so that submitting it unchanged gives back the stored settings', () => {
    const modal = asJson(settingsModal('edit', storedInitial(stored, null), { circleId: 7 }));
    expect(modal.private_metadata).toBe('{"circleId":7}');
    const values = buildStateValues(modal, {});
    // As the submission reads it: a coaching program's modal has no session fields, so its stored cadence fills them.
    const s = ok(
      parseSettings(values, TODAY, { currentStartDate: '2026-10-01', storedCadence: stored.cadence, storedHidden: stored }),
    );
    expect(s).toEqual({
      name: 'Coaching Pairs',
      focus: 'Peer coaching for team leads.',
      kind: 'pairs',
      channel: { mode: 'existing', channelId: 'C0PCRANDOM' },
      sizeCap: 12,
      facilitators: ['U0PCBEN001', 'U0PCANA001'],
      cycle: { startDate: '2026-10-01', endDate: '2027-04-01', lengthMonths: null },
      cadence: stored.cadence,
      videoLink: 'https://meet.example.com/pairs',
      rhythm: stored.rhythm,
      program: stored.program,
    });
  });

  it('prefills a circle without a channel with "create a new public channel"', () => {
    const modal = asJson(
      settingsModal('edit', storedInitial({ ...stored, channelId: null }, null), {
        circleId: 7,
      }),
    );
    expect(ok(parseSettings(buildStateValues(modal, {}), TODAY, { currentStartDate: '2026-10-01' })).channel).toEqual({
      mode: 'new',
      isPrivate: false,
    });
  });
});

describe('announcementBlocks', () => {
  const circle = {
    id: 42,
    name: 'New Managers',
    focus: 'First-time managers learning from each other.',
    kind: 'group' as const,
    size_cap: 8,
    cycle: { startDate: '2026-12-01', endDate: '2027-06-01' },
  };

  it('says what, how often, when and how many, with a Join button carrying the circle id', () => {
    const blocks = announcementBlocks(circle, 'Weekly on Tuesday at 09:00 (Europe/London), 90 min');
    expect(describeIssues(validateBlocks(blocks, 'message'))).toEqual([]);
    const text = JSON.stringify(blocks);
    expect(text).toContain('First-time managers learning from each other.');
    expect(text).toContain('Learning circle');
    expect(text).toContain('Weekly on Tuesday at 09:00 (Europe/London), 90 min');
    expect(text).toContain('Tue 1 Dec 2026 to Tue 1 Jun 2027');
    expect(text).toContain('Up to 8');
    const actions = blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string; value: string; text: { text: string } }>;
    };
    expect(actions.elements[0]).toMatchObject({ action_id: CircleActions.join, value: '42', text: { text: 'Join' } });
  });

  it('describes a coaching program as pairs', () => {
    expect(JSON.stringify(announcementBlocks({ ...circle, kind: 'pairs' }, 'x'))).toContain('matched into pairs');
  });

  it('writes dates in words', () => {
    expect(formatDay('2028-02-29')).toBe('Tue 29 Feb 2028');
  });
});

describe('program settings', () => {
  const submit = (values: Record<string, unknown>) => parse(values);

  it('reads the check-in, lapse, topics, cool-off and cycle-end choices', () => {
    const s = ok(
      submit({
        [B.checkinDelay]: '60',
        [B.lapseThreshold]: '3',
        [B.topics]: ' Giving feedback \nHiring, hiring\n\nStrategy ',
        [B.cooloff]: '2',
        [B.cycleEnd]: ['anonymous', 'autoContinue'],
        [B.surveyClose]: '21',
      }),
    );
    expect(s.program).toEqual({
      checkinDelayMinutes: 60,
      lapseThreshold: 3,
      topics: ['Giving feedback', 'Hiring', 'Strategy'],
      pairCooloffCycles: 2,
      evaluationsAnonymous: true,
      continueAutomatically: true,
      surveyCloseDays: 21,
    });
  });

  it.each([
    ['a topic too long', { [B.topics]: 'x'.repeat(61) }, B.topics, 'Keep each topic to 60 characters'],
    [
      'too many topics',
      { [B.topics]: Array.from({ length: 21 }, (_, i) => `Topic ${i}`).join('\n') },
      B.topics,
      'at most 20 topics',
    ],
    ['a topic with Slack formatting', { [B.topics]: 'Be *bold*' }, B.topics, 'formatting characters'],
  ])('refuses %s on its field', (_what, values, field, message) => {
    const parsed = submit(values);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field as keyof typeof parsed.errors]).toContain(message);
  });
});
