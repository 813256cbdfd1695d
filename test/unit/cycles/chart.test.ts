import { performance } from 'node:perf_hooks';
import { chartPng, chartSpec, chartSvg, EMPTY_CHART, sessionLabels, stopChartWorker } from '../../../src/cycles/chart';
import type { Report, SessionLine } from '../../../src/cycles/report';
import type { CircleRow } from '../../../src/circles/service';
import type { CycleRow } from '../../../src/cycles/store';

/** The report's chart: every session on the axis, the unrecorded ones said so, a sentence when nothing is recorded. */

const circle = {
  name: 'Readers',
  cadence: { kind: 'weekly', everyWeeks: 1, weekday: 'tuesday', localTime: '21:00', durationMinutes: 60, timeZone: 'Asia/Tokyo' },
} as unknown as CircleRow;
const cycle = { number: 2, start_date: '2026-12-01', end_date: '2026-12-22' } as CycleRow;

const session = (day: number, noted: boolean): SessionLine => ({
  id: day,
  // 21:00 in Tokyo is 12:00 UTC the same day.
  startsAt: new Date(Date.UTC(2026, 11, day, 12)),
  expected: 4,
  present: noted ? 3 : 0,
  recorded: noted ? 4 : 0,
  checkins: noted ? 2 : 0,
  usefulness: noted ? 4 : null,
  noted,
});
const report = (sessions: SessionLine[]) => ({ circle, cycle, sessions }) as unknown as Report;

afterAll(() => stopChartWorker());

describe('the report chart', () => {
  it('with nothing recorded, says so instead of drawing empty axes', async () => {
    const r = report([session(1, false), session(8, false)]);
    expect(JSON.stringify(chartSpec(r))).toContain(EMPTY_CHART);
    const svg = await chartSvg(r);
    expect(svg).toContain(EMPTY_CHART);
    expect(svg).not.toContain('Attendance (%)');
  });

  it('with no session at all, says the same', async () => {
    expect(await chartSvg(report([]))).toContain(EMPTY_CHART);
  });

  it("puts every session on the axis, dated in the circle's zone, and marks those nobody recorded", async () => {
    const r = report([session(1, true), session(8, false), session(15, true), session(22, false)]);
    expect(sessionLabels(r)).toEqual(['#1 Dec 1', '#2 Dec 8', '#3 Dec 15', '#4 Dec 22']);
    const svg = await chartSvg(r);
    for (const label of sessionLabels(r)) expect(svg).toContain(label);
    expect(svg.match(/not recorded/g)?.length).toBeGreaterThanOrEqual(2);
    expect(svg).not.toContain(EMPTY_CHART);
  });

  it('renders the PNG in a worker thread: the event loop stays free while it draws', async () => {
    const r = report(Array.from({ length: 20 }, (_, i) => session(1 + i, i % 3 !== 0)));
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      const pngs = await Promise.all([chartPng(r), chartPng(r), chartPng(r)]);
      for (const png of pngs) expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    } finally {
      clearInterval(timer);
    }
    // Rendering takes hundreds of milliseconds of CPU; none of it on this thread.
    expect(longest).toBeLessThan(250);
  }, 60_000);
});
