import type { Db } from '../../../src/db/database';
import { DemoClock } from '../../../src/demo/clock';
import { targetOf } from '../../../src/demo/timeTravel';

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
