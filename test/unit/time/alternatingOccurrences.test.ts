import fc from 'fast-check';
import { type Cadence, WEEKDAYS, cadenceSchema, describeCadence } from '../../../src/time/cadence';
import { toEpochDays, weekdayOf } from '../../../src/time/calendarDate';
import { occurrences } from '../../../src/time/occurrences';
import { zonedWallTimeToInstant } from '../../../src/time/zonedTime';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'] as const;
const YEAR_2026 = { startDate: '2026-01-01', endDate: '2026-12-31' };
const ALL_TIME = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

const earlyLate: Cadence = {
  kind: 'weekly',
  everyWeeks: 1,
  weekday: 'tuesday',
  localTime: '08:00',
  durationMinutes: 60,
  timeZone: 'America/New_York',
  alternate: { weekday: 'tuesday', localTime: '17:00' },
};
const monthlyRotation: Cadence = {
  kind: 'monthly',
  everyMonths: 1,
  weekday: 'tuesday',
  nth: 2,
  localTime: '08:00',
  durationMinutes: 60,
  timeZone: 'America/New_York',
  alternate: { weekday: 'thursday', localTime: '17:00' },
};

const starts = (c: Cadence, cycle = YEAR_2026, window = ALL_TIME): Array<[string, string]> =>
  occurrences(c, cycle, window).map((o) => [o.localDate, o.startsAt.toISOString()]);

describe('the stored form of a rotating cadence', () => {
  it('accepts an alternate time on both kinds and round-trips through JSON', () => {
    for (const c of [earlyLate, monthlyRotation]) expect(cadenceSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('still reads a cadence stored before rotations existed, without adding a field', () => {
    const { alternate: _dropped, ...plain } = earlyLate;
    expect(cadenceSchema.parse(plain)).toEqual(plain);
    expect('alternate' in cadenceSchema.parse(plain)).toBe(false);
  });

  it.each([
    ['an alternate equal to the main time', { ...earlyLate, alternate: { weekday: 'tuesday', localTime: '08:00' } }],
    ['an alternate with its own zone', { ...earlyLate, alternate: { weekday: 'tuesday', localTime: '17:00', timeZone: 'UTC' } }],
    ['an alternate with an nth', { ...monthlyRotation, alternate: { weekday: 'thursday', localTime: '17:00', nth: 1 } }],
    ['an alternate without a time', { ...earlyLate, alternate: { weekday: 'tuesday' } }],
    ['an alternate at 24:00', { ...earlyLate, alternate: { weekday: 'tuesday', localTime: '24:00' } }],
    ['an alternate on an unknown day', { ...earlyLate, alternate: { weekday: 'Tue', localTime: '17:00' } }],
    ['a null alternate', { ...earlyLate, alternate: null }],
  ])('rejects %s', (_label, value) => {
    expect(cadenceSchema.safeParse(value).success).toBe(false);
  });
});

describe('describeCadence with a rotation', () => {
  it('says both times, and both days when they differ', () => {
    expect(describeCadence(earlyLate)).toBe('Weekly on Tuesday, alternating 08:00 and 17:00 (America/New_York), 60 min');
    expect(describeCadence({ ...earlyLate, everyWeeks: 2, alternate: { weekday: 'thursday', localTime: '17:00' } })).toBe(
      'Every 2 weeks, alternating Tuesday at 08:00 and Thursday at 17:00 (America/New_York), 60 min',
    );
    expect(describeCadence(monthlyRotation)).toBe(
      'Monthly, alternating the 2nd Tuesday at 08:00 and the 2nd Thursday at 17:00 (America/New_York), 60 min',
    );
    expect(
      describeCadence({ ...monthlyRotation, everyMonths: 2, nth: -1, alternate: { weekday: 'tuesday', localTime: '17:00' } }),
    ).toBe('Every 2 months on the last Tuesday, alternating 08:00 and 17:00 (America/New_York), 60 min');
  });
});

describe('occurrences of a rotating cadence', () => {
  it('alternates 08:00 and 17:00 New York week by week, keeping both local across spring forward', () => {
    expect(starts(earlyLate, { startDate: '2026-02-24', endDate: '2026-03-24' })).toEqual([
      ['2026-02-24', '2026-02-24T13:00:00.000Z'], // 08:00 EST
      ['2026-03-03', '2026-03-03T22:00:00.000Z'], // 17:00 EST
      ['2026-03-10', '2026-03-10T12:00:00.000Z'], // 08:00 EDT, after 8 March
      ['2026-03-17', '2026-03-17T21:00:00.000Z'], // 17:00 EDT
      ['2026-03-24', '2026-03-24T12:00:00.000Z'],
    ]);
  });

  it('keeps both local across fall back in Sydney (first Sunday of April)', () => {
    const sydney: Cadence = {
      ...earlyLate,
      weekday: 'sunday',
      timeZone: 'Australia/Sydney',
      alternate: { weekday: 'sunday', localTime: '19:30' },
    };
    expect(starts(sydney, { startDate: '2026-03-29', endDate: '2026-04-12' })).toEqual([
      ['2026-03-29', '2026-03-28T21:00:00.000Z'], // 08:00 AEDT (+11)
      ['2026-04-05', '2026-04-05T09:30:00.000Z'], // 19:30 AEST (+10), the day the clocks go back
      ['2026-04-12', '2026-04-11T22:00:00.000Z'], // 08:00 AEST
    ]);
  });

  it('puts the alternate weekday nearest the main one, before or after it', () => {
    const dates = (weekday: Cadence['weekday'], alternate: Cadence['weekday']): string[] =>
      occurrences(
        { ...earlyLate, weekday, alternate: { weekday: alternate, localTime: '17:00' } },
        { startDate: '2026-01-05', endDate: '2026-02-01' },
        ALL_TIME,
      ).map((o) => `${o.localDate} ${weekdayOf(o.localDate).slice(0, 3)}`);
    // Tuesday then Thursday: 9 and 5 days apart.
    expect(dates('tuesday', 'thursday')).toEqual(['2026-01-06 tue', '2026-01-15 thu', '2026-01-20 tue', '2026-01-29 thu']);
    // Thursday then Tuesday: the Tuesday before the week's Thursday, 5 and 9 days apart.
    expect(dates('thursday', 'tuesday')).toEqual(['2026-01-08 thu', '2026-01-13 tue', '2026-01-22 thu', '2026-01-27 tue']);
    // Sunday then Monday: 8 and 6 days apart, never 1 and 13.
    expect(dates('sunday', 'monday')).toEqual(['2026-01-11 sun', '2026-01-19 mon', '2026-01-25 sun']);
  });

  it('rotates every other session of a fortnightly cadence', () => {
    const c: Cadence = { ...earlyLate, everyWeeks: 2 };
    expect(starts(c, { startDate: '2026-01-05', endDate: '2026-02-28' })).toEqual([
      ['2026-01-06', '2026-01-06T13:00:00.000Z'],
      ['2026-01-20', '2026-01-20T22:00:00.000Z'],
      ['2026-02-03', '2026-02-03T13:00:00.000Z'],
      ['2026-02-17', '2026-02-17T22:00:00.000Z'],
    ]);
  });

  it('alternates months of a monthly cadence, each on its own weekday', () => {
    expect(starts(monthlyRotation, { startDate: '2026-01-01', endDate: '2026-04-30' })).toEqual([
      ['2026-01-13', '2026-01-13T13:00:00.000Z'], // 2nd Tuesday, 08:00 EST
      ['2026-02-12', '2026-02-12T22:00:00.000Z'], // 2nd Thursday, 17:00 EST
      ['2026-03-10', '2026-03-10T12:00:00.000Z'], // 2nd Tuesday, 08:00 EDT
      ['2026-04-09', '2026-04-09T21:00:00.000Z'], // 2nd Thursday, 17:00 EDT
    ]);
    expect(starts({ ...monthlyRotation, everyMonths: 2 }, YEAR_2026).map(([d]) => d)).toEqual([
      '2026-01-13',
      '2026-03-12',
      '2026-05-12',
      '2026-07-09',
      '2026-09-08',
      '2026-11-12',
    ]);
  });

  it('keeps the rotation of the cycle start when the window is far into the cycle', () => {
    const cycle = { startDate: '2026-01-05', endDate: '2027-12-31' };
    const window = { from: new Date('2027-10-01T00:00:00Z'), to: new Date('2027-11-01T00:00:00Z') };
    const all = occurrences(earlyLate, cycle, ALL_TIME);
    expect(occurrences(earlyLate, cycle, window)).toEqual(all.filter((o) => o.startsAt >= window.from && o.startsAt < window.to));
  });

  it('includes an alternate session that falls before the main weekday of the cycle’s last week', () => {
    const c: Cadence = { ...earlyLate, weekday: 'thursday', alternate: { weekday: 'tuesday', localTime: '17:00' } };
    expect(starts(c, { startDate: '2026-01-08', endDate: '2026-01-14' }).map(([d]) => d)).toEqual(['2026-01-08', '2026-01-13']);
  });
});

describe('occurrences of a rotating cadence (properties)', () => {
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const weekday = fc.constantFrom(...WEEKDAYS);
  const cadence: fc.Arbitrary<Cadence> = fc
    .record({
      monthly: fc.boolean(),
      every: fc.constantFrom(1 as const, 2 as const),
      nth: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, -1 as const),
      weekday,
      localTime: time,
      timeZone: fc.constantFrom(...ZONES),
      alternate: fc.record({ weekday, localTime: time }),
    })
    .filter((r) => r.alternate.weekday !== r.weekday || r.alternate.localTime !== r.localTime)
    .map((r) => {
      const common = {
        weekday: r.weekday,
        localTime: r.localTime,
        durationMinutes: 60,
        timeZone: r.timeZone,
        alternate: r.alternate,
      };
      return r.monthly
        ? { kind: 'monthly' as const, everyMonths: r.every, nth: r.nth, ...common }
        : { kind: 'weekly' as const, everyWeeks: r.every, ...common };
    });
  const cycle = fc.tuple(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: 2 * 365 })).map(([start, length]) => {
    const day = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return { startDate: day(start), endDate: day(start + length) };
  });

  it('holds every session at one of its two times in the anchor zone, alternating, on the right weekdays', () => {
    fc.assert(
      fc.property(cadence, cycle, (c, cyc) => {
        const alt = c.alternate;
        if (!alt) return;
        const all = occurrences(c, cyc, ALL_TIME);
        // Expected from first principles: the slot by position, and the instant a single conversion gives.
        const expected = all.map((o, i) => {
          const slot = i % 2 === 0 ? { weekday: c.weekday, localTime: c.localTime } : alt;
          return [slot.weekday, zonedWallTimeToInstant(o.localDate, slot.localTime, c.timeZone).toISOString(), true];
        });
        const actual = all.map((o) => [
          weekdayOf(o.localDate),
          o.startsAt.toISOString(),
          o.localDate >= cyc.startDate && o.localDate <= cyc.endDate,
        ]);
        expect(actual).toEqual(expected);
        const gaps = all.slice(1).map((o, i) => toEpochDays(o.localDate) - toEpochDays(all[i]?.localDate ?? ''));
        const step = c.kind === 'weekly' ? 7 * c.everyWeeks : null;
        expect(gaps.filter((gap) => (step === null ? gap <= 0 : Math.abs(gap - step) > 3))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same sessions in any window as the whole cycle does, filtered', () => {
    fc.assert(
      fc.property(
        cadence,
        cycle,
        fc.integer({ min: 0, max: 4 * 365 * 24 }),
        fc.integer({ min: 1, max: 120 * 24 }),
        (c, cyc, fromH, lenH) => {
          const from = new Date(Date.UTC(2025, 0, 1) + fromH * 3_600_000);
          const to = new Date(from.getTime() + lenH * 3_600_000);
          const all = occurrences(c, cyc, ALL_TIME);
          expect(occurrences(c, cyc, { from, to })).toEqual(all.filter((o) => o.startsAt >= from && o.startsAt < to));
        },
      ),
      { numRuns: 300 },
    );
  });
});
