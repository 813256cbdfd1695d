import type { Clock } from '../core/clock';

/**
 * The demo's clock: real time plus an offset that time travel moves forward. The app, the
 * emulator and the scheduler passes all read it, so they agree on "now".
 */
export class DemoClock {
  constructor(private offsetMs = 0) {}

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Never backwards: the app's rules (deliveries, held sessions) assume time only moves on. */
  setTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now());
  }

  readonly clock: Clock = () => this.now();
}
