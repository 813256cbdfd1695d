import { costlyLimit } from '../../../src/core/costly';

describe('the per-person limit on expensive commands', () => {
  const t0 = new Date('2026-12-01T12:00:00Z');
  const plus = (ms: number) => new Date(t0.getTime() + ms);

  it('allows a few runs a window, then says when the next is allowed', () => {
    const limit = costlyLimit(3, 60_000);
    expect(limit.take('T1', 'U1', t0)).toEqual({ ok: true });
    expect(limit.take('T1', 'U1', plus(10_000))).toEqual({ ok: true });
    expect(limit.take('T1', 'U1', plus(20_000))).toEqual({ ok: true });
    expect(limit.take('T1', 'U1', plus(30_000))).toEqual({ ok: false, retryAt: plus(60_000) });
    // Someone else, or the same person in another workspace, has their own count.
    expect(limit.take('T1', 'U2', plus(30_000))).toEqual({ ok: true });
    expect(limit.take('T2', 'U1', plus(30_000))).toEqual({ ok: true });
    expect(limit.take('T1', 'U1', plus(60_001))).toEqual({ ok: true });
  });
});
