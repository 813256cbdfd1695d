import { pairReasonLines } from '../../../src/pairs/blocks';
import { describeFit, pairFit, type Participant } from '../../../src/pairs/matching';
import { groupReasons, reasonsWithout, storedReasons } from '../../../src/pairs/model';
import type { PairRow } from '../../../src/pairs/store';

const person = (id: string, over: Partial<Participant> = {}): Participant => ({
  id,
  topics: ['fundraising'],
  stage: 1,
  times: ['mornings'],
  utcOffsetMinutes: 0,
  wishes: [],
  avoid: [],
  ...over,
});

const row = (userIds: string[], reasons: unknown) => ({ user_ids: userIds, reasons }) as PairRow;
const mention = (id: string) => `<@${id}>`;

describe('pair reasons as data', () => {
  const a = person('U1', { wishes: ['U2'] });
  const b = person('U2', { utcOffsetMinutes: 60 });
  const c = person('U3', { topics: [] });

  it('words a pair as the matcher describes its fit', () => {
    const fit = pairFit(a, b);
    const stored = groupReasons({ members: ['U1', 'U2'], fit: fit.score, reasons: [fit], repeat: false, pinned: false });
    const lines = pairReasonLines(row(['U1', 'U2'], JSON.parse(JSON.stringify(stored))));
    expect(lines).toEqual([describeFit(fit, mention).join('; ')]);
    expect(lines[0]).toContain('<@U1> asked for <@U2>');
  });

  it('says which two of a trio each reason is about', () => {
    const fits = [pairFit(a, b), pairFit(a, c), pairFit(b, c)];
    const stored = groupReasons({ members: ['U1', 'U2', 'U3'], fit: 0, reasons: fits, repeat: false, pinned: false });
    expect(pairReasonLines(row(['U1', 'U2', 'U3'], stored))).toEqual(
      fits.map((f) => `<@${f.a}> & <@${f.b}>: ${describeFit(f, mention).join('; ')}`),
    );
  });

  it('shows a reason kept as words as it was, and reads junk as no reasons', () => {
    expect(pairReasonLines(row(['U1', 'U2'], [{ kind: 'text', text: 'both: *x*' }]))).toEqual(['both: *x*']);
    expect(storedReasons(['an old sentence'])).toEqual([]);
    expect(storedReasons(null)).toEqual([]);
  });

  it('on erasure, swaps the person for their alias in the facts and in old mentions, nothing else', () => {
    const fit = pairFit(a, b);
    const stored = [
      ...groupReasons({ members: ['U1', 'U2'], fit: 0, reasons: [fit], repeat: false, pinned: false }),
      { kind: 'text' as const, text: '<@U1> asked for <@U2>; U1 topics' },
    ];
    const forgotten = reasonsWithout(stored, 'U1', 'X1');
    expect(forgotten[0]).toMatchObject({ a: 'X1', b: 'U2', wishedBy: ['X1'], sharedTopics: ['fundraising'] });
    expect(forgotten[1]).toEqual({ kind: 'text', text: '<@X1> asked for <@U2>; U1 topics' });
    expect(JSON.stringify(forgotten)).not.toContain('"U1"');
  });
});
