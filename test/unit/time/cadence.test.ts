import { type Cadence, cadenceSchema, describeCadence, isValidTimeZone } from '../../../src/time/cadence';

const weekly: Cadence = {
  kind: 'weekly',
  everyWeeks: 2,
  weekday: 'tuesday',
  localTime: '09:00',
  durationMinutes: 90,
  timeZone: 'Europe/London',
};
const monthly: Cadence = {
  kind: 'monthly',
  everyMonths: 1,
  weekday: 'friday',
  nth: -1,
  localTime: '16:30',
  durationMinutes: 60,
  timeZone: 'America/New_York',
};

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'Etc/GMT+5'])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });
  it.each(['', ' ', 'garbage', 'Mars/Olympus_Mons', 'America/New York', '+05:30', '-0400', 'Europe/London '])(
    'rejects %j',
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(false);
    },
  );
});

describe('cadenceSchema', () => {
  it('accepts every option', () => {
    for (const everyWeeks of [1, 2] as const)
      expect(cadenceSchema.parse({ ...weekly, everyWeeks })).toEqual({ ...weekly, everyWeeks });
    for (const everyMonths of [1, 2] as const) {
      for (const nth of [1, 2, 3, 4, -1] as const) {
        const c = { ...monthly, everyMonths, nth };
        expect(cadenceSchema.parse(c)).toEqual(c);
      }
    }
    expect(cadenceSchema.safeParse({ ...weekly, durationMinutes: 15 }).success).toBe(true);
    expect(cadenceSchema.safeParse({ ...weekly, durationMinutes: 480 }).success).toBe(true);
    expect(cadenceSchema.safeParse({ ...weekly, localTime: '00:00' }).success).toBe(true);
    expect(cadenceSchema.safeParse({ ...weekly, localTime: '23:59' }).success).toBe(true);
  });

  it('round-trips through JSON, as it would through a jsonb column', () => {
    expect(cadenceSchema.parse(JSON.parse(JSON.stringify(monthly)))).toEqual(monthly);
  });

  it.each([
    ['every 3 weeks', { ...weekly, everyWeeks: 3 }],
    ['every 3 months', { ...monthly, everyMonths: 3 }],
    ['5th weekday', { ...monthly, nth: 5 }],
    ['0th weekday', { ...monthly, nth: 0 }],
    ['-2nd weekday', { ...monthly, nth: -2 }],
    ['nth as a string', { ...monthly, nth: '1' }],
    ['unknown weekday', { ...weekly, weekday: 'Tuesday' }],
    ['14 minutes', { ...weekly, durationMinutes: 14 }],
    ['481 minutes', { ...weekly, durationMinutes: 481 }],
    ['fractional minutes', { ...weekly, durationMinutes: 60.5 }],
    ['12h time', { ...weekly, localTime: '9:00' }],
    ['24:00', { ...weekly, localTime: '24:00' }],
    ['12:60', { ...weekly, localTime: '12:60' }],
    ['seconds', { ...weekly, localTime: '09:00:00' }],
    ['empty zone', { ...weekly, timeZone: '' }],
    ['garbage zone', { ...weekly, timeZone: 'Nowhere/Special' }],
    ['offset zone', { ...weekly, timeZone: '+01:00' }],
    ['unknown kind', { ...weekly, kind: 'daily' }],
    ['nth on a weekly cadence', { ...weekly, nth: 1 }],
    ['everyWeeks on a monthly cadence', { ...monthly, everyWeeks: 1 }],
    ['missing weekday', { kind: 'weekly', everyWeeks: 1, localTime: '09:00', durationMinutes: 60, timeZone: 'UTC' }],
    ['null', null],
  ])('rejects %s', (_label, value) => {
    expect(cadenceSchema.safeParse(value).success).toBe(false);
  });
});

describe('describeCadence', () => {
  it('puts every option into words', () => {
    expect(describeCadence(weekly)).toBe('Every 2 weeks on Tuesday at 09:00 (Europe/London), 90 min');
    expect(describeCadence({ ...weekly, everyWeeks: 1 })).toBe('Weekly on Tuesday at 09:00 (Europe/London), 90 min');
    expect(describeCadence(monthly)).toBe('Monthly on the last Friday at 16:30 (America/New_York), 60 min');
    expect(describeCadence({ ...monthly, everyMonths: 2, nth: 1, weekday: 'monday' })).toBe(
      'Every 2 months on the 1st Monday at 16:30 (America/New_York), 60 min',
    );
    expect(describeCadence({ ...monthly, nth: 2 })).toContain('the 2nd Friday');
    expect(describeCadence({ ...monthly, nth: 3 })).toContain('the 3rd Friday');
    expect(describeCadence({ ...monthly, nth: 4 })).toContain('the 4th Friday');
  });
});
