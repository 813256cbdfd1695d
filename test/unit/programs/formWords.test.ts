import { arrangementCsv, csvFilename } from '../../../src/programs/form/csv';
import { previewBlocks, unplacedLines } from '../../../src/programs/form/blocks';
import { CIRCLES_PER_PAGE, type Preview, type PreviewCircle, wishesMet, wishPairs } from '../../../src/programs/form/model';
import type { FieldWords, ProgramTime } from '../../../src/programs/form/ports';
import { alikeWords, listWords, mixedWords, reasonWords, timeWords, UNPLACED_WORDS } from '../../../src/programs/form/words';

const STAGES = ['early career', 'mid-career', 'senior'];
const FIELDS: FieldWords[] = [
  { key: 'stage', label: 'career stage', value: (v) => STAGES[Number(v)] ?? String(v) },
  { key: 'sector', label: 'sector', bare: true, value: (v) => String(v) },
  { key: 'q1', label: 'Favourite <!channel> format', value: (v) => String(v) },
];
const THU: ProgramTime = {
  id: 'weekly:thursday:16:00:America/New_York',
  candidate: { kind: 'weekly', weekday: 'thursday', localTime: '16:00', timeZone: 'America/New_York', durationMinutes: 60 },
};

describe('the reasons in words', () => {
  it('reads like the issue: alike, mixed, wishes, the shared time', () => {
    const words = reasonWords(
      {
        alike: [{ key: 'stage', values: [1] }],
        mixed: [{ key: 'sector', values: ['government', 'business', 'nonprofit', 'academia'] }],
        ifNeedBe: ['U3'],
        repeats: [],
      },
      [{ a: 'U1', b: 'U2', both: true }],
      FIELDS,
      'Thu 16:00',
    );
    expect(words.join('; ')).toBe(
      'all mid-career; government, business, nonprofit and academia; <@U1> and <@U2> asked to be together; Thu 16:00 suits everyone, one if need be',
    );
  });

  it('names the field when values differ, and escapes what an organizer typed', () => {
    expect(alikeWords(FIELDS[0]!, [0, 1])).toBe('career stage: early career and mid-career');
    expect(mixedWords(FIELDS[2]!, ['<@U9>', 'walk'])).toBe('Favourite &lt;!channel&gt; format: &lt;@U9&gt; and walk');
    expect(mixedWords(FIELDS[1]!, ['business'])).toBe('all business');
    expect(listWords([])).toBe('');
    expect(timeWords('Tue 09:00', 0)).toBe('Tue 09:00 suits everyone');
    expect(timeWords('Tue 09:00', 2)).toBe('Tue 09:00 suits everyone, two if need be');
  });

  it('says who asked when only one did', () => {
    const met = wishesMet([['U1', 'U2']], (id) => (id === 'U2' ? ['U1'] : []));
    expect(met).toEqual([{ a: 'U2', b: 'U1', both: false }]);
    expect(reasonWords({ alike: [], mixed: [], ifNeedBe: [], repeats: [] }, met, FIELDS, 'Thu 16:00')[0]).toBe(
      '<@U2> asked to be with <@U1>',
    );
  });

  it('never mentions avoid-lists or organizations in why someone is not placed', () => {
    for (const words of Object.values(UNPLACED_WORDS)) expect(words).not.toMatch(/avoid|organi[sz]ation|colleague/i);
  });
});

function preview(circles: number, unplaced = 0): Preview {
  const people = (c: number) => Array.from({ length: 8 }, (_, i) => `U${c}X${i}`);
  const all: PreviewCircle[] = Array.from({ length: circles }, (_, c) => ({
    index: c,
    members: people(c),
    facilitator: people(c)[0]!,
    time: THU,
    first: new Date('2027-01-07T21:00:00Z'),
    score: 10.25,
    facts: {
      alike: [{ key: 'stage', values: [1] }],
      mixed: [{ key: 'sector', values: ['government', 'business'] }],
      wishesMet: [],
      time: THU.id,
      ifNeedBe: [people(c)[1]!],
      repeats: [],
    },
    wishes: [],
    locked: c === 0,
  }));
  return {
    program: { id: 7, name: 'Fellows =2027' },
    version: 3,
    circles: all,
    unplaced: Array.from({ length: unplaced }, (_, i) => ({ id: `UUNPLACED${i}`, reason: 'no_shared_time' as const })),
    unfinished: ['UQUIT'],
    score: 10.25 * circles,
    people: circles * 8 + unplaced,
    wishPairs: 0,
    fields: FIELDS,
  };
}

const texts = (blocks: unknown) => JSON.stringify(blocks);

describe('the preview in pages', () => {
  it('shows 300 people in 40 circles as four pages under 50 blocks, every circle once, each with its time token', () => {
    const p = preview(40, 4);
    const seen = new Set<number>();
    for (let page = 0; page < 4; page++) {
      const blocks = previewBlocks(p, page);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
      for (const m of texts(blocks).matchAll(/\*Circle (\d+)\*/g)) seen.add(Number(m[1]));
      expect(texts(blocks)).toContain('<!date^1799355600^');
      expect(texts(blocks)).toContain(`Page ${page + 1} of 4`);
    }
    expect(seen.size).toBe(40);
    expect(CIRCLES_PER_PAGE).toBe(10);
  });

  it('lists every unplaced person with the reason on each page, and points at the CSV when there are too many to show', () => {
    const p = preview(2, 400);
    const lines = unplacedLines(p);
    expect(lines).toHaveLength(401);
    const blocks = previewBlocks(p, 0);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(texts(blocks)).toContain('<@UUNPLACED0>: no candidate time shared with enough others');
    expect(texts(blocks)).toMatch(/And \d+ more: the CSV lists everyone/);
  });

  it('says how many wishes to be together the circles meet, out of the pairs that asked', () => {
    const p = preview(2);
    expect(texts(previewBlocks(p, 0))).not.toContain('to be together met');
    p.circles[0]!.wishes = [{ a: 'U0X1', b: 'U0X2', both: true }];
    expect(texts(previewBlocks({ ...p, wishPairs: 3 }, 0))).toContain(
      '16 of 16 people placed, 1 of 3 wishes to be together met, total score',
    );
    expect(texts(previewBlocks({ ...p, wishPairs: 1 }, 0))).toContain('1 of 1 wish to be together met');
    // A pair counts once whoever asked, and a wish for someone outside the cohort (or oneself) not at all.
    expect(
      wishPairs([
        { id: 'A', wishes: ['B', 'Z', 'A'] },
        { id: 'B', wishes: ['A'] },
        { id: 'C', wishes: ['A', 'B'] },
      ]),
    ).toBe(3);
  });

  it('keeps a page asked for beyond the last one within the pages there are', () => {
    expect(texts(previewBlocks(preview(12), 9))).toContain('Page 2 of 2');
  });
});

describe('the arrangement as CSV', () => {
  it('has a row per person, escapes formulas, and names people instead of mentions', () => {
    const p = preview(1, 1);
    const names = new Map([
      ['U0X0', '=HYPERLINK("http://evil")'],
      ['U0X1', 'Ana'],
    ]);
    const csv = arrangementCsv(p, names, (d) => d?.toISOString() ?? '');
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('circle,time,first_meeting,score,member,name,role,time_answer,reasons');
    expect(rows).toHaveLength(1 + 8 + 1 + 1);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(rows[1]).toContain('Thu 16:00 New York,2027-01-07T21:00:00.000Z,10.3,U0X0');
    expect(rows[1]).toContain('facilitator');
    expect(rows[2]).toContain('if need be');
    expect(csv).toContain('UUNPLACED0,,not placed,,no candidate time shared');
    expect(csv).toContain('UQUIT,,not placed,,did not finish the intake');
    expect(csvFilename('Fellows =2027')).toBe('Fellows-2027-circles.csv');
  });
});
