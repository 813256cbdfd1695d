import type { Clock } from '../../src/core/clock';
import { clockPacerTime, type PacerTime } from '../../src/workspaces/pacer';

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

/** Pacer time for a simulation, on the test clock (see `clockPacerTime`). */
export function simulatedPacerTime(clock: TestClock): PacerTime {
  return clockPacerTime(() => clock.now());
}
