import type { CircleRow } from '../../../src/circles/store';
import {
  noSessionsText,
  parseRescheduleValues,
  passedText,
  rescheduleModal,
  rescheduleRef,
  scheduleBlocks,
  skipConfirmBlocks,
} from '../../../src/sessions/blocks';
import { RescheduleFields, SessionActions, SessionViews } from '../../../src/sessions/ids';
import { parseAgendaItem, parsePrompt, pickSchema, pickValue, splitAddArgs } from '../../../src/sessions/model';
import { jsonOf } from '../../../src/slack/values';
import { agendaBlocks, reminderBlocks } from '../../../src/sessions/messages';
import type { AgendaItemRow, SessionRow } from '../../../src/sessions/store';
import { textOf } from '../../support/fixtures';

const circle: CircleRow = {
  id: 7,
  team_id: 'T1',
  name: 'New & Managers',
  focus: 'Growing',
  kind: 'group',
  status: 'open',
  channel_id: 'C1',
  channel_created: true,
  size_cap: 8,
  cadence: {},
  video_link: null,
  session_format: 'open-checkin',
  agenda_lead_minutes: 1440,
  reminder_lead_minutes: [10080, 60],
  lapse_threshold: 2,
  sessions_planned_until: null,
  cadence_from: null,
  checkin_delay_minutes: 15,
  topics: [],
  pair_cooloff_cycles: null,
  evaluations_anonymous: false,
  continue_automatically: false,
  survey_close_days: 14,
  created_by: 'U1',
  created_at: new Date('2026-11-01T00:00:00Z'),
  updated_at: new Date('2026-11-01T00:00:00Z'),
};

const NOW = new Date('2026-11-23T15:00:00Z');

function session(id: number, startsAt: string, extra: Partial<SessionRow> = {}): SessionRow {
  const starts = new Date(startsAt);
  return {
    id,
    team_id: 'T1',
    circle_id: 7,
    cycle_id: 1,
    pair_id: null,
    occurrence_date: startsAt.slice(0, 10),
    starts_at: starts,
    ends_at: new Date(starts.getTime() + 90 * 60_000),
    status: 'scheduled',
    leader_user_id: null,
    prompt_key: null,
    prompt_text: null,
    sequence: 0,
    agenda_channel_id: null,
    agenda_ts: null,
    rescheduled: false,
    warmup_passed: [],
    created_at: NOW,
    updated_at: NOW,
    ...extra,
  };
}

/** Values of the buttons with this action id, in block order. */
const buttonsIn = (blocks: unknown[], actionId: string): string[] =>
  blocks.flatMap((b) => {
    const accessory = (b as { accessory?: { action_id?: string; value?: string } }).accessory;
    return accessory?.action_id === actionId ? [accessory.value ?? ''] : [];
  });

describe('splitAddArgs', () => {
  it('separates an optional name from the text after the first standalone "add"', () => {
    expect(splitAddArgs('')).toEqual({ nameText: '', add: null });
    expect(splitAddArgs('Leaders')).toEqual({ nameText: 'Leaders', add: null });
    expect(splitAddArgs('add Bring a case')).toEqual({ nameText: '', add: 'Bring a case' });
    expect(splitAddArgs('Leaders add Bring a case')).toEqual({ nameText: 'Leaders', add: 'Bring a case' });
    expect(splitAddArgs('New Managers ADD how to add people')).toEqual({
      nameText: 'New Managers',
      add: 'how to add people',
    });
    expect(splitAddArgs('add')).toEqual({ nameText: '', add: '' });
    // A word merely containing "add" is part of the name.
    expect(splitAddArgs('Address Book')).toEqual({ nameText: 'Address Book', add: null });
  });
});

describe('parseAgendaItem', () => {
  it('stores a lone link as a reading, bare or as Slack wraps it', () => {
    expect(parseAgendaItem('https://example.com/a?b=1')).toEqual({
      ok: true,
      value: { kind: 'reading', text: 'https://example.com/a?b=1' },
    });
    expect(parseAgendaItem('<https://example.com/a>')).toEqual({
      ok: true,
      value: { kind: 'reading', text: 'https://example.com/a' },
    });
    expect(parseAgendaItem('<http://example.com/a|example.com/a>')).toEqual({
      ok: true,
      value: { kind: 'reading', text: 'http://example.com/a' },
    });
  });

  it('keeps anything else as an item, including a link with words or markup around it', () => {
    expect(parseAgendaItem('  Read https://example.com first ')).toEqual({
      ok: true,
      value: { kind: 'item', text: 'Read https://example.com first' },
    });
    expect(parseAgendaItem('https://x.test/<!channel>')).toMatchObject({ ok: true, value: { kind: 'item' } });
    expect(parseAgendaItem('ftp://example.com/file')).toMatchObject({ ok: true, value: { kind: 'item' } });
  });

  it('takes 1 to 500 characters and says what is wrong otherwise', () => {
    expect(parseAgendaItem('x'.repeat(500))).toMatchObject({ ok: true });
    const long = parseAgendaItem('x'.repeat(501));
    expect(long).toEqual({ ok: false, error: expect.stringContaining('That item is 501 characters') });
    expect(long.ok || long.error).toContain('Nothing was added');
    expect(parseAgendaItem('   ')).toEqual({ ok: false, error: expect.stringContaining('Write the item after `add`') });
  });
});

describe('parsePrompt', () => {
  it('takes 3 to 300 characters', () => {
    expect(parsePrompt(' Who taught you most? ')).toEqual({ ok: true, value: 'Who taught you most?' });
    expect(parsePrompt('hi')).toEqual({ ok: false, error: expect.stringContaining('3 to 300 characters') });
    expect(parsePrompt('x'.repeat(301))).toEqual({ ok: false, error: expect.stringContaining('at most 300') });
  });
});

describe('picks and metadata', () => {
  it('round-trips a pick and rejects anything else', () => {
    expect(jsonOf(pickSchema, pickValue({ circleId: 3, add: 'An item' }))).toEqual({ circleId: 3, add: 'An item' });
    expect(jsonOf(pickSchema, pickValue({ circleId: 3 }))).toEqual({ circleId: 3 });
    expect(jsonOf(pickSchema, '3')).toBeNull();
    expect(jsonOf(pickSchema, '{"circleId":"3"}')).toBeNull();
    expect(jsonOf(pickSchema, undefined)).toBeNull();
  });

  it('reads the session id from the modal metadata', () => {
    const modal = rescheduleModal(circle, session(12, '2026-12-15T14:00:00Z'), 'Europe/Paris', {
      date: '2026-12-15',
      time: '15:00',
    });
    expect(jsonOf(rescheduleRef, modal.private_metadata)).toEqual({ sessionId: 12 });
    expect(jsonOf(rescheduleRef, '{"sessionId":-1}')).toBeNull();
    expect(jsonOf(rescheduleRef, 'nope')).toBeNull();
  });
});

describe('scheduleBlocks', () => {
  const sessions = [
    session(1, '2026-12-01T14:00:00Z', { leader_user_id: 'UANA' }),
    session(2, '2026-12-15T14:00:00Z', { status: 'cancelled' }),
    session(3, '2026-12-29T14:00:00Z', { rescheduled: true }),
  ];

  it('shows each session in the reader’s zone, the warm-up leader, and what is cancelled or moved', () => {
    const text = textOf(scheduleBlocks(circle, sessions, false, NOW));
    expect(text).toContain('Next sessions of *New &amp; Managers*');
    expect(text).toContain(`*<!date^${Date.parse('2026-12-01T14:00:00Z') / 1000}^{date_long_pretty} at {time}|`);
    expect(text).toContain('warm-up: <@UANA>');
    expect(text).toMatch(/~<!date\^\d+\^[^~]*~ \(cancelled\)/);
    expect(text).toContain('(moved)');
  });

  it('gives managers a Reschedule button on every session that can still move, and members none', () => {
    const underWay = session(0, '2026-11-23T14:30:00Z');
    const managed = scheduleBlocks(circle, [underWay, ...sessions], true, NOW);
    expect(buttonsIn(managed, SessionActions.reschedule)).toEqual(['1', '3']);
    expect(buttonsIn(scheduleBlocks(circle, sessions, false, NOW), SessionActions.reschedule)).toEqual([]);
  });

  it('stays within Slack’s 50 blocks, showing at most 8 sessions', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      session(i + 1, new Date(Date.parse('2026-12-01T14:00:00Z') + i * 7 * 86_400_000).toISOString()),
    );
    const blocks = scheduleBlocks(circle, many, true, NOW);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(buttonsIn(blocks, SessionActions.reschedule)).toHaveLength(8);
  });
});

describe('noSessionsText', () => {
  it('says why nothing is planned', () => {
    expect(noSessionsText(circle, { kind: 'pairs' })).toContain('is a coaching program');
    expect(noSessionsText(circle, { kind: 'not-started', startDate: '2027-01-05' })).toContain('starts on Tue 5 Jan 2027');
    expect(noSessionsText(circle, { kind: 'cycle-over', endDate: '2026-11-01', ended: true })).toContain('ended on');
    expect(noSessionsText(circle, { kind: 'no-rhythm' })).toContain('`/circle edit New & Managers`');
  });
});

describe('skip and reschedule surfaces', () => {
  it('asks to confirm a skip with the session id on both buttons', () => {
    const blocks = skipConfirmBlocks(circle, session(4, '2026-12-01T14:00:00Z'));
    const json = JSON.stringify(blocks);
    expect(json).toContain(`"action_id":"${SessionActions.skipConfirm}","value":"4"`);
    expect(json).toContain(`"action_id":"${SessionActions.skipCancel}","value":"4"`);
  });

  it('prefills the modal with the local date and time, labelled with the zone', () => {
    const view = rescheduleModal(circle, session(5, '2026-12-15T14:00:00Z'), 'America/New_York', {
      date: '2026-12-15',
      time: '09:00',
    });
    expect(view.callback_id).toBe(SessionViews.reschedule);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ sessionId: 5 });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_date":"2026-12-15"');
    expect(json).toContain('"initial_time":"09:00"');
    expect(json).toContain('New start time (America/New_York)');
  });

  it('reads the submitted date and time, naming the missing field', () => {
    const state = (date: string | null, time: string | null) => ({
      [RescheduleFields.date]: { [RescheduleFields.date]: { type: 'datepicker', selected_date: date } },
      [RescheduleFields.time]: { [RescheduleFields.time]: { type: 'timepicker', selected_time: time } },
    });
    expect(parseRescheduleValues(state('2026-12-16', '11:30'))).toEqual({
      ok: true,
      value: { date: '2026-12-16', time: '11:30' },
    });
    expect(parseRescheduleValues(state(null, '11:30'))).toMatchObject({
      ok: false,
      errors: { [RescheduleFields.date]: 'Pick a date.' },
    });
    expect(parseRescheduleValues(state('2026-12-16', null)).errors).toEqual({ [RescheduleFields.time]: 'Pick a start time.' });
  });
});

describe('passedText', () => {
  it('names the next leader, or says there is none', () => {
    expect(passedText('UCHLOE')).toBe('Thanks — <@UCHLOE> will lead instead.');
    expect(passedText(null)).toBe('Nobody else is free to lead; the circle will start without a warm-up leader.');
  });
});

describe('agenda and reminder messages with a long agenda', () => {
  const s = session(9, '2026-12-01T14:00:00Z', { leader_user_id: 'U2', prompt_text: 'A question' });
  const items = (n: number, length: number): AgendaItemRow[] =>
    Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      team_id: 'T1',
      session_id: 9,
      author_user_id: 'U3',
      kind: i % 5 === 4 ? ('reading' as const) : ('item' as const),
      text: i % 5 === 4 ? `https://example.com/reading/${i}` : `Item ${i}: ${'w'.repeat(length)}`,
      created_at: NOW,
    }));

  it('shows every item across several sections, none over 3,000 characters, within 50 blocks', () => {
    const all = items(40, 480);
    for (const blocks of [agendaBlocks(circle, s, all), reminderBlocks(circle, s, 10080, all)]) {
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      const text = textOf(blocks);
      for (const item of all) expect(text).toContain(item.kind === 'reading' ? item.text : `Item ${item.id - 1}:`);
    }
  });

  it('says how many items did not fit rather than dropping them silently', () => {
    const all = items(600, 490);
    const blocks = agendaBlocks(circle, s, all);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(blocks)).toMatch(/…and \d+ more items than fit in one Slack message/);
  });
});
