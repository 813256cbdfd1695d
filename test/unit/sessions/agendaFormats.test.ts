import { AGENDA_FORMAT_IDS, AGENDA_FORMATS, buildAgenda, warmupMinutes } from '../../../src/circles/settings/agendaFormats';
import { apportionMinutes } from '../../../src/circles/settings/apportionMinutes';

const input = {
  warmup: { leaderName: 'Priya', prompt: "What's a small thing that made your week?" },
  items: [{ text: 'Hiring plan for Q3', author: 'U123' }],
  readings: ['https://example.com/guide-week-3'],
};
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('buildAgenda', () => {
  const cases = AGENDA_FORMAT_IDS.flatMap((format) => [30, 60, 90, 120].map((minutes) => [format, minutes] as const));

  it.each(cases)('%s for %i minutes sums exactly, warm-up first', (format, minutes) => {
    const agenda = buildAgenda(format, minutes, input);
    expect(sum(agenda.sections.map((s) => s.minutes))).toBe(minutes);
    expect(agenda.sections[0]?.title).toBe('Warm-up');
    expect(agenda.sections[0]?.minutes).toBe(warmupMinutes(minutes));
    expect(agenda.sections).toHaveLength(AGENDA_FORMATS[format].sections.length + 1);
    for (const s of agenda.sections) {
      expect(Number.isInteger(s.minutes)).toBe(true);
      expect(s.minutes).toBeGreaterThanOrEqual(1);
    }
    expect(agenda.title).toContain(AGENDA_FORMATS[format].name);
  });

  it('sums exactly for every allowed duration', () => {
    for (const format of AGENDA_FORMAT_IDS) {
      for (let minutes = 15; minutes <= 480; minutes++) {
        const sections = buildAgenda(format, minutes, { items: [], readings: [] }).sections;
        expect(sum(sections.map((s) => s.minutes))).toBe(minutes);
        expect(sections.every((s) => s.minutes >= 1)).toBe(true);
      }
    }
  });

  it('sizes the warm-up between 5 and 10 minutes by session length', () => {
    expect([15, 30, 60, 90, 120, 240].map(warmupMinutes)).toEqual([5, 5, 5, 8, 10, 10]);
  });

  it('scales sections in proportion to their weights', () => {
    const agenda = buildAgenda('case-clinic', 70, input);
    const byTitle = new Map(agenda.sections.map((s) => [s.title, s.minutes]));
    expect((byTitle.get('Generative dialogue') ?? 0) > (byTitle.get('Intention statement') ?? 0)).toBe(true);
    expect((byTitle.get('Intention statement') ?? 0) > (byTitle.get('Mirroring') ?? 0)).toBe(true);
    expect(byTitle.get('Stillness')).toBeLessThan(5);
  });

  it('names the leader and the prompt in the warm-up', () => {
    const detail = buildAgenda('open-checkin', 60, input).sections[0]?.detail ?? '';
    expect(detail).toContain('Priya');
    expect(detail).toContain("What's a small thing that made your week?");
    expect(buildAgenda('open-checkin', 60, { items: [], readings: [] }).sections[0]?.detail).toBeTruthy();
    expect(buildAgenda('wol', 60, { warmup: { leaderName: 'Sam' }, items: [], readings: [] }).sections[0]?.detail).toContain(
      'Sam',
    );
  });

  it('times each Troika round step within the round', () => {
    const agenda = buildAgenda('troika', 60, input);
    const rounds = agenda.sections.filter((s) => s.title.startsWith('Round'));
    expect(rounds).toHaveLength(3);
    for (const round of rounds) {
      const stepMinutes = [...(round.detail ?? '').matchAll(/\((\d+) min\)/g)].map((m) => Number(m[1]));
      expect(stepMinutes).toHaveLength(4);
      expect(sum(stepMinutes)).toBe(round.minutes);
    }
    expect(rounds[0]?.detail).toMatch(/^The client presents/);
  });

  it('passes items and readings through as copies', () => {
    const agenda = buildAgenda('peer-assist', 60, input);
    expect(agenda.items).toEqual(input.items);
    expect(agenda.readings).toEqual(input.readings);
    expect(agenda.items).not.toBe(input.items);
    expect(agenda.readings).not.toBe(input.readings);
  });

  it('rejects durations too short or not whole', () => {
    expect(() => buildAgenda('troika', 14, input)).toThrow(RangeError);
    expect(() => buildAgenda('troika', 60.5, input)).toThrow(RangeError);
  });

  it('describes every format', () => {
    for (const id of AGENDA_FORMAT_IDS) {
      const f = AGENDA_FORMATS[id];
      expect(f.id).toBe(id);
      expect(f.name).toBeTruthy();
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.description).not.toContain('\n');
      expect(f.sections.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('apportionMinutes', () => {
  it('splits proportionally and sums exactly', () => {
    expect(apportionMinutes(10, [1, 1])).toEqual([5, 5]);
    expect(apportionMinutes(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportionMinutes(55, [30, 55, 15])).toEqual([17, 30, 8]);
    expect(apportionMinutes(0, [1, 2])).toEqual([0, 0]);
    expect(apportionMinutes(5, [])).toEqual([]);
  });

  it('gives every entry at least a minute when there are enough minutes', () => {
    const split = apportionMinutes(6, [100, 1, 1, 1]);
    expect(split.every((m) => m >= 1)).toBe(true);
    expect(sum(split)).toBe(6);
  });

  it('rejects bad input', () => {
    expect(() => apportionMinutes(-1, [1])).toThrow(RangeError);
    expect(() => apportionMinutes(10, [0, 1])).toThrow(RangeError);
    expect(() => apportionMinutes(10, [1.5])).toThrow(RangeError);
  });
});
