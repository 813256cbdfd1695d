import type { Home } from '../home/publisher';

/**
 * Whether the demo's clock is jumping (a jump from the top bar, or one an act of the tour makes),
 * and what the app does differently meanwhile.
 */
export class ClockJumps {
  private running = 0;

  get active(): boolean {
    return this.running > 0;
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
    }
  }

  /**
   * The App Home redraws the app asks for after a change, left out during a jump. After every act,
   * a week's jump asks for some forty (one after each check-in DM), each two dozen statements and a
   * `views.publish`: a fifth of the jump, for tabs nobody has open. What anyone sees stays the same:
   * the app draws a Home tab fresh whenever it is opened (`app_home_opened`, which the page sends
   * each time it shows one, and again when a jump ends), and the emulator shows no other.
   */
  homes(home: Home): Home {
    return {
      refresh: (teamId, userId) => (this.active ? Promise.resolve() : home.refresh(teamId, userId)),
    };
  }
}
