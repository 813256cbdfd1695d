/**
 * How often one person may run the app's expensive commands (a report with its chart, a matching,
 * a shuffle of the matching): a few runs per window each, counted together, so one person
 * repeating them cannot take the CPU everyone's acks need. Per process: each replica counts its
 * own requests, which is what its CPU is about.
 */

export interface CostlyLimit {
  /** Counts a run now and answers yes, or answers no and when the next run is allowed. */
  take(teamId: string, userId: string, now: Date): { ok: true } | { ok: false; retryAt: Date };
}

export const COSTLY_RUNS = 4;
export const COSTLY_WINDOW_MS = 60_000;

export function costlyLimit(runs = COSTLY_RUNS, windowMs = COSTLY_WINDOW_MS): CostlyLimit {
  const recent = new Map<string, number[]>();
  return {
    take(teamId, userId, now) {
      const key = `${teamId}:${userId}`;
      const at = now.getTime();
      const kept = (recent.get(key) ?? []).filter((t) => t > at - windowMs);
      if (kept.length >= runs) {
        recent.set(key, kept);
        return { ok: false, retryAt: new Date(kept[0]! + windowMs) };
      }
      kept.push(at);
      recent.set(key, kept);
      // Forget people with nothing in the window, so the map stays the size of the current users.
      if (recent.size > 10_000) for (const [k, v] of recent) if (v.every((t) => t <= at - windowMs)) recent.delete(k);
      return { ok: true };
    },
  };
}
