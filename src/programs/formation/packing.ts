/**
 * The most valuable set of disjoint columns (weighted set packing) with a given number of columns,
 * by depth-first branch and bound, for a few hundred columns over up to 64 people. It branches on
 * the open person with the fewest columns still possible (each such column, or none) and bounds
 * what is left by a Lagrangian relaxation: with multipliers λ ≥ 0 on "each person in at most one
 * column", k more columns add at most Σ_open λ_p plus the k largest reduced costs v_j − Σ_{p∈j} λ_p
 * among the columns still possible. The multipliers come from subgradient descent at the root, one
 * set per number of columns: fixing the number is what makes the relaxation tight (fractional
 * counts are most of its gap otherwise, as in exactPriced.ts).
 */

export interface PackColumn {
  /** Indexes of people, 0 … people − 1. */
  members: readonly number[];
  value: number;
}

export interface Packing {
  /** Indexes of the chosen columns. */
  chosen: number[];
  value: number;
  /** False when the node limit stopped the search: `chosen` is then the best found, not proven best. */
  complete: boolean;
}

export interface PackingLimits {
  /** Only packings worth more than this count. */
  floor: number;
  /** The most people a packing may leave out. */
  maxOut: number;
  /** Nodes the search may visit in all (a step budget, so the result never depends on the clock). */
  nodeLimit: number;
}

/** The best packing worth more than `floor` that leaves at most `maxOut` people out, or null if none is found. */
export function bestPacking(columns: readonly PackColumn[], people: number, limits: PackingLimits): Packing | null {
  if (columns.length === 0) return null;
  const sizes = columns.map((c) => c.members.length);
  const minSize = Math.min(...sizes);
  const maxSize = Math.max(...sizes);
  const fewest = Math.ceil((people - limits.maxOut) / maxSize);
  const most = Math.floor(people / minSize);
  const search = new PackingSearch(columns, people, limits);
  for (let k = Math.max(0, fewest); k <= most && !search.stopped(); k++) search.run(k);
  return search.result();
}

class PackingSearch {
  private readonly words: number;
  private readonly maxSize: number;
  private readonly mask: Uint32Array;
  private readonly byPerson: number[][];
  private readonly closed: Uint32Array;
  private readonly reduced: Float64Array;
  private lambda: Float64Array;
  private best: number;
  private bestChoice: number[] | null = null;
  private readonly chosen: number[] = [];
  private nodes = 0;
  // Scratch per depth, so a node allocates nothing.
  private readonly counts: Int32Array[] = [];
  private readonly tops: Float64Array[] = [];

  constructor(
    private readonly columns: readonly PackColumn[],
    private readonly people: number,
    private readonly limits: PackingLimits,
  ) {
    this.words = Math.ceil(people / 32);
    this.maxSize = Math.max(...columns.map((c) => c.members.length));
    this.mask = new Uint32Array(columns.length * this.words);
    this.byPerson = Array.from({ length: people }, () => []);
    columns.forEach((c, i) => {
      for (const p of c.members) {
        this.mask[i * this.words + (p >>> 5)]! |= 1 << (p & 31);
        this.byPerson[p]!.push(i);
      }
    });
    for (const list of this.byPerson) list.sort((a, b) => columns[b]!.value - columns[a]!.value || a - b);
    this.closed = new Uint32Array(this.words);
    this.reduced = new Float64Array(columns.length);
    this.lambda = new Float64Array(people);
    this.best = limits.floor;
  }

  stopped(): boolean {
    return this.nodes > this.limits.nodeLimit;
  }

  result(): Packing | null {
    return this.bestChoice ? { chosen: this.bestChoice, value: this.best, complete: !this.stopped() } : null;
  }

  /** Packings of exactly k columns. */
  run(k: number): void {
    this.lambda = multipliers(this.columns, this.people, k, this.best);
    this.columns.forEach((c, i) => {
      this.reduced[i] = c.value - c.members.reduce((x, p) => x + this.lambda[p]!, 0);
    });
    this.walk(0, k, 0, 0);
  }

  private fits(i: number): boolean {
    for (let w = 0; w < this.words; w++) if ((this.mask[i * this.words + w]! & this.closed[w]!) !== 0) return false;
    return true;
  }

  private isClosed(p: number): boolean {
    return (this.closed[p >>> 5]! & (1 << (p & 31))) !== 0;
  }

  private setClosed(p: number, on: boolean): void {
    if (on) this.closed[p >>> 5]! |= 1 << (p & 31);
    else this.closed[p >>> 5]! &= ~(1 << (p & 31));
  }

  /** `left` columns still to choose; `out` people left out so far. */
  private walk(depth: number, left: number, total: number, out: number): void {
    if (++this.nodes > this.limits.nodeLimit) return;
    const n = (this.counts[depth] ??= new Int32Array(this.people));
    if ((this.tops[depth]?.length ?? 0) < Math.max(1, left)) this.tops[depth] = new Float64Array(Math.max(1, left));
    const top = this.tops[depth]!;
    n.fill(0);
    top.fill(-Infinity);
    for (let i = 0; i < this.columns.length; i++) {
      if (!this.fits(i)) continue;
      for (const p of this.columns[i]!.members) n[p]!++;
      insertTop(top, left, this.reduced[i]!);
    }
    let bound = total;
    let pick = -1;
    let stranded = 0;
    for (let p = 0; p < this.people; p++) {
      if (this.isClosed(p)) continue;
      if (n[p] === 0) {
        stranded++;
        continue;
      }
      bound += this.lambda[p]!;
      if (pick < 0 || n[p]! < n[pick]!) pick = p;
    }
    // Whoever is open and beyond what `left` columns can hold is left out too.
    const open = this.openCount();
    if (out + Math.max(stranded, open - left * this.maxSize) > this.limits.maxOut) return;
    if (left === 0) {
      if (total > this.best) {
        this.best = total;
        this.bestChoice = [...this.chosen];
      }
      return;
    }
    if (pick < 0) return;
    for (let j = 0; j < left; j++) bound += top[j]!;
    if (!(bound > this.best)) return;
    for (const i of this.byPerson[pick]!) {
      if (!this.fits(i)) continue;
      const members = this.columns[i]!.members;
      for (const p of members) this.setClosed(p, true);
      this.chosen.push(i);
      this.walk(depth + 1, left - 1, total + this.columns[i]!.value, out);
      this.chosen.pop();
      for (const p of members) this.setClosed(p, false);
      if (this.stopped()) return;
    }
    // Or `pick` is in no column.
    if (out + stranded + 1 > this.limits.maxOut) return;
    this.setClosed(pick, true);
    this.walk(depth + 1, left, total, out + 1);
    this.setClosed(pick, false);
  }

  private openCount(): number {
    let k = 0;
    for (let p = 0; p < this.people; p++) if (!this.isClosed(p)) k++;
    return k;
  }
}

/** Keeps `top[0..k)` the k largest values seen, largest first. */
function insertTop(top: Float64Array, k: number, x: number): void {
  if (k === 0 || x <= top[k - 1]!) return;
  let j = k - 1;
  while (j > 0 && top[j - 1]! < x) {
    top[j] = top[j - 1]!;
    j--;
  }
  top[j] = x;
}

/**
 * Multipliers for packings of exactly k columns, by subgradient descent: the bound for λ is
 * Σ_p λ_p + (the k largest reduced costs), and its subgradient in λ_p is 1 minus how many of those
 * k columns hold p. Starts from each person's best share of a column.
 */
function multipliers(columns: readonly PackColumn[], people: number, k: number, target: number): Float64Array {
  const lambda = new Float64Array(people);
  for (const c of columns) for (const p of c.members) lambda[p] = Math.max(lambda[p]!, c.value / c.members.length);
  const best = Float64Array.from(lambda);
  const rc = new Float64Array(columns.length);
  const order = columns.map((_, i) => i);
  const g = new Float64Array(people);
  let bestBound = Infinity;
  let theta = 1;
  let stale = 0;
  for (let it = 0; it < 300 && theta > 1e-4; it++) {
    columns.forEach((c, i) => {
      rc[i] = c.value - c.members.reduce((x, p) => x + lambda[p]!, 0);
    });
    order.sort((a, b) => rc[b]! - rc[a]!);
    let bound = 0;
    for (let p = 0; p < people; p++) bound += lambda[p]!;
    g.fill(1);
    for (let j = 0; j < Math.min(k, order.length); j++) {
      bound += rc[order[j]!]!;
      for (const p of columns[order[j]!]!.members) g[p]!--;
    }
    if (bound < bestBound - 1e-9) {
      bestBound = bound;
      best.set(lambda);
      stale = 0;
    } else if (++stale >= 10) {
      theta /= 2;
      stale = 0;
    }
    let norm = 0;
    for (let p = 0; p < people; p++) norm += g[p]! * g[p]!;
    if (norm === 0 || bound <= target) break;
    const step = (theta * (bound - target)) / norm;
    for (let p = 0; p < people; p++) lambda[p] = Math.max(0, lambda[p]! - step * g[p]!);
  }
  return best;
}
