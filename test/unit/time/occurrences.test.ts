import { type Cadence, WEEKDAYS, type Weekday } from '../../../src/time/cadence';
import { occurrences } from '../../../src/time/occurrences';
import { addDays, instantToZonedParts, zonedWallTimeToInstant } from '../../../src/time/zonedTime';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'] as const;
const HOUR = 3_600_000;
const YEAR_2026 = { startDate: '2026-01-01', endDate: '2026-12-31' };
const ALL_TIME = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

function weekly(over: Partial<Extract<Cadence, { kind: 'weekly' }>> = {}): Cadence {
  return {
    kind: 'weekly',
    everyWeeks: 1,
    weekday: 'sunday',
    localTime: '09:00',
    durationMinutes: 60,
    timeZone: 'America/New_York',
    ...over,
  };
}

function monthly(over: Partial<Extract<Cadence, { kind: 'monthly' }>> = {}): Cadence {
  return {
    kind: 'monthly',
    everyMonths: 1,
    weekday: 'monday',
    nth: 1,
    localTime: '09:00',
    durationMinutes: 60,
    timeZone: 'America/New_York',
    ...over,
  };
}

const isoStarts = (c: Cadence, cycle = YEAR_2026, window = ALL_TIME): string[] =>
  occurrences(c, cycle, window).map((o) => o.startsAt.toISOString());
const localDates = (c: Cadence, cycle = YEAR_2026, window = ALL_TIME): string[] =>
  occurrences(c, cycle, window).map((o) => o.localDate);

/**
 * Reference schedule by walking every day of the cycle: slow but obviously right, so the
 * arithmetic version is checked against it rather than against hand-picked dates only.
 */
function referenceDates(c: Cadence, cycle: { startDate: string; endDate: string }): string[] {
  const dates: string[] = [];
  const sundayFirst: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const weekdayOf = (d: string): Weekday => sundayFirst[new Date(`${d}T12:00:00Z`).getUTCDay()] ?? 'sunday';
  if (c.kind === 'weekly') {
    let d = cycle.startDate;
    while (weekdayOf(d) !== c.weekday) d = addDays(d, 1);
    for (; d <= cycle.endDate; d = addDays(d, 7 * c.everyWeeks)) dates.push(d);
    return dates;
  }
  const matchesRule = (d: string): boolean => {
    if (weekdayOf(d) !== c.weekday) return false;
    const day = Number(d.slice(8));
    if (c.nth === -1) return addDays(d, 7).slice(0, 7) !== d.slice(0, 7);
    return Math.ceil(day / 7) === c.nth;
  };
  let anchorMonth: string | null = null;
  for (let d = cycle.startDate; d <= cycle.endDate; d = addDays(d, 1)) {
    if (!matchesRule(d)) continue;
    const month = d.slice(0, 7);
    if (anchorMonth === null) anchorMonth = month;
    const monthsApart =
      (Number(month.slice(0, 4)) - Number(anchorMonth.slice(0, 4))) * 12 +
      (Number(month.slice(5)) - Number(anchorMonth.slice(5)));
    if (monthsApart % c.everyMonths === 0) dates.push(d);
  }
  return dates;
}

describe('occurrences: every cadence option in every zone', () => {
  const options: Cadence[] = [];
  for (const timeZone of ZONES) {
    for (const weekday of WEEKDAYS) {
      for (const everyWeeks of [1, 2] as const) options.push(weekly({ timeZone, weekday, everyWeeks }));
      for (const everyMonths of [1, 2] as const) {
        for (const nth of [1, 2, 3, 4, -1] as const) options.push(monthly({ timeZone, weekday, everyMonths, nth }));
      }
    }
  }
  const cycle = { startDate: '2026-01-14', endDate: '2027-03-10' };

  it.each(options.map((c) => [JSON.stringify(c), c] as const))('%s', (_label, c) => {
    const result = occurrences(c, cycle, ALL_TIME);
    expect(result.map((o) => o.localDate)).toEqual(referenceDates(c, cycle));
    for (const o of result) {
      // 09:00 local on its own local date and weekday, whatever the offset that day.
      expect(instantToZonedParts(o.startsAt, c.timeZone)).toEqual({ date: o.localDate, time: '09:00', weekday: c.weekday });
      expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(c.durationMinutes * 60_000);
    }
  });
});

describe('occurrences across DST changes', () => {
  it('keeps 09:00 New York local across spring forward (UTC moves by an hour)', () => {
    expect(isoStarts(weekly(), { startDate: '2026-03-01', endDate: '2026-03-15' })).toEqual([
      '2026-03-01T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-15T13:00:00.000Z',
    ]);
  });

  it('keeps 09:00 New York local across fall back', () => {
    const starts = occurrences(weekly(), { startDate: '2026-10-25', endDate: '2026-11-08' }, ALL_TIME).map((o) =>
      o.startsAt.getTime(),
    );
    expect(starts.map((t) => new Date(t).toISOString())).toEqual([
      '2026-10-25T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      '2026-11-08T14:00:00.000Z',
    ]);
    // A week apart on the wall clock, a week plus an hour apart in elapsed time.
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBe(7 * 24 * HOUR + HOUR);
  });

  it('moves a nonexistent 02:30 New York session to 03:30 EDT on spring-forward day', () => {
    const result = occurrences(weekly({ localTime: '02:30' }), { startDate: '2026-03-01', endDate: '2026-03-15' }, ALL_TIME);
    expect(result.map((o) => [o.localDate, o.startsAt.toISOString()])).toEqual([
      ['2026-03-01', '2026-03-01T07:30:00.000Z'],
      ['2026-03-08', '2026-03-08T07:30:00.000Z'],
      ['2026-03-15', '2026-03-15T06:30:00.000Z'],
    ]);
    expect(instantToZonedParts(result[1]?.startsAt ?? new Date(Number.NaN), 'America/New_York').time).toBe('03:30');
  });

  it('takes the first 01:30 on New York fall-back day', () => {
    expect(isoStarts(weekly({ localTime: '01:30' }), { startDate: '2026-10-25', endDate: '2026-11-08' })).toEqual([
      '2026-10-25T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-08T06:30:00.000Z',
    ]);
  });

  it('handles London on the last Sundays of March and October', () => {
    const c = monthly({ timeZone: 'Europe/London', weekday: 'sunday', nth: -1, localTime: '09:00' });
    const dst = { startDate: '2026-02-01', endDate: '2026-11-30' };
    expect(localDates(c, dst)).toEqual([
      '2026-02-22',
      '2026-03-29',
      '2026-04-26',
      '2026-05-31',
      '2026-06-28',
      '2026-07-26',
      '2026-08-30',
      '2026-09-27',
      '2026-10-25',
      '2026-11-29',
    ]);
    const starts = isoStarts(c, dst);
    expect(starts[0]).toBe('2026-02-22T09:00:00.000Z'); // GMT
    expect(starts[1]).toBe('2026-03-29T08:00:00.000Z'); // BST from that morning
    expect(starts[8]).toBe('2026-10-25T09:00:00.000Z'); // GMT again
    // 01:30 doesn't exist on 29 March and happens twice on 25 October.
    const early = isoStarts({ ...c, localTime: '01:30' }, dst);
    expect(early[1]).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(early[8]).toBe('2026-10-25T00:30:00.000Z'); // first 01:30, BST
  });

  it('handles Sydney on the first Sundays of April (back) and October (forward)', () => {
    const c = monthly({ timeZone: 'Australia/Sydney', weekday: 'sunday', nth: 1 });
    const dst = { startDate: '2026-03-01', endDate: '2026-10-31' };
    const result = occurrences(c, dst, ALL_TIME);
    const byDate = new Map(result.map((o) => [o.localDate, o.startsAt.toISOString()]));
    expect(byDate.get('2026-03-01')).toBe('2026-02-28T22:00:00.000Z'); // AEDT +11
    expect(byDate.get('2026-04-05')).toBe('2026-04-04T23:00:00.000Z'); // AEST +10
    expect(byDate.get('2026-10-04')).toBe('2026-10-03T22:00:00.000Z'); // AEDT +11
    const early = new Map(occurrences({ ...c, localTime: '02:30' }, dst, ALL_TIME).map((o) => [o.localDate, o]));
    expect(early.get('2026-04-05')?.startsAt.toISOString()).toBe('2026-04-04T15:30:00.000Z'); // first 02:30, AEDT
    expect(early.get('2026-10-04')?.startsAt.toISOString()).toBe('2026-10-03T16:30:00.000Z'); // gap: 03:30 AEDT
  });

  it('keeps Kolkata at +05:30 all year', () => {
    const result = occurrences(
      weekly({ timeZone: 'Asia/Kolkata', weekday: 'thursday', localTime: '19:00' }),
      YEAR_2026,
      ALL_TIME,
    );
    expect(result).toHaveLength(53); // 2026 starts and ends on a Thursday
    for (const o of result) expect(o.startsAt.toISOString()).toBe(`${o.localDate}T13:30:00.000Z`);
  });
});

describe('weekly rules', () => {
  it('starts on the first matching weekday on or after the cycle start', () => {
    expect(localDates(weekly({ weekday: 'sunday' }), { startDate: '2026-03-04', endDate: '2026-03-22' })).toEqual([
      '2026-03-08',
      '2026-03-15',
      '2026-03-22',
    ]);
    // Start date itself counts when it's the right weekday.
    expect(localDates(weekly({ weekday: 'wednesday' }), { startDate: '2026-03-04', endDate: '2026-03-11' })).toEqual([
      '2026-03-04',
      '2026-03-11',
    ]);
  });

  it('meets every 2 weeks, with the end date inclusive', () => {
    const c = weekly({ everyWeeks: 2, weekday: 'tuesday' });
    const result = occurrences(c, { startDate: '2026-01-05', endDate: '2026-03-31' }, ALL_TIME);
    expect(result.map((o) => [o.localDate, o.startsAt.toISOString()])).toEqual([
      ['2026-01-06', '2026-01-06T14:00:00.000Z'],
      ['2026-01-20', '2026-01-20T14:00:00.000Z'],
      ['2026-02-03', '2026-02-03T14:00:00.000Z'],
      ['2026-02-17', '2026-02-17T14:00:00.000Z'],
      ['2026-03-03', '2026-03-03T14:00:00.000Z'],
      ['2026-03-17', '2026-03-17T13:00:00.000Z'],
      ['2026-03-31', '2026-03-31T13:00:00.000Z'],
    ]);
    expect(localDates(c, { startDate: '2026-01-05', endDate: '2026-03-30' }).at(-1)).toBe('2026-03-17');
  });

  it('keeps the fortnightly rhythm of the cycle start when the window is far into the cycle', () => {
    const c = weekly({ everyWeeks: 2, weekday: 'tuesday' });
    const window = { from: new Date('2027-10-01T00:00:00Z'), to: new Date('2027-11-01T00:00:00Z') };
    const cycle = { startDate: '2026-01-05', endDate: '2027-12-31' };
    expect(localDates(c, cycle, window)).toEqual(['2027-10-12', '2027-10-26']); // 644 and 658 days after 2026-01-06
    expect(localDates(c, cycle, window)).toEqual(referenceDates(c, cycle).filter((d) => d >= '2027-10-01' && d < '2027-11-01'));
  });
});

describe('monthly rules', () => {
  it('finds the last Friday in months with four and with five Fridays', () => {
    const c = monthly({ weekday: 'friday', nth: -1, localTime: '16:30' });
    expect(localDates(c, { startDate: '2026-01-01', endDate: '2026-05-31' })).toEqual([
      '2026-01-30', // January 2026 has five Fridays (2, 9, 16, 23, 30)
      '2026-02-27', // February has four (6, 13, 20, 27)
      '2026-03-27',
      '2026-04-24',
      '2026-05-29', // five again (1 ... 29)
    ]);
  });

  it('meets on the nth weekday of the month', () => {
    const c = monthly({ timeZone: 'Europe/London', weekday: 'monday', nth: 1 });
    const result = occurrences(c, YEAR_2026, ALL_TIME);
    expect(result.map((o) => o.localDate)).toEqual([
      '2026-01-05',
      '2026-02-02',
      '2026-03-02',
      '2026-04-06',
      '2026-05-04',
      '2026-06-01',
      '2026-07-06',
      '2026-08-03',
      '2026-09-07',
      '2026-10-05',
      '2026-11-02',
      '2026-12-07',
    ]);
    expect(result.map((o) => o.startsAt.getUTCHours())).toEqual([9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 9, 9]);
    expect(localDates(monthly({ weekday: 'thursday', nth: 4 }), { startDate: '2026-01-01', endDate: '2026-03-31' })).toEqual([
      '2026-01-22',
      '2026-02-26',
      '2026-03-26',
    ]);
  });

  it('skips the start month when its date has already passed', () => {
    expect(localDates(monthly({ weekday: 'monday', nth: 1 }), { startDate: '2026-01-10', endDate: '2026-03-31' })).toEqual([
      '2026-02-02',
      '2026-03-02',
    ]);
  });

  it('meets every 2 months, counted from the first meeting month', () => {
    const c = monthly({ everyMonths: 2, weekday: 'wednesday', nth: 2, localTime: '18:00', timeZone: 'Australia/Sydney' });
    expect(occurrences(c, YEAR_2026, ALL_TIME).map((o) => [o.localDate, o.startsAt.toISOString()])).toEqual([
      ['2026-01-14', '2026-01-14T07:00:00.000Z'],
      ['2026-03-11', '2026-03-11T07:00:00.000Z'],
      ['2026-05-13', '2026-05-13T08:00:00.000Z'],
      ['2026-07-08', '2026-07-08T08:00:00.000Z'],
      ['2026-09-09', '2026-09-09T08:00:00.000Z'],
      ['2026-11-11', '2026-11-11T07:00:00.000Z'],
    ]);
    // Start after January's 2nd Wednesday: February anchors the rhythm instead.
    expect(localDates(c, { startDate: '2026-01-20', endDate: '2026-08-31' })).toEqual([
      '2026-02-11',
      '2026-04-08',
      '2026-06-10',
      '2026-08-12',
    ]);
    // A window in the middle keeps the January anchor.
    const window = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-10-01T00:00:00Z') };
    expect(localDates(c, YEAR_2026, window)).toEqual(['2026-07-08', '2026-09-09']);
  });
});

describe('window and cycle bounds', () => {
  const c = weekly({ everyWeeks: 2, weekday: 'tuesday' });
  const cycle = { startDate: '2026-01-05', endDate: '2026-03-31' };

  it('includes a session starting exactly at `from` and excludes one starting exactly at `to`', () => {
    const window = { from: new Date('2026-02-03T14:00:00Z'), to: new Date('2026-03-03T14:00:00Z') };
    expect(localDates(c, cycle, window)).toEqual(['2026-02-03', '2026-02-17']);
  });

  it('filters by start instant even when the local date differs from the UTC date', () => {
    const sydney = monthly({ timeZone: 'Australia/Sydney', weekday: 'sunday', nth: 1, localTime: '02:30' });
    const window = { from: new Date('2026-10-03T16:00:00Z'), to: new Date('2026-10-03T17:00:00Z') };
    expect(occurrences(sydney, YEAR_2026, window).map((o) => o.localDate)).toEqual(['2026-10-04']);
  });

  it('returns nothing for empty or inverted windows and cycles', () => {
    const t = new Date('2026-02-03T14:00:00Z');
    expect(occurrences(c, cycle, { from: t, to: t })).toEqual([]);
    expect(occurrences(c, { startDate: '2026-03-31', endDate: '2026-01-01' }, ALL_TIME)).toEqual([]);
    expect(occurrences(c, cycle, { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2028-01-01T00:00:00Z') })).toEqual([]);
  });

  it('handles a one-day cycle', () => {
    expect(localDates(c, { startDate: '2026-01-06', endDate: '2026-01-06' })).toEqual(['2026-01-06']);
    expect(localDates(c, { startDate: '2026-01-07', endDate: '2026-01-07' })).toEqual([]);
  });

  it('matches the single-instant conversion for each session', () => {
    for (const o of occurrences(c, cycle, ALL_TIME)) {
      expect(o.startsAt).toEqual(zonedWallTimeToInstant(o.localDate, c.localTime, c.timeZone));
    }
  });

  it('rejects invalid input', () => {
    expect(() => occurrences({ ...c, localTime: '9am' }, cycle, ALL_TIME)).toThrow(RangeError);
    expect(() => occurrences(c, { startDate: '2026-02-30', endDate: '2026-03-31' }, ALL_TIME)).toThrow(RangeError);
    expect(() => occurrences(c, cycle, { from: new Date(Number.NaN), to: new Date() })).toThrow(RangeError);
  });
});

// Speed is measured by `npm run bench`; this only checks a year of many mixed cadences adds up.
describe('a year of sessions for 2000 circles', () => {
  it('yields the expected number of sessions', () => {
    let total = 0;
    for (let i = 0; i < 2000; i++) {
      const timeZone = ZONES[i % ZONES.length] ?? 'UTC';
      const localTime = `${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
      const c =
        i % 3 === 0
          ? monthly({ timeZone, localTime, nth: -1 })
          : weekly({ timeZone, localTime, everyWeeks: i % 2 === 0 ? 1 : 2 });
      total += occurrences(c, YEAR_2026, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }).length;
    }
    expect(total).toBeGreaterThan(40_000);
  });
});
