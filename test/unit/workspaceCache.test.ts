import { WorkspaceCache } from '../../src/core/workspaceCache';

function setup(ttlMs = 5_000) {
  let now = 0;
  const cache = new WorkspaceCache<string>(ttlMs, () => now);
  let loads = 0;
  const load = (value: string) => async () => {
    loads++;
    return value;
  };
  return {
    cache,
    load,
    loads: () => loads,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('WorkspaceCache', () => {
  const app = {};

  it('answers from memory until the entry is ttlMs old', async () => {
    const t = setup();
    expect(await t.cache.get(app, 'T1', t.load('a'))).toBe('a');
    t.advance(4_999);
    expect(await t.cache.get(app, 'T1', t.load('b'))).toBe('a');
    t.advance(1);
    expect(await t.cache.get(app, 'T1', t.load('c'))).toBe('c');
    expect(t.loads()).toBe(2);
  });

  it('reads again after a write in this process, at once', async () => {
    const t = setup();
    await t.cache.get(app, 'T1', t.load('before'));
    t.cache.invalidate('T1');
    expect(await t.cache.get(app, 'T1', t.load('after'))).toBe('after');
  });

  it('keeps workspaces apart, and app instances with the same team id apart', async () => {
    const t = setup();
    const otherApp = {};
    await t.cache.get(app, 'T1', t.load('t1'));
    await t.cache.get(app, 'T2', t.load('t2'));
    await t.cache.get(otherApp, 'T1', t.load('other t1'));
    t.cache.invalidate('T2');
    expect(await t.cache.get(app, 'T1', t.load('x'))).toBe('t1');
    expect(await t.cache.get(otherApp, 'T1', t.load('x'))).toBe('other t1');
    expect(await t.cache.get(app, 'T2', t.load('t2 again'))).toBe('t2 again');
  });

  it('shares one read among requests that miss together', async () => {
    const t = setup();
    let release!: (v: string) => void;
    let reads = 0;
    const slow = () => {
      reads++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const all = Promise.all([t.cache.get(app, 'T1', slow), t.cache.get(app, 'T1', slow), t.cache.get(app, 'T1', slow)]);
    release('once');
    expect(await all).toEqual(['once', 'once', 'once']);
    expect(reads).toBe(1);
  });

  it('does not keep a read that a write overlapped, nor a failed one', async () => {
    const t = setup();
    let release!: (v: string) => void;
    const pending = t.cache.get(
      app,
      'T1',
      () =>
        new Promise<string>((resolve) => {
          release = resolve;
        }),
    );
    t.cache.invalidate('T1');
    release('maybe stale');
    expect(await pending).toBe('maybe stale');
    expect(await t.cache.get(app, 'T1', t.load('fresh'))).toBe('fresh');

    t.cache.invalidate('T1');
    await expect(
      t.cache.get(app, 'T1', async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect(await t.cache.get(app, 'T1', t.load('recovered'))).toBe('recovered');
  });

  it('lets go of the answers of workspaces that stopped asking', async () => {
    const t = setup();
    const scope = {};
    for (let i = 0; i < 300; i++) await t.cache.get(scope, `T${i}`, t.load(`answer ${i}`));
    t.advance(5_000);
    await t.cache.get(scope, 'T-new', t.load('new'));
    expect(t.cache.size(scope)).toBe(1);
  });
});
