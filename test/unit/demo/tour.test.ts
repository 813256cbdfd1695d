import { ACTS } from '../../../src/demo/acts';
import { actSeconds, DEFAULT_TIMING, readingMs, type TourAct, type TourContext, TourPlayer } from '../../../src/demo/tour';

const ctx = {} as Omit<TourContext, 'focus' | 'beat' | 'memo'>;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function act(ran: string[]): TourAct {
  const step = (id: string) => ({
    id,
    title: id,
    explain: 'words '.repeat(10),
    run: async () => void ran.push(id),
  });
  return {
    id: 'a',
    title: 'A',
    summary: 'An act',
    setup: async () => undefined,
    steps: [step('one'), step('two'), step('three')],
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await wait(10);
  if (!check()) throw new Error('timed out');
}

describe('the guided tour', () => {
  it('announces every act at under two minutes at the default pace', () => {
    expect(ACTS.map((a) => a.id)).toEqual(['rhythm', 'checkins', 'coaching', 'cycle-end', 'forming']);
    for (const a of ACTS) expect(actSeconds(a)).toBeLessThan(100 + (a.setupSeconds ?? 0));
    for (const a of ACTS) expect(actSeconds(a)).toBeLessThan(110);
  });

  it('keeps a longer text on screen longer, and never less than the least time', () => {
    const timing = { stepMs: 1000, wordMs: 200 };
    expect(readingMs({ title: 'Hi', explain: 'there' }, timing)).toBe(1000);
    expect(readingMs({ title: 'A', explain: 'word '.repeat(19) }, timing)).toBe(4000);
    expect(DEFAULT_TIMING.wordMs).toBeGreaterThan(100);
  });

  it('holds a step while paused, goes back without playing it again, and on with next', async () => {
    const ran: string[] = [];
    // Long enough that only the controls move it on.
    const player = new TourPlayer([act(ran)], { stepMs: 60_000, wordMs: 0 });
    const done = player.play(0, ctx, () => undefined);
    await until(() => player.state.index === 0 && !player.state.running);
    player.next();
    await until(() => player.state.index === 1 && !player.state.running);
    player.pause(true);
    player.back();
    await until(() => player.state.index === 0);
    expect(player.state).toMatchObject({ reached: 1, paused: true, status: 'playing' });
    player.next();
    await until(() => player.state.index === 1);
    player.pause(false);
    player.next();
    await until(() => player.state.index === 2 && !player.state.running);
    player.next();
    await done;
    expect(player.state.status).toBe('done');
    expect(ran).toEqual(['one', 'two', 'three']);
  });

  it('close stops the act after the step running, and the panel offers the acts again', async () => {
    const ran: string[] = [];
    const player = new TourPlayer([act(ran)], { stepMs: 60_000, wordMs: 0 });
    const done = player.play(0, ctx, () => undefined);
    await until(() => player.state.index === 0 && !player.state.running);
    player.close();
    await done;
    expect(player.state).toMatchObject({ status: 'idle', index: -1, steps: [] });
    expect(ran).toEqual(['one']);
    expect(() => player.next()).toThrow('No act is playing');
  });
});
