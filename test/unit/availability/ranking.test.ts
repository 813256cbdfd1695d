import fc from 'fast-check';
import { ANSWERS, type Answer } from '../../../src/availability/answers';
import { type CandidateTime, candidateKey } from '../../../src/availability/candidateTime';
import { type Participant, type RankedCandidate, rankCandidates, worstLocalTime } from '../../../src/availability/ranking';

const YEAR_2026 = { from: '2026-01-01', to: '2026-12-31' };
const at = (localTime: string, timeZone = 'America/New_York', weekday: CandidateTime['weekday'] = 'tuesday'): CandidateTime => ({
  kind: 'weekly',
  weekday,
  localTime,
  timeZone,
  durationMinutes: 60,
});

function person(id: string, timeZone: string, answers: Array<[CandidateTime, Answer]> = []): Participant {
  return { id, timeZone, answers: Object.fromEntries(answers.map(([c, a]) => [candidateKey(c), a])) };
}

const times = (ranked: RankedCandidate[]): string[] => ranked.map((r) => r.candidate.localTime);

describe('rankCandidates', () => {
  it('ranks by most who can come, then fewest if need be', () => {
    const [v, w, z, y, x] = ['07:00', '08:00', '09:00', '10:00', '11:00'].map((t) => at(t));
    if (!v || !w || !z || !y || !x) throw new Error('five times');
    const ana = person('ana', 'America/New_York', [
      [x, 'yes'],
      [y, 'yes'],
      [z, 'ifneedbe'],
      [w, 'yes'],
      [v, 'no'],
    ]);
    const ben = person('ben', 'America/New_York', [
      [x, 'yes'],
      [y, 'ifneedbe'],
      [z, 'ifneedbe'],
      [w, 'no'],
    ]);
    const ranked = rankCandidates([v, w, z, y, x], [ana, ben], YEAR_2026);
    expect(times(ranked)).toEqual(['11:00', '10:00', '09:00', '08:00', '07:00']);
    expect(
      ranked.map(({ yes, ifNeedBe, no, unanswered, canCome, suitsEveryone }) => ({
        yes,
        ifNeedBe,
        no,
        unanswered,
        canCome,
        suitsEveryone,
      })),
    ).toEqual([
      { yes: ['ana', 'ben'], ifNeedBe: [], no: [], unanswered: [], canCome: 2, suitsEveryone: true },
      { yes: ['ana'], ifNeedBe: ['ben'], no: [], unanswered: [], canCome: 2, suitsEveryone: true },
      { yes: [], ifNeedBe: ['ana', 'ben'], no: [], unanswered: [], canCome: 2, suitsEveryone: false },
      { yes: ['ana'], ifNeedBe: [], no: ['ben'], unanswered: [], canCome: 1, suitsEveryone: false },
      { yes: [], ifNeedBe: [], no: ['ana'], unanswered: ['ben'], canCome: 0, suitsEveryone: false },
    ]);
    expect(rankCandidates([z], [ana, ben], YEAR_2026, { maxIfNeedBe: 2 })[0]?.suitsEveryone).toBe(true);
    expect(ranked[0]?.key).toBe('weekly:tuesday:11:00:America/New_York');
  });

  it('then by the fairest worst local time, then the order offered', () => {
    // New York and London members, all saying yes: only where each lands in their day differs.
    const offered = ['07:00', '13:00', '12:00', '08:00'].map((t) => at(t));
    const everyoneYes = (id: string, zone: string): Participant =>
      person(
        id,
        zone,
        offered.map((c) => [c, 'yes']),
      );
    const ranked = rankCandidates(
      offered,
      [everyoneYes('ny', 'America/New_York'), everyoneYes('ldn', 'Europe/London')],
      YEAR_2026,
    );
    expect(ranked.map((r) => [r.candidate.localTime, r.worst?.timeZone, r.worst?.localTime, r.worst?.outside.minutes])).toEqual([
      ['12:00', 'America/New_York', '12:00', 0], // 17:00 in London, 16:00 in the weeks between the changes
      ['13:00', 'Europe/London', '18:00', 60], // offered before 08:00, as bad
      ['08:00', 'America/New_York', '08:00', 60],
      ['07:00', 'America/New_York', '07:00', 120],
    ]);
  });

  it('returns nothing for no candidates, and no worst time for an empty group', () => {
    expect(rankCandidates([], [person('a', 'UTC')], YEAR_2026)).toEqual([]);
    const [only] = rankCandidates([at('09:00')], [], YEAR_2026);
    expect(only?.worst).toBeNull();
    expect(only?.suitsEveryone).toBe(false);
  });

  it('is a deterministic ordering of what it was given, by its three rules', () => {
    const zones = ['America/New_York', 'Europe/London', 'Africa/Nairobi', 'Australia/Sydney', 'Asia/Kolkata'];
    const offered = ['06:00', '08:00', '09:30', '12:00', '16:00', '17:00', '20:00'].map((t) => at(t));
    const group = fc.array(
      fc.record({
        zone: fc.constantFrom(...zones),
        answers: fc.array(fc.constantFrom<Answer | undefined>(...ANSWERS, undefined), {
          minLength: offered.length,
          maxLength: offered.length,
        }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(group, fc.shuffledSubarray(offered, { minLength: 1 }), (members, candidates) => {
        const participants = members.map((m, i) =>
          person(
            `p${i}`,
            m.zone,
            offered.flatMap((c, j) => {
              const a = m.answers[j];
              return a ? [[c, a] as [CandidateTime, Answer]] : [];
            }),
          ),
        );
        const ranked = rankCandidates(candidates, participants, { from: '2026-01-01', to: '2026-04-30' });
        expect(rankCandidates(candidates, participants, { from: '2026-01-01', to: '2026-04-30' })).toEqual(ranked);
        expect(ranked.map((r) => r.key).sort()).toEqual(candidates.map(candidateKey).sort());
        for (const r of ranked) {
          expect([...r.yes, ...r.ifNeedBe, ...r.no, ...r.unanswered].sort()).toEqual(participants.map((p) => p.id).sort());
          expect(r.canCome).toBe(r.yes.length + r.ifNeedBe.length);
        }
        for (let i = 1; i < ranked.length; i++) {
          const a = ranked[i - 1];
          const b = ranked[i];
          if (!a || !b) continue;
          const order = [
            b.canCome - a.canCome,
            a.ifNeedBe.length - b.ifNeedBe.length,
            (a.worst?.outside.minutes ?? 0) - (b.worst?.outside.minutes ?? 0),
          ];
          const first = order.find((d) => d !== 0) ?? 0;
          expect(first).toBeLessThanOrEqual(0);
          if (first === 0) expect(candidates.indexOf(a.candidate)).toBeLessThan(candidates.indexOf(b.candidate));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('worstLocalTime', () => {
  it('names the worst-placed members, their local time and how far outside working hours it is', () => {
    const people = [
      { id: 'ny', timeZone: 'America/New_York' },
      { id: 'ko1', timeZone: 'Asia/Kolkata' },
      { id: 'pa', timeZone: 'Europe/Paris' },
      { id: 'ko2', timeZone: 'Asia/Kolkata' },
    ];
    // 18:30 in Kolkata on New York summer time, 19:30 on its winter time: the worst counts the winter.
    expect(worstLocalTime(at('09:00'), people, YEAR_2026)).toEqual({
      memberIds: ['ko1', 'ko2'],
      timeZone: 'Asia/Kolkata',
      weekday: 'tuesday',
      localTime: '19:30',
      date: '2026-01-06',
      outside: { minutes: 150, side: 'late' },
    });
  });

  it('shows an early or a late time as it is (06:00, 22:00, the next day in Sydney)', () => {
    expect(worstLocalTime(at('11:00', 'Europe/London'), [{ id: 'ny', timeZone: 'America/New_York' }], YEAR_2026)).toMatchObject({
      localTime: '06:00',
      outside: { minutes: 180, side: 'early' },
    });
    expect(worstLocalTime(at('21:00', 'Europe/London'), [{ id: 'pa', timeZone: 'Europe/Paris' }], YEAR_2026)).toMatchObject({
      localTime: '22:00',
      outside: { minutes: 300, side: 'late' },
    });
    expect(worstLocalTime(at('20:00'), [{ id: 'syd', timeZone: 'Australia/Sydney' }], YEAR_2026)).toMatchObject({
      weekday: 'wednesday',
      localTime: '12:00', // 10:00 to 12:00 through the year, all inside: the first meeting of the year stands for them
      outside: { minutes: 0, side: 'inside' },
    });
  });
});
