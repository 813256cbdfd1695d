import { encodePool, fitOf } from '../../../src/pairs/matching/encode';
import { describeFit, MAX_FIT, minutesApart, pairFit } from '../../../src/pairs/matching/fit';
import { objectiveWeights } from '../../../src/pairs/matching/objective';
import { realisticSurvey } from '../../../src/pairs/matching/survey';
import type { Participant } from '../../../src/pairs/matching/types';

const person = (id: string, over: Partial<Participant> = {}): Participant => ({
  id,
  topics: [],
  stage: null,
  times: [],
  utcOffsetMinutes: 0,
  wishes: [],
  avoid: [],
  ...over,
});

// As the UI names people: a Slack mention, which each reader sees as a name.
const nameOf = (id: string): string => `<@${id}>`;

describe('pairFit', () => {
  it('lists shared topics, the zone gap and a one-sided wish', () => {
    const ana = person('U1', { topics: ['fundraising', 'board relations', 'hiring'], utcOffsetMinutes: 60, wishes: ['U2'] });
    const ben = person('U2', { topics: ['board relations', 'fundraising', 'culture'], utcOffsetMinutes: 0 });
    const fit = pairFit(ana, ben);
    expect(fit.reasons.sharedTopics).toEqual(['board relations', 'fundraising']);
    expect(fit.reasons.minutesApart).toBe(60);
    expect(fit.reasons.wishedBy).toEqual(['U1']);
    expect(describeFit(fit, nameOf)).toEqual([
      'both: board relations, fundraising',
      'free at any time',
      '1 h apart',
      '<@U1> asked for <@U2>',
    ]);
    expect(fit.score).toBe(20 + 3 + 14 + 8 + 15);
  });

  it('notes a mutual wish, worth more than two one-sided ones', () => {
    const ana = person('U1', { wishes: ['U2'] });
    const ben = person('U2', { wishes: ['U1'] });
    const mutual = pairFit(ana, ben);
    expect(mutual.reasons.wishedBy).toEqual(['U1', 'U2']);
    expect(describeFit(mutual, nameOf)).toContain('<@U1> and <@U2> asked for each other');
    const oneSided = pairFit(ana, person('U2'));
    expect(mutual.reasons.points.wish).toBeGreaterThan(2 * oneSided.reasons.points.wish);
  });

  it('scores stage, meeting times and zones as documented', () => {
    const a = person('A', { stage: 1, times: ['mornings', 'evenings'], utcOffsetMinutes: -600 });
    const b = person('B', { stage: 2, times: ['evenings'], utcOffsetMinutes: 720 });
    const fit = pairFit(a, b);
    expect(fit.reasons.stageGap).toBe(1);
    expect(fit.reasons.sharedTimes).toEqual(['evenings']);
    // -10 h and +12 h are 2 h apart the short way round the clock.
    expect(fit.reasons.minutesApart).toBe(120);
    expect(fit.reasons.points).toEqual({ topics: 0, stage: 6, times: 10, zone: 6, wish: 0 });
    expect(describeFit(fit)).toEqual(['one stage apart', 'both free evenings', '2 h apart']);
    expect(pairFit(person('A', { stage: 0 }), person('B', { stage: 4 })).reasons.points.stage).toBe(0);
    expect(pairFit(person('A', { times: ['mornings'] }), person('B', { times: ['afternoons'] })).reasons.sharedTimes).toEqual([]);
  });

  it('never exceeds MAX_FIT and is symmetric', () => {
    const a = person('A', { topics: ['a', 'b', 'c', 'd'], stage: 2, wishes: ['B'] });
    const b = person('B', { topics: ['a', 'b', 'c', 'd'], stage: 2, wishes: ['A'] });
    expect(pairFit(a, b).score).toBe(MAX_FIT);
    expect(pairFit(b, a).score).toBe(pairFit(a, b).score);
    expect(minutesApart(330, -300)).toBe(630);
    expect(describeFit(pairFit(person('A', { utcOffsetMinutes: 330 }), person('B', { utcOffsetMinutes: 0 })))).toContain(
      '5.5 h apart',
    );
  });

  it('agrees with the fast path the solver uses, on every pair of a realistic cohort', () => {
    const { participants } = realisticSurvey({ size: 80, seed: 'fit' });
    const pool = encodePool(participants, new Set(), new Set(), objectiveWeights(80, false), true);
    for (let i = 0; i < participants.length; i++) {
      for (let j = i + 1; j < participants.length; j++)
        expect(fitOf(pool, i, j)).toBe(pairFit(participants[i]!, participants[j]!).score);
    }
  });
});
