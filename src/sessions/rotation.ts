export type MemberStatus = 'active' | 'paused' | 'waitlisted' | 'left';

export interface LeaderCandidate {
  userId: string;
  joinedAt: Date;
  status: MemberStatus;
  lastLedAt: Date | null;
}

export interface NextLeaderOptions {
  /** Members to skip this time, e.g. someone who passed the warm-up on. */
  exclude?: string[];
}

/**
 * Who leads the next warm-up: the active member who led least recently. Ordering by
 * lastLedAt (rather than counting turns) means a newcomer, who has never led, goes
 * before anyone takes a second turn, and someone returning from a pause or passing
 * a turn keeps their place instead of being pushed to the back.
 */
export function nextLeader(candidates: LeaderCandidate[], opts: NextLeaderOptions = {}): string | null {
  const excluded = new Set(opts.exclude ?? []);
  let best: LeaderCandidate | null = null;
  for (const c of candidates) {
    if (c.status !== 'active' || excluded.has(c.userId)) continue;
    if (best === null || comesBefore(c, best)) best = c;
  }
  return best?.userId ?? null;
}

function comesBefore(a: LeaderCandidate, b: LeaderCandidate): boolean {
  const led = compareLastLed(a.lastLedAt, b.lastLedAt);
  if (led !== 0) return led < 0;
  const joined = a.joinedAt.getTime() - b.joinedAt.getTime();
  if (joined !== 0) return joined < 0;
  // Code-unit comparison, not localeCompare, so the order never depends on the host's locale.
  return a.userId < b.userId;
}

function compareLastLed(a: Date | null, b: Date | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return a.getTime() - b.getTime();
}
