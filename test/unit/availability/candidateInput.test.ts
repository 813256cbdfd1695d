import fc from 'fast-check';
import { type CandidateContext, parseCandidateInput } from '../../../src/availability/candidateInput';
import { type CandidateTime, candidateLabel, candidateTimeSchema } from '../../../src/availability/candidateTime';
import { WEEKDAYS } from '../../../src/time/weekday';

const weekly: CandidateContext = { kind: 'weekly', timeZone: 'America/New_York', durationMinutes: 60 };
const monthly: CandidateContext = { ...weekly, kind: 'monthly' };

const parsed = (text: string, context = weekly): string | null => {
  const r = parseCandidateInput(text, context);
  return r.ok ? candidateLabel(r.candidate) : null;
};
const error = (text: string, context = weekly): string | null => {
  const r = parseCandidateInput(text, context);
  return r.ok ? null : r.error;
};

describe('parseCandidateInput', () => {
  it.each([
    ['Tue 09:00', 'Tue 09:00'],
    ['tuesday 9:00', 'Tue 09:00'],
    ['TUES 9', 'Tue 09:00'],
    ['tu 9am', 'Tue 09:00'],
    ['Thursday at 4:30pm', 'Thu 16:30'],
    ['thurs, 16.30', 'Thu 16:30'],
    ['weds 17h30', 'Wed 17:30'],
    ['Mon 12am', 'Mon 00:00'],
    ['Mon 12pm', 'Mon 12:00'],
    ['  sun   23:59 ', 'Sun 23:59'],
    ['Fri 9 pm', 'Fri 21:00'],
  ])('reads %j as %s', (text, label) => {
    expect(parsed(text)).toBe(label);
  });

  it.each([
    ['2nd Tue 09:00', '2nd Tue 09:00'],
    ['the second Tuesday of the month at 9am', '2nd Tue 09:00'],
    ['1 mon 8', '1st Mon 08:00'],
    ['last Friday 4.30pm', 'last Fri 16:30'],
    ['4th thu 18:00', '4th Thu 18:00'],
  ])('reads %j as %s for a monthly circle', (text, label) => {
    expect(parsed(text, monthly)).toBe(label);
  });

  it('takes the zone and length from the circle', () => {
    expect(parseCandidateInput('Tue 9', { ...weekly, timeZone: 'Asia/Kolkata', durationMinutes: 45 })).toEqual({
      ok: true,
      candidate: { kind: 'weekly', weekday: 'tuesday', localTime: '09:00', timeZone: 'Asia/Kolkata', durationMinutes: 45 },
    });
  });

  it.each([
    ['', 'weekday'],
    ['09:00', 'weekday'],
    ['9am Tue', 'weekday'],
    ['s 9:00', 'weekday'],
    ['Tue', '24-hour'],
    ['Tue 24:00', '24-hour'],
    ['Tue 9:60', '24-hour'],
    ['Tue 13pm', '24-hour'],
    ['Tue 0am', '24-hour'],
    ['Tue 9:00:00', '24-hour'],
    ['Tue 9:00 Thu', '24-hour'],
    ['2nd Tue 9:00', 'every week or two'],
  ])('refuses %j, saying what is wrong', (text, hint) => {
    expect(error(text)).toContain(hint);
  });

  it('asks a monthly circle for the week of the month, and refuses a 5th', () => {
    expect(error('Tue 09:00', monthly)).toContain('which week of the month');
    expect(error('5th Tue 09:00', monthly)).toContain('no 5th');
    expect(error('fifth Tue 09:00', monthly)).toContain('no 5th');
  });

  it('reads back every label it makes', () => {
    const candidate: fc.Arbitrary<CandidateTime> = fc
      .record({
        monthly: fc.boolean(),
        nth: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, -1 as const),
        weekday: fc.constantFrom(...WEEKDAYS),
        h: fc.integer({ min: 0, max: 23 }),
        m: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ monthly: isMonthly, nth, weekday, h, m }) => {
        const base = {
          weekday,
          localTime: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
          timeZone: 'Europe/Paris',
          durationMinutes: 60,
        };
        return isMonthly ? { kind: 'monthly' as const, nth, ...base } : { kind: 'weekly' as const, ...base };
      });
    fc.assert(
      fc.property(candidate, (c) => {
        expect(
          parseCandidateInput(candidateLabel(c), { kind: c.kind, timeZone: c.timeZone, durationMinutes: c.durationMinutes }),
        ).toEqual({ ok: true, candidate: c });
      }),
    );
  });

  it('never throws, and whatever it accepts is a valid stored candidate', () => {
    const words = fc.constantFrom(
      'tue',
      'Tuesday',
      '2nd',
      'last',
      'at',
      '9',
      '09:00',
      '5pm',
      'the',
      '<!channel>',
      '\u0000',
      '١٢:٠٠',
      '99',
      '-1',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(words, { maxLength: 6 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(weekly, monthly), (t, context) => {
        const r = parseCandidateInput(t, context);
        if (r.ok) expect(candidateTimeSchema.safeParse(r.candidate).success).toBe(true);
        else for (const echoed of ['<!channel>', '\u0000']) expect(r.error).not.toContain(echoed);
      }),
      { numRuns: 500 },
    );
  });
});
