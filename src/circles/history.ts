import type { MembershipStatus } from '../db/types';

/** Who held an active place at an instant, from the history of status changes (pure). */

export interface MembershipEvent {
  userId: string;
  status: MembershipStatus;
  at: Date;
}

/**
 * The people whose latest change at or before each instant left them active: joined, not paused,
 * not gone. `events` in the order they happened (by instant, then as written). One pass over the
 * history for any number of instants.
 */
export function activeAt(events: readonly MembershipEvent[], instants: readonly Date[]): Map<number, string[]> {
  const order = [...instants].sort((a, b) => a.getTime() - b.getTime());
  const status = new Map<string, MembershipStatus>();
  const out = new Map<number, string[]>();
  let i = 0;
  for (const instant of order) {
    while (i < events.length && events[i]!.at.getTime() <= instant.getTime()) {
      status.set(events[i]!.userId, events[i]!.status);
      i++;
    }
    out.set(
      instant.getTime(),
      [...status].filter(([, s]) => s === 'active').map(([u]) => u),
    );
  }
  return out;
}
