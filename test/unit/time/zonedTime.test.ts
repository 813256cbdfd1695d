import { addDays, addMonthsToDate, instantToZonedParts, todayIn, zonedWallTimeToInstant } from '../../../src/time/zonedTime';

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const iso = (date: string, time: string, tz: string): string => zonedWallTimeToInstant(date, time, tz).toISOString();

describe('zonedWallTimeToInstant', () => {
  it.each([
    // [zone, date, time, expected UTC, why]
    ['America/New_York', '2026-03-07', '09:00', '2026-03-07T14:00:00.000Z', 'EST the day before spring forward'],
    ['America/New_York', '2026-03-08', '09:00', '2026-03-08T13:00:00.000Z', 'EDT on the spring-forward day'],
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z', 'last minute before the gap'],
    ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00:00.000Z', 'gap start moves to 03:00 EDT'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', 'nonexistent 02:30 moves to 03:30 EDT'],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00.000Z', 'first real minute after the gap'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'ambiguous 01:30 takes EDT (first)'],
    ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59:00.000Z', 'before the overlap'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z', 'after the overlap, EST'],
    ['America/New_York', '2026-10-31', '09:00', '2026-10-31T13:00:00.000Z', 'EDT the day before fall back'],
    ['America/New_York', '2026-11-01', '09:00', '2026-11-01T14:00:00.000Z', 'EST on the fall-back day'],
    ['Europe/London', '2026-03-28', '09:00', '2026-03-28T09:00:00.000Z', 'GMT'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30:00.000Z', 'nonexistent 01:30 moves to 02:30 BST'],
    ['Europe/London', '2026-03-29', '09:00', '2026-03-29T08:00:00.000Z', 'BST'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', 'ambiguous 01:30 takes BST (first)'],
    ['Europe/London', '2026-10-25', '09:00', '2026-10-25T09:00:00.000Z', 'back to GMT'],
    ['Australia/Sydney', '2026-04-04', '09:00', '2026-04-03T22:00:00.000Z', 'AEDT (+11)'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', 'ambiguous 02:30 takes AEDT (first)'],
    ['Australia/Sydney', '2026-04-05', '09:00', '2026-04-04T23:00:00.000Z', 'AEST (+10)'],
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00.000Z', 'nonexistent 02:30 moves to 03:30 AEDT'],
    ['Australia/Sydney', '2026-10-04', '09:00', '2026-10-03T22:00:00.000Z', 'AEDT again'],
    ['Asia/Kolkata', '2026-01-15', '09:00', '2026-01-15T03:30:00.000Z', 'IST, no DST'],
    ['Asia/Kolkata', '2026-07-15', '09:00', '2026-07-15T03:30:00.000Z', 'IST, no DST'],
    ['Asia/Kolkata', '2026-03-08', '00:00', '2026-03-07T18:30:00.000Z', 'midnight falls on the previous UTC day'],
    ['UTC', '2028-02-29', '23:59', '2028-02-29T23:59:00.000Z', 'leap day'],
  ])('%s %s %s => %s (%s)', (tz, date, time, expected) => {
    expect(iso(date, time, tz)).toBe(expected);
  });

  // Brute force: scan every quarter hour around the day and see which instants show
  // the wanted wall time. Independent of the offset-bracketing logic under test.
  it.each([
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-03-29'],
    ['Europe/London', '2026-10-25'],
    ['Australia/Sydney', '2026-04-05'],
    ['Australia/Sydney', '2026-10-04'],
    ['Asia/Kolkata', '2026-03-08'],
  ])('agrees with a brute-force scan for every quarter hour of %s %s', (tz, date) => {
    const dayStart = Date.parse(`${date}T00:00:00Z`);
    const scan: number[] = [];
    for (let t = dayStart - 15 * 3_600_000; t <= dayStart + 39 * 3_600_000; t += 15 * 60_000) scan.push(t);
    const shown = scan.map((t) => ({ t, parts: instantToZonedParts(new Date(t), tz) }));

    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const time = hhmm(minutes);
      const matches = shown.filter((s) => s.parts.date === date && s.parts.time === time).map((s) => s.t);
      const actual = zonedWallTimeToInstant(date, time, tz).getTime();
      if (matches.length > 0) {
        expect([time, actual]).toEqual([time, Math.min(...matches)]);
      } else {
        // In a gap (an hour long in all these zones): pushed forward by exactly the gap.
        const parts = instantToZonedParts(new Date(actual), tz);
        expect([time, parts.date, parts.time]).toEqual([time, date, hhmm(minutes + 60)]);
      }
    }
  });

  it('rejects malformed input', () => {
    expect(() => zonedWallTimeToInstant('2026-02-30', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-2-3', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-03', '24:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-03', '9:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-03', '09:00', 'Not/AZone')).toThrow(RangeError);
  });
});

describe('instantToZonedParts', () => {
  it('gives the same wall time for both passes through a fall-back hour', () => {
    const first = instantToZonedParts(new Date('2026-11-01T05:30:00Z'), 'America/New_York');
    const second = instantToZonedParts(new Date('2026-11-01T06:30:00Z'), 'America/New_York');
    expect(first).toEqual({ date: '2026-11-01', time: '01:30', weekday: 'sunday' });
    expect(second).toEqual(first);
  });

  it('handles positive half-hour offsets and date rollover', () => {
    expect(instantToZonedParts(new Date('2026-12-31T19:00:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2027-01-01',
      time: '00:30',
      weekday: 'friday',
    });
    expect(instantToZonedParts(new Date('2026-10-03T16:30:00Z'), 'Australia/Sydney')).toEqual({
      date: '2026-10-04',
      time: '03:30',
      weekday: 'sunday',
    });
  });

  it('round-trips with zonedWallTimeToInstant outside transitions', () => {
    for (const tz of ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']) {
      for (let day = 0; day < 365; day += 17) {
        const date = addDays('2026-01-01', day);
        const parts = instantToZonedParts(zonedWallTimeToInstant(date, '13:45', tz), tz);
        expect(parts.date).toBe(date);
        expect(parts.time).toBe('13:45');
      }
    }
  });
});

describe('todayIn', () => {
  const now = new Date('2026-01-01T03:00:00Z');
  it('is the local date in the zone, not the UTC date', () => {
    expect(todayIn(now, 'America/New_York')).toBe('2025-12-31');
    expect(todayIn(now, 'Europe/London')).toBe('2026-01-01');
    expect(todayIn(now, 'Australia/Sydney')).toBe('2026-01-01');
    expect(todayIn(new Date('2026-01-01T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-01-01');
    expect(todayIn(new Date('2026-01-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-02');
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonthsToDate('2026-01-15', -1)).toBe('2025-12-15');
  });
});
