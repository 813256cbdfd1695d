import { EvaluationFields as F } from '../../../src/cycles/ids';
import {
  cycleTimes,
  distribution,
  nextCycleDates,
  pairsToKeep,
  parseEvaluation,
  phaseAt,
  planRollover,
} from '../../../src/cycles/model';

const sel = (v: string) => ({ selected_option: { value: v } });
const values = (over: Record<string, unknown> = {}) => {
  const base: Record<string, unknown> = {
    [F.value]: sel('4'),
    [F.keptOwn]: sel('3'),
    [F.keptOthers]: sel('5'),
    [F.mostUseful]: { value: '  The pairs  ' },
    [F.toImprove]: { value: '' },
    [F.recommend]: sel('yes'),
    [F.choice]: sel('continue'),
    ...over,
  };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, { [k]: v }]));
};

describe('cycle times', () => {
  it('falls at 09:00 in the circle’s zone, across a DST change', () => {
    const t = cycleTimes({ start_date: '2027-01-05', end_date: '2027-03-16' }, 'America/New_York', 14);
    expect(t.closingNoticeAt.toISOString()).toBe('2027-03-09T14:00:00.000Z');
    // DST began on 14 March: 09:00 is now 13:00 UTC.
    expect(t.endsAt.toISOString()).toBe('2027-03-17T13:00:00.000Z');
    expect(t.reminderAt.toISOString()).toBe('2027-03-20T13:00:00.000Z');
    expect(t.closesAt.toISOString()).toBe('2027-03-31T13:00:00.000Z');
    expect(phaseAt(t, new Date('2027-03-17T12:59:00Z'))).toBe('running');
    expect(phaseAt(t, new Date('2027-03-17T13:00:00Z'))).toBe('evaluating');
    expect(phaseAt(t, new Date('2027-03-31T13:00:00Z'))).toBe('closed');
  });

  it('the next cycle is as long as the last, from the day after it or from today', () => {
    expect(nextCycleDates({ start_date: '2026-12-01', end_date: '2026-12-29' }, '2026-12-20')).toEqual({
      start_date: '2026-12-30',
      end_date: '2027-01-27',
    });
    expect(nextCycleDates({ start_date: '2026-12-01', end_date: '2026-12-29' }, '2027-01-04')).toEqual({
      start_date: '2027-01-04',
      end_date: '2027-02-01',
    });
  });
});

describe('the evaluation form', () => {
  it('reads every answer, trimming words and leaving blanks out', () => {
    expect(parseEvaluation(values())).toEqual({
      ok: true,
      value: {
        value: 4,
        keptOwn: 3,
        keptOthers: 5,
        mostUseful: 'The pairs',
        toImprove: null,
        recommend: true,
        choice: 'continue',
      },
    });
  });

  it('says what is missing or wrong, field by field', () => {
    const parsed = parseEvaluation(
      values({ [F.value]: sel('7'), [F.choice]: sel('stay'), [F.toImprove]: { value: 'x'.repeat(1001) } }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        [F.value]: expect.stringContaining('1 to 5'),
        [F.choice]: expect.stringContaining('continue, rematch or end'),
        [F.toImprove]: expect.stringContaining('1001 characters'),
      },
    });
    expect(parseEvaluation('nonsense')).toMatchObject({ ok: false });
  });
});

describe('rollover', () => {
  it('sorts members by their choice; no choice is silence', () => {
    const choices = new Map([
      ['a', 'continue'],
      ['b', 'end'],
      ['c', 'rematch'],
    ] as const);
    expect(planRollover(['a', 'b', 'c', 'd'], choices)).toEqual({ stay: ['a'], leave: ['b'], rematch: ['c'], silent: ['d'] });
  });

  it('keeps a pair only when every member chose continue', () => {
    const choices = new Map([
      ['a', 'continue'],
      ['b', 'continue'],
      ['c', 'continue'],
      ['d', 'end'],
    ] as const);
    expect(
      pairsToKeep(
        [
          ['a', 'b'],
          ['c', 'd'],
          ['e', 'f'],
        ],
        choices,
      ),
    ).toEqual([['a', 'b']]);
  });

  it('distributions count answers 1 to 5 and round the average', () => {
    expect(distribution([5, 4, 4, 2])).toEqual({ count: 4, average: 3.8, counts: [0, 1, 0, 2, 1] });
    expect(distribution([])).toEqual({ count: 0, average: null, counts: [0, 0, 0, 0, 0] });
  });
});
