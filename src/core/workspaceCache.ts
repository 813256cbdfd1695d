/**
 * A short-lived, per-workspace memo for answers that are read far more often than they change
 * (`/circle list`), so that a burst of the same command answers from memory inside the ack.
 *
 * Freshness has two guards. In this process, every write that can change the answer calls
 * `invalidate(teamId)`, which bumps the workspace's generation: an entry read under an older
 * generation is never served, and a read that overlapped a write is not kept. Writes made by other
 * replicas are not seen here, so every entry also expires after `ttlMs`: that is the most another
 * replica's change can lag. Concurrent misses share one read.
 */
const SWEEP_AT = 256;

export class WorkspaceCache<T> {
  private readonly generations = new Map<string, number>();
  private readonly entries = new WeakMap<object, Map<string, { generation: number; at: number; value: Promise<T> }>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The workspace's answer has (or may have) changed: the next read goes to `load`. */
  invalidate(teamId: string): void {
    this.generations.set(teamId, (this.generations.get(teamId) ?? 0) + 1);
  }

  /**
   * `scope` separates app instances that share this process (tests run many, each over its own
   * database), so that two of them with the same team id never see each other's answers.
   */
  async get(scope: object, teamId: string, load: () => Promise<T>): Promise<T> {
    let byTeam = this.entries.get(scope);
    if (!byTeam) this.entries.set(scope, (byTeam = new Map()));
    const generation = this.generation(teamId);
    const hit = byTeam.get(teamId);
    if (hit && hit.generation === generation && this.now() - hit.at < this.ttlMs) return hit.value;
    const entry = { generation, at: this.now(), value: load() };
    // Entries are replaced when read again; workspaces that stopped asking are let go here.
    if (byTeam.size >= SWEEP_AT) this.sweep(byTeam);
    byTeam.set(teamId, entry);
    try {
      await entry.value;
    } catch (err) {
      if (byTeam.get(teamId) === entry) byTeam.delete(teamId);
      throw err;
    }
    // A write during the read may or may not be in it: do not keep it.
    if (this.generation(teamId) !== generation && byTeam.get(teamId) === entry) byTeam.delete(teamId);
    return entry.value;
  }

  /** How many answers are kept for this scope (tests). */
  size(scope: object): number {
    return this.entries.get(scope)?.size ?? 0;
  }

  private sweep(byTeam: Map<string, { at: number }>): void {
    const now = this.now();
    for (const [teamId, entry] of byTeam) if (now - entry.at >= this.ttlMs) byTeam.delete(teamId);
  }

  private generation(teamId: string): number {
    return this.generations.get(teamId) ?? 0;
  }
}
