import { type CandidateTime, type Participant, rankCandidates } from '../../../src/availability';
import { keepRotation, sameCadence } from '../../../src/circles/settings/model';
import { DEFAULT_CLOSE_DAYS, parseCloseDays, parseNote, parseTimes, rotationOffer } from '../../../src/polls/model';
import { pickedCadence } from '../../../src/polls/service';
import type { Cadence } from '../../../src/time/cadence';
import { occurrences } from '../../../src/time/occurrences';

const NY = 'America/New_York';
const weeklyCircle: Cadence = {
  kind: 'weekly',
  everyWeeks: 1,
  weekday: 'tuesday',
  localTime: '09:00',
  durationMinutes: 60,
  timeZone: NY,
};
const monthlyCircle: Cadence = {
  kind: 'monthly',
  everyMonths: 1,
  nth: 2,
  weekday: 'tuesday',
  localTime: '09:00',
  durationMinutes: 60,
  timeZone: NY,
};
const at = (weekday: CandidateTime['weekday'], localTime: string): CandidateTime => ({
  kind: 'weekly',
  weekday,
  localTime,
  timeZone: NY,
  durationMinutes: 60,
});

describe('the times a facilitator types', () => {
  it('reads one a line (or separated by ;) as the circle’s kind of time in its zone', () => {
    const read = parseTimes('Tue 08:00\n  thu 5pm ; Wed 12:30', weeklyCircle);
    expect(read).toEqual({ ok: true, value: [at('tuesday', '08:00'), at('thursday', '17:00'), at('wednesday', '12:30')] });
  });

  it('reads monthly times with their week for a monthly circle', () => {
    const read = parseTimes('2nd Tue 09:00\nlast Fri 16:30', monthlyCircle);
    expect(read.ok && read.value.map((c) => (c.kind === 'monthly' ? c.nth : 0))).toEqual([2, -1]);
  });

  it.each([
    ['', 'List at least one time'],
    ['Tue 08:00\nTue 08:00', 'A time is listed twice'],
    [Array.from({ length: 13 }, (_, i) => `Tue ${String(i + 6).padStart(2, '0')}:00`).join('\n'), 'at most 12'],
    ['Tue 08:00\nsometime', 'Line 2:'],
    ['2nd Tue 09:00', 'Line 1:'],
  ])('refuses %j with a message saying what is wrong', (text, message) => {
    const read = parseTimes(text, weeklyCircle);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain(message);
  });

  it('reads the days until closing (5 when empty) and a note', () => {
    expect(parseCloseDays('')).toEqual({ ok: true, value: DEFAULT_CLOSE_DAYS });
    expect(parseCloseDays(' 7 ')).toEqual({ ok: true, value: 7 });
    for (const bad of ['0', '31', '-1', '2.5', 'five']) expect(parseCloseDays(bad).ok).toBe(false);
    expect(parseNote('  ')).toEqual({ ok: true, value: null });
    expect(parseNote('x'.repeat(301)).ok).toBe(false);
  });
});

describe('the rotation offered when no time suits everyone', () => {
  const early = at('tuesday', '08:00');
  const late = at('tuesday', '17:00');
  const noon = at('thursday', '12:00');
  const people: Participant[] = [
    { id: 'ny', timeZone: NY, answers: {} },
    { id: 'london', timeZone: 'Europe/London', answers: {} },
    { id: 'sydney', timeZone: 'Australia/Sydney', answers: {} },
  ];
  const say = (answers: Record<string, Record<string, 'yes' | 'ifneedbe' | 'no'>>): Participant[] =>
    people.map((p) => ({ ...p, answers: Object.fromEntries(Object.entries(answers[p.id] ?? {})) }));
  const keys = { early: `weekly:tuesday:08:00:${NY}`, late: `weekly:tuesday:17:00:${NY}`, noon: `weekly:thursday:12:00:${NY}` };
  const range = { from: '2026-12-01', to: '2027-05-31' };

  it('takes the two times that together let the most come, the better ranked first', () => {
    const answers = say({
      ny: { [keys.early]: 'yes', [keys.late]: 'yes', [keys.noon]: 'yes' },
      london: { [keys.early]: 'yes', [keys.late]: 'no', [keys.noon]: 'no' },
      sydney: { [keys.early]: 'no', [keys.late]: 'yes', [keys.noon]: 'no' },
    });
    const candidates = [noon, early, late];
    const ranked = rankCandidates(candidates, answers, range);
    expect(ranked.some((r) => r.suitsEveryone)).toBe(false);
    const offer = rotationOffer(ranked, candidates, weeklyCircle);
    expect(offer?.covered).toBe(3);
    // 17:00 ranks above 08:00 (a fairer worst local time: 22:00 in London against midnight in Sydney), so it comes first.
    expect(offer?.picks).toEqual([2, 1]);
    expect(offer?.cadence).toMatchObject({
      weekday: 'tuesday',
      localTime: '17:00',
      alternate: { weekday: 'tuesday', localTime: '08:00' },
    });
  });

  it('offers nothing the cadence cannot alternate (monthly times in different weeks)', () => {
    const second: CandidateTime = {
      kind: 'monthly',
      nth: 2,
      weekday: 'tuesday',
      localTime: '08:00',
      timeZone: NY,
      durationMinutes: 60,
    };
    const fourth: CandidateTime = { ...second, nth: 4, localTime: '17:00' };
    const ranked = rankCandidates([second, fourth], people, range);
    expect(rotationOffer(ranked, [second, fourth], monthlyCircle)).toBeNull();
  });

  it('turns a pick into the circle’s cadence: one time, or two alternated; refuses positions that are not in the poll', () => {
    expect(pickedCadence(weeklyCircle, [early, late], [1])).toEqual({ ...weeklyCircle, localTime: '17:00' });
    expect(pickedCadence(weeklyCircle, [early, late], [0, 1])).toEqual({
      ...weeklyCircle,
      localTime: '08:00',
      alternate: { weekday: 'tuesday', localTime: '17:00' },
    });
    expect(pickedCadence(weeklyCircle, [early, late], [2])).toBeNull();
    expect(pickedCadence(weeklyCircle, [early, late], [0, 0])).toBeNull();
    expect(pickedCadence(monthlyCircle, [early], [0])).toBeNull();
  });

  it('alternates across daylight saving in every member’s zone: 08:00 and 17:00 stay put in New York, and move for London and Sydney', () => {
    const cadence = pickedCadence(weeklyCircle, [early, late], [0, 1])!;
    const sessions = occurrences(
      cadence,
      { startDate: '2027-03-02', endDate: '2027-04-13' },
      { from: new Date('2027-03-01T00:00:00Z'), to: new Date('2027-04-14T00:00:00Z') },
    );
    const wall = (d: Date, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(d);
    expect(sessions.map((s) => wall(s.startsAt, NY))).toEqual([
      'Tue 08:00',
      'Tue 17:00',
      'Tue 08:00',
      'Tue 17:00',
      'Tue 08:00',
      'Tue 17:00',
      'Tue 08:00',
    ]);
    expect(sessions.map((s) => wall(s.startsAt, 'Europe/London'))).toEqual([
      'Tue 13:00',
      'Tue 22:00',
      'Tue 12:00',
      'Tue 21:00',
      'Tue 13:00',
      'Tue 22:00',
      'Tue 13:00',
    ]);
    expect(sessions.map((s) => wall(s.startsAt, 'Australia/Sydney'))).toEqual([
      'Wed 00:00',
      'Wed 09:00',
      'Tue 23:00',
      'Wed 08:00',
      'Tue 23:00',
      'Wed 07:00',
      'Tue 22:00',
    ]);
    expect(sessions.map((s) => wall(s.startsAt, 'Asia/Kolkata'))).toEqual([
      'Tue 18:30',
      'Wed 03:30',
      'Tue 17:30',
      'Wed 02:30',
      'Tue 17:30',
      'Wed 02:30',
      'Tue 17:30',
    ]);
  });
});

describe('editing a rotating circle in the settings modal', () => {
  const rotating: Cadence = { ...weeklyCircle, localTime: '08:00', alternate: { weekday: 'tuesday', localTime: '17:00' } };

  it('keeps the rotation when the main day and time are unchanged (the modal has no field for it)', () => {
    const edited: Cadence = { ...weeklyCircle, localTime: '08:00', durationMinutes: 90 };
    expect(keepRotation(JSON.parse(JSON.stringify(rotating)), edited)).toEqual({ ...edited, alternate: rotating.alternate });
  });

  it('ends it when the main time changed, or when the stored cadence had none', () => {
    const moved: Cadence = { ...weeklyCircle, localTime: '10:00' };
    expect(keepRotation(rotating, moved)).toEqual(moved);
    expect(keepRotation(weeklyCircle, moved)).toEqual(moved);
    expect(keepRotation({ not: 'a cadence' }, moved)).toEqual(moved);
  });

  it('compares a stored cadence field by field, whatever order jsonb kept its keys in', () => {
    const reordered = Object.fromEntries(Object.entries(rotating).reverse());
    expect(sameCadence(reordered, rotating)).toBe(true);
    expect(sameCadence(reordered, { ...rotating, localTime: '08:30' })).toBe(false);
  });
});
