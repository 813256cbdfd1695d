import fc from 'fast-check';
import {
  ANSWERS,
  type Answer,
  DEFAULT_MAX_IF_NEED_BE,
  availabilityByCandidateSchema,
  availabilitySchema,
  canCome,
  everyoneCanMake,
  timesEveryoneCanMake,
} from '../../../src/availability/answers';

describe('the stored form of answers', () => {
  it('accepts an answer with or without a note', () => {
    expect(availabilitySchema.parse({ answer: 'ifneedbe', note: 'I may join late' })).toEqual({
      answer: 'ifneedbe',
      note: 'I may join late',
    });
    expect(availabilitySchema.parse({ answer: 'no' })).toEqual({ answer: 'no' });
    expect(availabilityByCandidateSchema.parse({ 'weekly:tuesday:09:00:UTC': { answer: 'yes' } })).toEqual({
      'weekly:tuesday:09:00:UTC': { answer: 'yes' },
    });
  });

  it.each([
    ['an unknown answer', { answer: 'maybe' }],
    ['a note too long', { answer: 'yes', note: 'x'.repeat(301) }],
    ['an extra field', { answer: 'yes', at: 1 }],
    ['no answer', { note: 'hi' }],
  ])('rejects %s', (_label, value) => {
    expect(availabilitySchema.safeParse(value).success).toBe(false);
  });

  it('holds at most 12 answers, under non-empty keys', () => {
    const answers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, { answer: 'yes' }]));
    expect(availabilityByCandidateSchema.safeParse(answers(12)).success).toBe(true);
    expect(availabilityByCandidateSchema.safeParse(answers(13)).success).toBe(false);
    expect(availabilityByCandidateSchema.safeParse({ '': { answer: 'yes' } }).success).toBe(false);
  });
});

describe('everyoneCanMake', () => {
  it('needs yes or if need be from everyone, and at most one if need be unless told otherwise', () => {
    expect(DEFAULT_MAX_IF_NEED_BE).toBe(1);
    expect(everyoneCanMake(['yes', 'yes', 'ifneedbe'])).toBe(true);
    expect(everyoneCanMake(['yes', 'ifneedbe', 'ifneedbe'])).toBe(false);
    expect(everyoneCanMake(['yes', 'ifneedbe', 'ifneedbe'], 2)).toBe(true);
    expect(everyoneCanMake(['yes', 'no'], 5)).toBe(false);
    expect(everyoneCanMake(['yes', undefined])).toBe(false);
    expect(everyoneCanMake(['ifneedbe'], 0)).toBe(false);
    expect(everyoneCanMake([])).toBe(true);
  });

  it('is what its words say, for any group and cap', () => {
    const answer = fc.constantFrom<Answer | undefined>(...ANSWERS, undefined);
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 10 }), fc.integer({ min: 0, max: 4 }), (answers, cap) => {
        const expected = answers.every(canCome) && answers.filter((a) => a === 'ifneedbe').length <= cap;
        expect(everyoneCanMake(answers, cap)).toBe(expected);
      }),
    );
  });

  it('lists the times a whole group can make, in the order given', () => {
    const people = [
      { a: 'yes', b: 'ifneedbe', c: 'yes', d: 'ifneedbe' },
      { a: 'yes', b: 'yes', c: 'no', d: 'ifneedbe' },
      { a: 'ifneedbe', b: 'yes', d: 'yes' },
    ] as const;
    expect(timesEveryoneCanMake(['d', 'c', 'b', 'a'], people)).toEqual(['b', 'a']);
    expect(timesEveryoneCanMake(['d', 'c', 'b', 'a'], people, 2)).toEqual(['d', 'b', 'a']);
  });
});
