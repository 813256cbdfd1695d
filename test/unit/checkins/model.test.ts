import { CheckinFields as F } from '../../../src/checkins/ids';
import { parseAttendance, parseCheckin, parseNotes, pickSchema, sessionRef } from '../../../src/checkins/model';
import { jsonOf } from '../../../src/slack/values';

const radio = (value: string | null) => ({ type: 'radio_buttons', selected_option: value === null ? null : { value } });
const text = (value: string | null) => ({ type: 'plain_text_input', value });
const state = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { [k]: v }]));

describe('the check-in form', () => {
  const base = {
    [F.attended]: radio('yes'),
    [`${F.commitmentPrefix}1`]: text('  Ask for feedback  '),
    [`${F.commitmentPrefix}2`]: text(null),
    [`${F.commitmentPrefix}3`]: text('   '),
    [F.usefulness]: { type: 'static_select', selected_option: { value: '4' } },
    [F.note]: text(null),
  };

  it('reads the answers, dropping blank commitments', () => {
    const parsed = parseCheckin(state(base), new Set());
    expect(parsed).toEqual({
      ok: true,
      value: {
        attended: 'yes',
        commitments: [{ position: 1, text: 'Ask for feedback' }],
        progress: new Map(),
        usefulness: 4,
        note: null,
      },
    });
  });
  it('asks for a rating from someone who was there, and drops one from someone who was not', () => {
    const unrated = parseCheckin(state({ ...base, [F.usefulness]: { type: 'static_select', selected_option: null } }), new Set());
    expect(unrated.ok ? null : unrated.errors[F.usefulness]).toContain('1 to 5');
    const absent = parseCheckin(state({ ...base, [F.attended]: radio('no') }), new Set());
    expect(absent.ok && absent.value.usefulness).toBeNull();
  });
  it('requires the attendance answer', () => {
    const parsed = parseCheckin(state({ ...base, [F.attended]: radio(null) }), new Set());
    expect(parsed.ok ? null : parsed.errors[F.attended]).toContain('Say whether');
  });
  it('takes progress only on the commitments the form asked about', () => {
    const asked = parseCheckin(state({ ...base, [`${F.progressPrefix}7`]: radio('partly') }), new Set([7]));
    expect(asked.ok && [...asked.value.progress]).toEqual([[7, 'partly']]);
    const foreign = parseCheckin(state({ ...base, [`${F.progressPrefix}8`]: radio('done') }), new Set([7]));
    expect(foreign.ok ? null : foreign.errors[`${F.progressPrefix}8`]).toContain('out of date');
  });
  it('refuses an overlong commitment or note on its field', () => {
    const long = parseCheckin(
      state({ ...base, [`${F.commitmentPrefix}2`]: text('x'.repeat(301)), [F.note]: text('y'.repeat(1001)) }),
      new Set(),
    );
    expect(long.ok ? {} : Object.keys(long.errors).sort()).toEqual([`${F.commitmentPrefix}2`, F.note].sort());
  });
  it('refuses what is not a form at all', () => {
    expect(parseCheckin('nonsense', new Set()).ok).toBe(false);
  });
});

describe('the facilitators’ forms and the buttons’ values', () => {
  it('reads who was ticked, only among those listed', () => {
    const boxes = (values: string[]) => ({ type: 'checkboxes', selected_options: values.map((value) => ({ value })) });
    const listed = new Set(['U1', 'U2', 'U3']);
    const ok = parseAttendance(state({ [`${F.presentPrefix}0`]: boxes(['U1']), [`${F.presentPrefix}1`]: boxes(['U3']) }), listed);
    expect(ok.ok && [...ok.value].sort()).toEqual(['U1', 'U3']);
    expect(parseAttendance(state({ [`${F.presentPrefix}0`]: boxes(['U9']) }), listed).ok).toBe(false);
  });
  it('wants notes, within Slack’s section size', () => {
    expect(parseNotes(state({ [F.notesText]: text('  Good session  ') }))).toEqual({ ok: true, value: 'Good session' });
    expect(parseNotes(state({ [F.notesText]: text(' ') })).ok).toBe(false);
    expect(parseNotes(state({ [F.notesText]: text('z'.repeat(2901)) })).ok).toBe(false);
  });
  it('reads metadata and picks strictly', () => {
    expect(jsonOf(sessionRef, '{"sessionId":5}')).toEqual({ sessionId: 5 });
    expect(jsonOf(sessionRef, '{"sessionId":"5"}')).toBeNull();
    expect(jsonOf(pickSchema, '{"circleId":3,"memberId":"U0PCBEN001"}')).toEqual({ circleId: 3, memberId: 'U0PCBEN001' });
    expect(jsonOf(pickSchema, '{"circleId":3,"memberId":"<script>"}')).toBeNull();
  });
});
