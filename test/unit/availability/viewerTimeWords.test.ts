import type { CandidateTime } from '../../../src/availability/candidateTime';
import { viewerTime } from '../../../src/availability/viewerTime';
import { candidateInWordsFor, viewerTimeInWords } from '../../../src/availability/viewerTimeWords';

const tue9: CandidateTime = {
  kind: 'weekly',
  weekday: 'tuesday',
  localTime: '09:00',
  timeZone: 'America/New_York',
  durationMinutes: 60,
};
const AUTUMN_2025 = { from: '2025-09-01', to: '2025-12-31' };
const A_YEAR = { from: '2025-06-01', to: '2026-05-31' };

const words = (c: CandidateTime, zone: string, range = A_YEAR): string => viewerTimeInWords(c, viewerTime(c, zone, range));

describe('a candidate in the person’s own words', () => {
  it('gives the usual time and the weeks daylight saving moves it', () => {
    expect(words(tue9, 'Europe/Paris', AUTUMN_2025)).toBe('Tue 15:00 for you; 14:00 from 26 Oct to 1 Nov');
    expect(words(tue9, 'Europe/Paris')).toBe('Tue 15:00 for you; 14:00 from 26 Oct to 1 Nov; 14:00 from 8 Mar to 28 Mar');
    expect(words(tue9, 'Asia/Kolkata')).toBe('Tue 18:30 for you; 19:30 from 2 Nov to 7 Mar');
    expect(words(tue9, 'America/New_York')).toBe('Tue 09:00 for you');
  });

  it('names the weekday of a stretch that falls on another day', () => {
    expect(words(tue9, 'Australia/Sydney')).toBe(
      'Tue 23:00 for you; Wed 00:00 from 6 Oct to 2 Nov; Wed 01:00 from 3 Nov to 8 Mar; Wed 00:00 from 9 Mar to 5 Apr',
    );
    expect(words({ ...tue9, timeZone: 'Australia/Sydney' }, 'America/New_York')).toBe(
      'Mon 19:00 for you; 18:00 from 4 Oct to 1 Nov; 17:00 from 2 Nov to 7 Mar; 18:00 from 8 Mar to 3 Apr',
    );
  });

  it('says "on" for a stretch of one day', () => {
    const sunday: CandidateTime = { ...tue9, weekday: 'sunday', localTime: '02:30' };
    expect(words(sunday, 'America/New_York', { from: '2026-03-01', to: '2026-03-31' })).toBe('Sun 02:30 for you; 03:30 on 8 Mar');
  });

  it('gives a monthly candidate’s moved meetings by date, and the day it follows when it crosses midnight', () => {
    const secondTue: CandidateTime = { ...tue9, kind: 'monthly', nth: 2 };
    const year = { from: '2026-01-01', to: '2026-12-31' };
    expect(words(secondTue, 'Europe/Paris', year)).toBe('2nd Tue 15:00 for you; 14:00 on 10 Mar');
    expect(words({ ...secondTue, nth: -1, localTime: '20:00' }, 'Australia/Sydney', year)).toBe(
      'Wed 10:00 for you (the day after the last Tue); 12:00 on 28 Jan and 25 Feb; 11:00 on 1 Apr; 11:00 on 28 Oct; 12:00 on 25 Nov and 30 Dec',
    );
    expect(words({ ...secondTue, timeZone: 'Australia/Sydney' }, 'America/New_York', year)).toMatch(
      /^Mon 1\d:00 for you \(the day before the 2nd Tue\)/,
    );
  });

  it('puts the anchor first, and leaves "for you" out in the anchor’s own zone', () => {
    expect(candidateInWordsFor(tue9, viewerTime(tue9, 'Europe/Paris', AUTUMN_2025))).toBe(
      'Tue 09:00 New York: Tue 15:00 for you; 14:00 from 26 Oct to 1 Nov',
    );
    expect(candidateInWordsFor(tue9, viewerTime(tue9, 'America/New_York', AUTUMN_2025))).toBe('Tue 09:00 New York');
  });
});
