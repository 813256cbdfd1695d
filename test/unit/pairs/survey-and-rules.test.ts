import { PairFields as F } from '../../../src/pairs/ids';
import {
  isTimeZone,
  nextMonth,
  nextTip,
  parseSurvey,
  secondNotYet,
  SHOWN_KEPT,
  toParticipant,
  withShown,
} from '../../../src/pairs/model';
import { TIP_KEYS, TIPS } from '../../../src/pairs/tips';

const ctx = { topics: ['fundraising', 'hiring'], others: new Set(['U2', 'U3']), selfId: 'U1' };
const state = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, { [k]: x }]));
const good = {
  [F.goals]: { value: ' Delegate more ' },
  [`${F.topicsPrefix}0`]: { selected_options: [{ value: 'hiring' }] },
  [F.stage]: { selected_option: { value: '3' } },
  [F.times]: { selected_options: [{ value: 'evenings' }] },
  [F.timeZone]: { value: 'Europe/London' },
  [F.wishes]: { selected_users: ['U2'] },
  [F.avoid]: { selected_users: ['U3'] },
};

describe('the matching survey', () => {
  it('reads a complete answer', () => {
    expect(parseSurvey(state(good), ctx)).toEqual({
      ok: true,
      value: {
        goals: 'Delegate more',
        topics: ['hiring'],
        stage: 3,
        times: ['evenings'],
        timeZone: 'Europe/London',
        wishes: ['U2'],
        avoid: ['U3'],
      },
    });
  });

  it('names each wrong field', () => {
    const bad = parseSurvey(
      state({
        ...good,
        [F.goals]: { value: '' },
        [`${F.topicsPrefix}0`]: { selected_options: [{ value: 'astrology' }] },
        [F.stage]: { selected_option: { value: '9' } },
        [F.timeZone]: { value: 'Nowhere/Land' },
        [F.wishes]: { selected_users: ['U2', 'U3', 'U4', 'U5'] },
        [F.avoid]: { selected_users: [] },
      }),
      ctx,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual([F.goals, `${F.topicsPrefix}0`, F.stage, F.timeZone, F.wishes].sort());
    expect(parseSurvey('nonsense', ctx)).toMatchObject({
      ok: false,
      errors: { [F.goals]: expect.stringContaining('out of date') },
    });
  });

  it('knows time zones', () => {
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('gives the matcher the zone offset of the day', () => {
    const s = {
      user_id: 'U1',
      topics: [],
      stage: 1,
      times: ['mornings', 'weekends'],
      time_zone: 'America/New_York',
      wishes: [],
      avoid: [],
    };
    expect(toParticipant(s, new Date('2027-01-15T12:00:00Z'))).toMatchObject({ utcOffsetMinutes: -300, times: ['mornings'] });
    expect(toParticipant(s, new Date('2027-07-15T12:00:00Z')).utcOffsetMinutes).toBe(-240);
  });
});

describe('pairs rules', () => {
  it('two "not yet" in a row, and only then', () => {
    expect(secondNotYet('not_yet', 'not_yet')).toBe(true);
    expect(secondNotYet(undefined, 'not_yet')).toBe(false);
    expect(secondNotYet('yes', 'not_yet')).toBe(false);
    expect(secondNotYet('not_yet', 'stuck')).toBe(false);
  });

  it('tips: at least 12, unique keys, none repeated until all are used', () => {
    expect(TIPS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(TIP_KEYS).size).toBe(TIP_KEYS.length);
    const used: string[] = [];
    for (let i = 0; i < TIP_KEYS.length * 2; i++) used.push(nextTip(TIP_KEYS, used));
    expect(new Set(used.slice(0, TIP_KEYS.length)).size).toBe(TIP_KEYS.length);
    expect(used.slice(TIP_KEYS.length)).toEqual(used.slice(0, TIP_KEYS.length));
  });

  it('months roll over the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2027-09')).toBe('2027-10');
  });
});

describe('the arrangements a preview remembers', () => {
  it('keeps the latest SHOWN_KEPT, however often Shuffle is pressed', () => {
    let shown: number[] = [];
    for (let press = 1; press <= SHOWN_KEPT * 3; press++) shown = withShown(shown, press);
    expect(shown).toHaveLength(SHOWN_KEPT);
    expect(shown[0]).toBe(SHOWN_KEPT * 2 + 1);
    expect(shown.at(-1)).toBe(SHOWN_KEPT * 3);
    expect(withShown([1, 2], 3)).toEqual([1, 2, 3]);
  });
});
