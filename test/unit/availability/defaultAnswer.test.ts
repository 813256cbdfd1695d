import type { CandidateTime } from '../../../src/availability/candidateTime';
import { defaultAnswer } from '../../../src/availability/defaultAnswer';

const A_YEAR = { from: '2025-06-01', to: '2026-05-31' };
const tue = (localTime: string, timeZone = 'America/New_York'): CandidateTime => ({
  kind: 'weekly',
  weekday: 'tuesday',
  localTime,
  timeZone,
  durationMinutes: 60,
});

describe('defaultAnswer', () => {
  it.each([
    ['America/New_York', 'yes'], // 09:00
    ['Europe/Paris', 'yes'], // 15:00 (14:00 for a few weeks)
    ['Asia/Kolkata', 'ifneedbe'], // 18:30, or 19:30
    ['Australia/Sydney', 'no'], // 23:00 to 01:00
  ] as const)('answers Tue 09:00 New York from working hours in %s: %s', (zone, answer) => {
    expect(defaultAnswer(tue('09:00'), zone, A_YEAR)).toBe(answer);
  });

  it('says no to a meeting on the person’s weekend, and to a range without meetings', () => {
    // Tue 20:00 New York is Wednesday morning in Sydney, but Fri 20:00 is Saturday there.
    expect(defaultAnswer(tue('20:00'), 'Australia/Sydney', A_YEAR)).toBe('yes');
    expect(defaultAnswer({ ...tue('20:00'), weekday: 'friday' }, 'Australia/Sydney', A_YEAR)).toBe('no');
    expect(defaultAnswer(tue('09:00'), 'America/New_York', { from: '2026-03-04', to: '2026-03-09' })).toBe('no');
  });

  it('goes by most meetings, and a tie to the less available answer', () => {
    // 13:00 New York is 18:00 in London (a stretch) but 17:00 between the spring changes.
    expect(defaultAnswer(tue('13:00'), 'Europe/London', { from: '2026-03-01', to: '2026-03-31' })).toBe('yes'); // 3 of 5
    expect(defaultAnswer(tue('13:00'), 'Europe/London', { from: '2026-03-01', to: '2026-04-30' })).toBe('ifneedbe'); // 3 of 9
    expect(defaultAnswer(tue('13:00'), 'Europe/London', { from: '2026-03-03', to: '2026-03-10' })).toBe('ifneedbe'); // 1 and 1
  });
});
