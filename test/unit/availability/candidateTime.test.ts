import {
  type CandidateTime,
  MAX_CANDIDATES,
  cadenceAt,
  candidateCadence,
  candidateKey,
  candidateLabel,
  candidateListSchema,
  candidateTimeSchema,
  describeCandidate,
  rotatingCadenceAt,
} from '../../../src/availability/candidateTime';
import { type Cadence, cadenceSchema } from '../../../src/time/cadence';

const tue: CandidateTime = {
  kind: 'weekly',
  weekday: 'tuesday',
  localTime: '09:00',
  timeZone: 'America/New_York',
  durationMinutes: 60,
};
const thu: CandidateTime = { ...tue, weekday: 'thursday', localTime: '16:00' };
const secondTue: CandidateTime = {
  kind: 'monthly',
  nth: 2,
  weekday: 'tuesday',
  localTime: '09:00',
  timeZone: 'America/New_York',
  durationMinutes: 90,
};
const lastFri: CandidateTime = { ...secondTue, nth: -1, weekday: 'friday', localTime: '16:30' };

const weeklyCadence: Cadence = {
  kind: 'weekly',
  everyWeeks: 2,
  weekday: 'monday',
  localTime: '12:00',
  durationMinutes: 45,
  timeZone: 'Europe/London',
};
const monthlyCadence: Cadence = {
  kind: 'monthly',
  everyMonths: 1,
  nth: 1,
  weekday: 'monday',
  localTime: '12:00',
  durationMinutes: 45,
  timeZone: 'Europe/London',
};

describe('candidateTimeSchema', () => {
  it('accepts both kinds and round-trips through JSON', () => {
    for (const c of [tue, secondTue, lastFri]) expect(candidateTimeSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it.each([
    ['nth on a weekly time', { ...tue, nth: 1 }],
    ['no nth on a monthly time', { ...tue, kind: 'monthly' }],
    ['a 5th weekday', { ...secondTue, nth: 5 }],
    ['an unknown weekday', { ...tue, weekday: 'Tue' }],
    ['a 12h time', { ...tue, localTime: '9:00' }],
    ['an offset for a zone', { ...tue, timeZone: '-05:00' }],
    ['an unknown zone', { ...tue, timeZone: 'Mars/Base' }],
    ['too short', { ...tue, durationMinutes: 5 }],
    ['too long', { ...tue, durationMinutes: 600 }],
    ['an extra field', { ...tue, note: 'x' }],
    ['a string', 'Tue 09:00'],
    ['null', null],
  ])('rejects %s', (_label, value) => {
    expect(candidateTimeSchema.safeParse(value).success).toBe(false);
  });
});

describe('candidateListSchema', () => {
  it('accepts 1 to 12 distinct times of one kind in one zone', () => {
    expect(candidateListSchema.parse([tue, thu])).toEqual([tue, thu]);
    const twelve = Array.from({ length: MAX_CANDIDATES }, (_, i) => ({
      ...tue,
      localTime: `${String(8 + i).padStart(2, '0')}:00`,
    }));
    expect(candidateListSchema.safeParse(twelve).success).toBe(true);
    expect(candidateListSchema.safeParse([...twelve, { ...tue, localTime: '20:30' }]).success).toBe(false);
  });

  it.each([
    ['an empty list', []],
    ['two kinds', [tue, secondTue]],
    ['two zones', [tue, { ...thu, timeZone: 'Europe/Paris' }]],
    ['the same time twice', [tue, { ...tue, durationMinutes: 90 }]],
  ])('rejects %s', (_label, value) => {
    expect(candidateListSchema.safeParse(value).success).toBe(false);
  });
});

describe('candidateKey', () => {
  it('is stable, names kind, week, day, time and zone, and leaves the length out', () => {
    expect(candidateKey(tue)).toBe('weekly:tuesday:09:00:America/New_York');
    expect(candidateKey(secondTue)).toBe('monthly:2:tuesday:09:00:America/New_York');
    expect(candidateKey(lastFri)).toBe('monthly:-1:friday:16:30:America/New_York');
    expect(candidateKey({ ...tue, durationMinutes: 30 })).toBe(candidateKey(tue));
  });

  it('tells apart every time that differs in anything but length', () => {
    const keys = new Set(
      [tue, thu, secondTue, lastFri, { ...tue, timeZone: 'Europe/Paris' }, { ...secondTue, nth: 3 as const }].map(candidateKey),
    );
    expect(keys.size).toBe(6);
  });
});

describe('words for a candidate', () => {
  it('labels it as people type it, and describes it in its zone', () => {
    expect(candidateLabel(tue)).toBe('Tue 09:00');
    expect(candidateLabel(secondTue)).toBe('2nd Tue 09:00');
    expect(candidateLabel(lastFri)).toBe('last Fri 16:30');
    expect(describeCandidate(tue)).toBe('Tue 09:00 New York, 60 min');
    expect(describeCandidate({ ...lastFri, timeZone: 'America/Argentina/Buenos_Aires' })).toBe(
      'last Fri 16:30 Buenos Aires, 90 min',
    );
    expect(describeCandidate({ ...tue, timeZone: 'UTC' })).toBe('Tue 09:00 UTC, 60 min');
  });
});

describe('candidates and cadences', () => {
  it('gives a valid cadence meeting at the candidate', () => {
    expect(cadenceSchema.parse(candidateCadence(tue))).toEqual({
      kind: 'weekly',
      everyWeeks: 1,
      weekday: 'tuesday',
      localTime: '09:00',
      timeZone: 'America/New_York',
      durationMinutes: 60,
    });
    expect(cadenceSchema.parse(candidateCadence(lastFri, 2))).toEqual({
      kind: 'monthly',
      everyMonths: 2,
      nth: -1,
      weekday: 'friday',
      localTime: '16:30',
      timeZone: 'America/New_York',
      durationMinutes: 90,
    });
  });

  it('moves a cadence to a candidate, keeping its rhythm and ending a rotation', () => {
    const rotating: Cadence = { ...weeklyCadence, alternate: { weekday: 'monday', localTime: '18:00' } };
    expect(cadenceAt(rotating, tue)).toEqual({
      kind: 'weekly',
      everyWeeks: 2,
      weekday: 'tuesday',
      localTime: '09:00',
      timeZone: 'America/New_York',
      durationMinutes: 60,
    });
    expect(cadenceAt(monthlyCadence, secondTue)).toEqual({
      ...monthlyCadence,
      nth: 2,
      weekday: 'tuesday',
      localTime: '09:00',
      timeZone: 'America/New_York',
      durationMinutes: 90,
    });
    expect(cadenceAt(weeklyCadence, secondTue)).toBeNull();
    expect(cadenceAt(monthlyCadence, tue)).toBeNull();
  });

  it('makes a rotation of two candidates that the cadence schema accepts', () => {
    const rotation = rotatingCadenceAt(weeklyCadence, { ...tue, localTime: '08:00' }, { ...tue, localTime: '17:00' });
    expect(rotation).toEqual({
      kind: 'weekly',
      everyWeeks: 2,
      weekday: 'tuesday',
      localTime: '08:00',
      timeZone: 'America/New_York',
      durationMinutes: 60,
      alternate: { weekday: 'tuesday', localTime: '17:00' },
    });
    expect(cadenceSchema.safeParse(rotation).success).toBe(true);
    expect(rotatingCadenceAt(monthlyCadence, secondTue, { ...secondTue, weekday: 'thursday' })?.alternate).toEqual({
      weekday: 'thursday',
      localTime: '09:00',
    });
  });

  it('refuses a rotation a cadence cannot hold', () => {
    expect(rotatingCadenceAt(weeklyCadence, tue, tue)).toBeNull();
    expect(rotatingCadenceAt(weeklyCadence, tue, { ...thu, timeZone: 'Europe/Paris' })).toBeNull();
    expect(rotatingCadenceAt(weeklyCadence, tue, secondTue)).toBeNull();
    expect(rotatingCadenceAt(monthlyCadence, secondTue, lastFri)).toBeNull();
  });
});
