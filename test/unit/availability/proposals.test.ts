import fc from 'fast-check';
import type { CandidateTime } from '../../../src/availability/candidateTime';
import { hoursSummary } from '../../../src/availability/hoursSummary';
import { type Proposal, proposeCandidates } from '../../../src/availability/proposals';
import { WEEKDAYS } from '../../../src/time/weekday';

const NY = 'America/New_York';
const SPRING_2026 = { from: '2026-03-01', to: '2026-05-31' };
const label = (p: Proposal): string => `${p.candidate.weekday.slice(0, 3)} ${p.candidate.localTime}`;

describe('hoursSummary', () => {
  const at = (localTime: string): CandidateTime => ({
    kind: 'weekly',
    weekday: 'tuesday',
    localTime,
    timeZone: NY,
    durationMinutes: 60,
  });

  it('counts a member inside only when most meetings of the range are inside for them', () => {
    // 13:00 New York is 18:00 in London, past its working hours, except in the three weeks between
    // the US and UK spring changes (17:00). Over March alone that is 3 of 5 meetings; over the spring, 3 of 14.
    expect(hoursSummary(at('13:00'), ['Europe/London'], { from: '2026-03-01', to: '2026-03-31' }).inside).toBe(1);
    expect(hoursSummary(at('13:00'), ['Europe/London'], SPRING_2026).inside).toBe(0);
    expect(hoursSummary(at('12:00'), ['Europe/London', 'Europe/London', NY], SPRING_2026)).toEqual({
      inside: 3,
      members: 3,
      worst: { timeZone: 'Europe/London', weekday: 'tuesday', localTime: '17:00', outside: { minutes: 0, side: 'inside' } }, // all inside: the first meeting stands for them
    });
  });

  it('counts a meeting on someone’s weekend as outside, whatever the hour', () => {
    const fridayEvening: CandidateTime = { ...at('18:00'), weekday: 'friday' };
    // Saturday 08:00 to 10:00 in Sydney.
    expect(hoursSummary(fridayEvening, ['Australia/Sydney'], SPRING_2026).inside).toBe(0);
    expect(hoursSummary(at('09:00'), [], SPRING_2026)).toEqual({ inside: 0, members: 0, worst: null });
  });
});

describe('proposeCandidates', () => {
  it('proposes the middle of the day first for a team in one zone, spread across the week', () => {
    const proposals = proposeCandidates({
      shape: { kind: 'weekly' },
      timeZone: NY,
      durationMinutes: 60,
      memberZones: [NY, NY],
      range: SPRING_2026,
    });
    expect(proposals.map(label)).toEqual([
      'mon 13:00',
      'tue 13:00',
      'wed 13:00',
      'thu 13:00',
      'fri 13:00',
      'mon 11:00',
      'tue 11:00',
      'wed 11:00',
      'thu 11:00',
      'fri 11:00',
      'mon 15:00',
      'tue 15:00',
    ]);
    expect(proposals.every((p) => p.inside === 2 && p.members === 2 && p.worst?.outside.minutes === 0)).toBe(true);
  });

  it('keeps the circle’s kind, week of the month, zone and length, and the limit', () => {
    const proposals = proposeCandidates({
      shape: { kind: 'monthly', nth: -1 },
      timeZone: 'Europe/London',
      durationMinutes: 90,
      memberZones: ['Europe/London', 'Africa/Nairobi'],
      range: SPRING_2026,
      limit: 3,
    });
    expect(proposals).toHaveLength(3);
    for (const p of proposals)
      expect(p.candidate).toMatchObject({ kind: 'monthly', nth: -1, timeZone: 'Europe/London', durationMinutes: 90 });
    expect(
      proposeCandidates({
        shape: { kind: 'weekly' },
        timeZone: NY,
        durationMinutes: 60,
        memberZones: [NY],
        range: SPRING_2026,
        limit: 50,
      }),
    ).toHaveLength(12);
  });

  it('still proposes times for a group no time suits, saying how few are inside', () => {
    const proposals = proposeCandidates({
      shape: { kind: 'weekly' },
      timeZone: NY,
      durationMinutes: 60,
      memberZones: [NY, 'Asia/Tokyo', 'Europe/London'],
      range: SPRING_2026,
    });
    expect(proposals).toHaveLength(12);
    expect(proposals.every((p) => p.inside < 3)).toBe(true);
  });

  it('proposes the best times by its rule, checked against every half hour of the week', () => {
    const zones = [NY, 'Europe/London', 'Africa/Nairobi', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/Paris'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...zones), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(...zones),
        fc.constantFrom(30, 60, 90),
        (memberZones, timeZone, durationMinutes) => {
          const range = { from: '2026-02-01', to: '2026-04-30' };
          const proposals = proposeCandidates({ shape: { kind: 'weekly' }, timeZone, durationMinutes, memberZones, range });
          const all = WEEKDAYS.slice(0, 5).flatMap((weekday) =>
            Array.from({ length: 48 }, (_, i) => {
              const candidate: CandidateTime = {
                kind: 'weekly',
                weekday,
                localTime: `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
                timeZone,
                durationMinutes,
              };
              return { candidate, ...hoursSummary(candidate, memberZones, range) };
            }),
          );
          const rank = (p: Pick<Proposal, 'inside' | 'worst'>): number => p.inside * 10_000 - (p.worst?.outside.minutes ?? 0);
          expect(proposals).toHaveLength(12);
          expect(new Set(proposals.map(label)).size).toBe(12);
          for (const p of proposals) {
            expect(all.find((q) => label(q) === label(p))).toEqual(p);
            expect(['saturday', 'sunday']).not.toContain(p.candidate.weekday);
          }
          const ranks = proposals.map(rank);
          expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
          // Nothing left out beats anything proposed.
          const chosen = new Set(proposals.map(label));
          const bestLeft = Math.max(...all.filter((q) => !chosen.has(label(q))).map(rank));
          expect(bestLeft).toBeLessThanOrEqual(Math.min(...ranks));
        },
      ),
      { numRuns: 8 },
    );
  });
});
