import type { Db } from '../../../src/db/database';
import { DemoClock } from '../../../src/demo/clock';
import { passInstants, targetOf } from '../../../src/demo/timeTravel';

const DAY = 24 * 3_600_000;
// A date jump reads no table: the database is never touched.
const deps = () => ({ clock: new DemoClock(0), db: {} as Db, tick: async () => undefined });
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('jumping the demo clock to a date', () => {
  it('lands at 09:00 in the viewer’s zone that day', async () => {
    const date = isoDate(Date.now() + 10 * DAY);
    const at = await targetOf(deps(), { jump: 'date', date, timeZone: 'Asia/Kolkata' });
    expect(at.toISOString()).toBe(`${date}T03:30:00.000Z`);
  });

  it('refuses the past, a jump of more than about a year, and anything that is not a date', async () => {
    await expect(targetOf(deps(), { jump: 'date', date: '2001-01-01', timeZone: 'UTC' })).rejects.toThrow('only moves forward');
    const far = isoDate(Date.now() + 500 * DAY);
    await expect(targetOf(deps(), { jump: 'date', date: far, timeZone: 'UTC' })).rejects.toThrow('about a year');
    await expect(targetOf(deps(), { jump: 'date', date: 'tomorrow', timeZone: 'UTC' })).rejects.toThrow('Pick a date');
  });

  it('moves an hour, a day or a week from the demo clock’s now', async () => {
    const d = deps();
    const before = d.clock.nowMs();
    const at = await targetOf(d, { jump: 'day' });
    expect(at.getTime() - before).toBeGreaterThanOrEqual(DAY);
    expect(at.getTime() - before).toBeLessThan(DAY + 1000);
  });
});

describe('the passes of a jump', () => {
  const HOUR = 3_600_000;
  const from = Date.UTC(2027, 0, 4, 10);

  it('runs one at each due instant on the way and one at the target, nothing past it or before the start', () => {
    const due = [from + 3 * HOUR, from + HOUR, from + 2 * HOUR, from + HOUR, from - HOUR, from + 5 * HOUR];
    expect(passInstants(from, from + 4 * HOUR, due)).toEqual([from + HOUR, from + 2 * HOUR, from + 3 * HOUR, from + 4 * HOUR]);
  });

  it('adds passes only where nothing falls due for more than six hours, so none of them is ever further apart', () => {
    const to = from + 7 * 24 * HOUR;
    const due = [from + HOUR, from + 4 * HOUR, from + 30 * HOUR];
    const steps = passInstants(from, to, due);
    expect(steps.slice(0, 7)).toEqual([
      from + HOUR,
      from + 4 * HOUR,
      from + 10 * HOUR,
      from + 16 * HOUR,
      from + 22 * HOUR,
      from + 28 * HOUR,
      from + 30 * HOUR,
    ]);
    expect(steps.at(-1)).toBe(to);
    const gaps = steps.map((t, i) => t - (steps[i - 1] ?? from));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(6 * HOUR);
  });
});
