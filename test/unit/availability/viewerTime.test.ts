import fc from 'fast-check';
import type { CandidateTime } from '../../../src/availability/candidateTime';
import { localMeetings, rangeFrom } from '../../../src/availability/localMeetings';
import { type ViewerTime, viewerTime } from '../../../src/availability/viewerTime';
import { WEEKDAYS } from '../../../src/time/weekday';

const NEW_YORK = 'America/New_York';
const A_YEAR = { from: '2025-06-01', to: '2026-05-31' }; // both changes of every zone here, north and south
const YEAR_2026 = { from: '2026-01-01', to: '2026-12-31' };

function weekly(weekday: CandidateTime['weekday'], localTime: string, timeZone: string): CandidateTime {
  return { kind: 'weekly', weekday, localTime, timeZone, durationMinutes: 60 };
}

/** Exceptions without their meeting lists, which long southern stretches make long. */
const spans = (v: ViewerTime): string[] => v.exceptions.map((e) => `${e.weekday.slice(0, 3)} ${e.localTime} ${e.from}..${e.to}`);

describe('a New York candidate (Tue 09:00) seen around the world', () => {
  const tue9 = weekly('tuesday', '09:00', NEW_YORK);

  it('is 15:00 in Paris, 14:00 in the weeks between the US and EU changes', () => {
    expect(viewerTime(tue9, 'Europe/Paris', A_YEAR)).toEqual({
      timeZone: 'Europe/Paris',
      usual: { weekday: 'tuesday', localTime: '15:00', dayShift: 0 },
      exceptions: [
        { weekday: 'tuesday', localTime: '14:00', dayShift: 0, from: '2025-10-26', to: '2025-11-01', meetings: ['2025-10-28'] },
        {
          weekday: 'tuesday',
          localTime: '14:00',
          dayShift: 0,
          from: '2026-03-08',
          to: '2026-03-28',
          meetings: ['2026-03-10', '2026-03-17', '2026-03-24'],
        },
      ],
    });
  });

  it('is 14:00 in London, 13:00 in the same weeks', () => {
    const v = viewerTime(tue9, 'Europe/London', A_YEAR);
    expect(v.usual).toEqual({ weekday: 'tuesday', localTime: '14:00', dayShift: 0 });
    expect(spans(v)).toEqual(['tue 13:00 2025-10-26..2025-11-01', 'tue 13:00 2026-03-08..2026-03-28']);
  });

  it('is Tue 23:00 in Sydney in its winter and Wed 00:00 or 01:00 through its summer, the weekday changing too', () => {
    const v = viewerTime(tue9, 'Australia/Sydney', A_YEAR);
    expect(v.usual).toEqual({ weekday: 'tuesday', localTime: '23:00', dayShift: 0 });
    expect(spans(v)).toEqual([
      'wed 00:00 2025-10-06..2025-11-02', // Sydney forward on 5 Oct, New York back on 2 Nov
      'wed 01:00 2025-11-03..2026-03-08',
      'wed 00:00 2026-03-09..2026-04-05', // New York forward on 8 Mar, Sydney back on 5 Apr
    ]);
    expect(v.exceptions.map((e) => e.dayShift)).toEqual([1, 1, 1]);
    expect(v.exceptions[0]?.meetings).toEqual(['2025-10-08', '2025-10-15', '2025-10-22', '2025-10-29']);
    expect(v.exceptions[1]?.meetings).toHaveLength(18);
  });

  it('is 18:30 in Kolkata, which has no daylight saving, and 19:30 while New York is on standard time', () => {
    const v = viewerTime(tue9, 'Asia/Kolkata', A_YEAR);
    expect(v.usual).toEqual({ weekday: 'tuesday', localTime: '18:30', dayShift: 0 });
    expect(spans(v)).toEqual(['tue 19:30 2025-11-02..2026-03-07']);
  });

  it('is itself in New York, all year', () => {
    expect(viewerTime(tue9, NEW_YORK, A_YEAR)).toEqual({
      timeZone: NEW_YORK,
      usual: { weekday: 'tuesday', localTime: '09:00', dayShift: 0 },
      exceptions: [],
    });
  });

  it('moves to the next day in Sydney when late in New York (Tue 20:00 is Wed 10:00 to 12:00)', () => {
    const v = viewerTime(weekly('tuesday', '20:00', NEW_YORK), 'Australia/Sydney', A_YEAR);
    expect(v.usual).toEqual({ weekday: 'wednesday', localTime: '10:00', dayShift: 1 });
    expect(spans(v)).toEqual([
      'wed 11:00 2025-10-05..2025-11-02',
      'wed 12:00 2025-11-03..2026-03-08',
      'wed 11:00 2026-03-09..2026-04-04',
    ]);
  });
});

describe('candidates anchored elsewhere', () => {
  it('London (Wed 12:00): 07:00 in New York, 08:00 between the changes; 13:00 in Paris all year; 16:30 or 17:30 in Kolkata', () => {
    const wed12 = weekly('wednesday', '12:00', 'Europe/London');
    const ny = viewerTime(wed12, NEW_YORK, A_YEAR);
    expect(ny.usual).toEqual({ weekday: 'wednesday', localTime: '07:00', dayShift: 0 });
    expect(spans(ny)).toEqual(['wed 08:00 2025-10-26..2025-11-01', 'wed 08:00 2026-03-08..2026-03-28']);
    expect(viewerTime(wed12, 'Europe/Paris', A_YEAR)).toEqual({
      timeZone: 'Europe/Paris',
      usual: { weekday: 'wednesday', localTime: '13:00', dayShift: 0 },
      exceptions: [],
    });
    const kolkata = viewerTime(wed12, 'Asia/Kolkata', A_YEAR);
    expect(kolkata.usual.localTime).toBe('16:30');
    expect(spans(kolkata)).toEqual(['wed 17:30 2025-10-26..2026-03-28']);
  });

  it('Paris (Thu 18:00): Fri 02:00 in Sydney, 03:00 or 04:00 while the two are on opposite clocks', () => {
    const v = viewerTime(weekly('thursday', '18:00', 'Europe/Paris'), 'Australia/Sydney', A_YEAR);
    expect(v.usual).toEqual({ weekday: 'friday', localTime: '02:00', dayShift: 1 });
    expect(spans(v)).toEqual([
      'fri 03:00 2025-10-05..2025-10-26',
      'fri 04:00 2025-10-27..2026-03-29',
      'fri 03:00 2026-03-30..2026-04-04',
    ]);
    expect(v.exceptions[2]?.meetings).toEqual(['2026-04-03']);
  });

  it('Sydney (Tue 09:00): the day before in New York, Mon 19:00, 18:00 or 17:00', () => {
    const v = viewerTime(weekly('tuesday', '09:00', 'Australia/Sydney'), NEW_YORK, A_YEAR);
    expect(v.usual).toEqual({ weekday: 'monday', localTime: '19:00', dayShift: -1 });
    expect(spans(v)).toEqual([
      'mon 18:00 2025-10-04..2025-11-01',
      'mon 17:00 2025-11-02..2026-03-07',
      'mon 18:00 2026-03-08..2026-04-03',
    ]);
  });

  it('Kolkata (Wed 19:30): 10:00 in New York, 09:00 on standard time, clipped to the range asked', () => {
    const wed = weekly('wednesday', '19:30', 'Asia/Kolkata');
    const ny = viewerTime(wed, NEW_YORK, YEAR_2026);
    expect(ny.usual).toEqual({ weekday: 'wednesday', localTime: '10:00', dayShift: 0 });
    expect(spans(ny)).toEqual(['wed 09:00 2026-01-01..2026-03-07', 'wed 09:00 2026-11-01..2026-12-31']);
    expect(spans(viewerTime(wed, 'Europe/London', YEAR_2026))).toEqual([
      'wed 14:00 2026-01-01..2026-03-28',
      'wed 14:00 2026-10-25..2026-12-31',
    ]);
  });

  it('takes the time met first as usual when two times have as many meetings', () => {
    // 2026 has 26 Wednesdays on Sydney summer time and 26 on its winter time.
    const v = viewerTime(weekly('wednesday', '19:30', 'Asia/Kolkata'), 'Australia/Sydney', YEAR_2026);
    expect(v.usual).toEqual({ weekday: 'thursday', localTime: '01:00', dayShift: 1 });
    expect(spans(v)).toEqual(['thu 00:00 2026-04-06..2026-10-04']);
  });
});

describe('monthly candidates', () => {
  const secondTue: CandidateTime = {
    kind: 'monthly',
    nth: 2,
    weekday: 'tuesday',
    localTime: '09:00',
    timeZone: NEW_YORK,
    durationMinutes: 60,
  };

  it('list only the stretches a meeting falls in', () => {
    // The 2nd Tuesday of November 2026 is the 10th, after both autumn changes: no autumn exception.
    expect(viewerTime(secondTue, 'Europe/Paris', YEAR_2026)).toEqual({
      timeZone: 'Europe/Paris',
      usual: { weekday: 'tuesday', localTime: '15:00', dayShift: 0 },
      exceptions: [
        { weekday: 'tuesday', localTime: '14:00', dayShift: 0, from: '2026-03-08', to: '2026-03-28', meetings: ['2026-03-10'] },
      ],
    });
  });

  it('say the day after when the meeting crosses midnight (last Tue 20:00 New York in Sydney)', () => {
    const v = viewerTime({ ...secondTue, nth: -1, localTime: '20:00' }, 'Australia/Sydney', YEAR_2026);
    expect(v.usual).toEqual({ weekday: 'wednesday', localTime: '10:00', dayShift: 1 });
    expect(v.exceptions.map((e) => [e.localTime, e.meetings])).toEqual([
      ['12:00', ['2026-01-28', '2026-02-25']],
      ['11:00', ['2026-04-01']],
      ['11:00', ['2026-10-28']],
      ['12:00', ['2026-11-25', '2026-12-30']],
    ]);
  });
});

describe('edges', () => {
  it('shows the day a spring-forward gap pushes a meeting later, even in its own zone', () => {
    const v = viewerTime(weekly('sunday', '02:30', NEW_YORK), NEW_YORK, YEAR_2026);
    expect(v.usual.localTime).toBe('02:30');
    expect(v.exceptions).toEqual([
      { weekday: 'sunday', localTime: '03:30', dayShift: 0, from: '2026-03-08', to: '2026-03-08', meetings: ['2026-03-08'] },
    ]);
  });

  it('answers for a range with no meeting from its first day, and refuses an inverted range', () => {
    const secondTue: CandidateTime = {
      kind: 'monthly',
      nth: 2,
      weekday: 'tuesday',
      localTime: '09:00',
      timeZone: NEW_YORK,
      durationMinutes: 60,
    };
    expect(viewerTime(secondTue, 'Europe/Paris', { from: '2026-03-15', to: '2026-03-20' })).toEqual({
      timeZone: 'Europe/Paris',
      usual: { weekday: 'sunday', localTime: '14:00', dayShift: 0 },
      exceptions: [],
    });
    expect(() => viewerTime(secondTue, 'Europe/Paris', { from: '2026-03-20', to: '2026-03-15' })).toThrow(RangeError);
  });

  it('makes ranges of whole months', () => {
    expect(rangeFrom('2026-01-31', 12)).toEqual({ from: '2026-01-31', to: '2027-01-30' });
    expect(rangeFrom('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
});

describe('viewerTime (properties)', () => {
  const ZONES = [
    NEW_YORK,
    'Europe/London',
    'Europe/Paris',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Pacific/Auckland',
    'America/Sao_Paulo',
  ];
  const formatters = new Map<string, Intl.DateTimeFormat>();
  /** The person's weekday and time by Intl alone, apart from the code under test. */
  function byIntl(instant: Date, timeZone: string): string {
    let f = formatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      formatters.set(timeZone, f);
    }
    const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
    return `${String(parts.weekday).toLowerCase()} ${parts.hour}:${parts.minute}`;
  }

  const candidate: fc.Arbitrary<CandidateTime> = fc
    .record({
      monthly: fc.boolean(),
      nth: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, -1 as const),
      weekday: fc.constantFrom(...WEEKDAYS),
      minute: fc.integer({ min: 0, max: 47 }).map((n) => n * 30),
      timeZone: fc.constantFrom(...ZONES),
    })
    .map(({ monthly, nth, weekday, minute, timeZone }) => {
      const base = {
        weekday,
        localTime: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
        timeZone,
        durationMinutes: 60,
      };
      return monthly ? { kind: 'monthly' as const, nth, ...base } : { kind: 'weekly' as const, ...base };
    });
  const range = fc.tuple(fc.integer({ min: 0, max: 4 * 365 }), fc.integer({ min: 0, max: 500 })).map(([start, length]) => {
    const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return { from: day(start), to: day(start + length) };
  });

  it("keeps stretches apart where the person's day changes with them (Mon 11:00 Auckland for London)", () => {
    const c = {
      kind: 'weekly',
      weekday: 'monday',
      localTime: '11:00',
      timeZone: 'Pacific/Auckland',
      durationMinutes: 60,
    } as const;
    const v = viewerTime(c, 'Europe/London', { from: '2024-01-01', to: '2025-01-13' });
    const [, summer, autumn] = v.exceptions;
    expect(summer).toMatchObject({ weekday: 'monday', localTime: '00:00', to: '2024-09-28' });
    expect(autumn).toMatchObject({ weekday: 'sunday', localTime: '23:00', from: '2024-09-29' });
    expect(autumn?.meetings[0]).toBe('2024-09-29');
  });

  it('accounts for every meeting: at the usual time, or at the time of the one stretch that lists it', () => {
    fc.assert(
      fc.property(candidate, fc.constantFrom(...ZONES), range, (c, zone, r) => {
        const v = viewerTime(c, zone, r);
        const listed = new Map(v.exceptions.flatMap((e) => e.meetings.map((d) => [d, e] as const)));
        const inZone = localMeetings(c, zone, r);
        const expected = localMeetings(c, 'UTC', r).map((m) => byIntl(new Date(`${m.date}T${m.localTime}:00Z`), zone));
        expect(inZone.map((m) => `${m.weekday} ${m.localTime}`)).toEqual(expected);
        const got = inZone.map((m) => {
          const slot = listed.get(m.date) ?? v.usual;
          return `${slot.weekday} ${slot.localTime}`;
        });
        expect(got).toEqual(expected);
        expect(listed.size).toBe(v.exceptions.reduce((n, e) => n + e.meetings.length, 0));
        // Stretches come in order, apart, each holding the meetings it lists and differing from the usual time.
        v.exceptions.forEach((e, i) => {
          expect(e.from <= e.to).toBe(true);
          expect(e.meetings.length).toBeGreaterThan(0);
          expect(e.meetings.every((d) => d >= e.from && d <= e.to)).toBe(true);
          expect(`${e.weekday} ${e.localTime}`).not.toBe(`${v.usual.weekday} ${v.usual.localTime}`);
          const next = v.exceptions[i + 1];
          if (next) expect(e.to < next.from).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});
