import { formatDay, formatDayMonth, weekdayShort, zoneCity } from '../../../src/time/format';

describe('date and zone words', () => {
  it('writes dates with and without the year', () => {
    expect(formatDay('2027-01-04')).toBe('Mon 4 Jan 2027');
    expect(formatDayMonth('2025-10-26')).toBe('26 Oct');
    expect(formatDayMonth('2026-03-08')).toBe('8 Mar');
    expect(() => formatDayMonth('2026-02-30')).toThrow(RangeError);
  });

  it('shortens weekdays', () => {
    expect(weekdayShort('wednesday')).toBe('Wed');
  });

  it('names a zone by its place', () => {
    expect(zoneCity('America/New_York')).toBe('New York');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('Asia/Kolkata')).toBe('Kolkata');
    expect(zoneCity('UTC')).toBe('UTC');
  });
});
