import type { Clock } from '../../src/core/clock';
import type { PacerTime } from '../../src/workspaces/pacer';

/** A clock tests can set and move; the app reads it wherever it would read the time. */
export interface TestClock {
  clock: Clock;
  set(at: Date | string): void;
  advance(ms: number): void;
  now(): Date;
}

export function testClock(start: Date | string = '2026-11-23T15:00:00Z'): TestClock {
  let current = new Date(start);
  return {
    clock: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    now: () => new Date(current),
  };
}

/**
 * Pacer time for a simulation: the buckets refill on the test clock, and a wait the pacer asks for
 * is waited out in simulated milliseconds at once. Waits that overlap end together, at the latest
 * of them, as they would in real time. When the clock is moved, the time waited so far counts
 * toward the move, so this time line never runs backwards.
 */
export function simulatedPacerTime(clock: TestClock): PacerTime {
  let base = clock.now().getTime();
  let waited = 0;
  const elapsed = () => {
    const now = clock.now().getTime();
    if (now !== base) {
      waited = Math.max(0, base + waited - now);
      base = now;
    }
    return base + waited;
  };
  return {
    elapsed,
    sleep: async (ms) => {
      waited = Math.max(waited, elapsed() + ms - base);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
