/**
 * Maximum-weight matching in a general graph: Edmonds' blossom algorithm with the primal-dual
 * bookkeeping of Galil's survey, as in J. van Rantwijk's well-known Python implementation
 * (which `edmonds-blossom-fixed` also ports). O(n^3) time, O(n + m) memory.
 *
 * Why our own port: the solver calls this on sparse candidate graphs thousands of vertices wide and
 * then checks the dual solution against every pair it left out, so it needs typed arrays, adjacency
 * in one flat array, and the final duals and blossom tree, which the package neither exposes nor
 * computes fast.
 *
 * Weights must be non-negative integers whose doubled sums stay below 2^53: the duals are kept
 * doubled (`dual[v] = 2 * u_v`), which keeps every step an exact integer computation.
 */

export interface BlossomResult {
  /** mate[v] = the vertex matched to v, or -1. */
  mate: Int32Array;
  /** Doubled vertex duals (indices < n) and blossom duals (indices n..2n-1, not doubled). */
  dual: Float64Array;
  /** Parent blossom of each vertex or blossom, -1 at the top; only blossoms still alive. */
  blossomParent: Int32Array;
  /** Leaves count of each alive blossom (0 for dead ones and for vertices). */
  blossomSize: Int32Array;
}

export class Graph {
  readonly u: Int32Array;
  readonly v: Int32Array;
  readonly w: Float64Array;
  m = 0;

  constructor(
    readonly n: number,
    capacity: number,
  ) {
    this.u = new Int32Array(capacity);
    this.v = new Int32Array(capacity);
    this.w = new Float64Array(capacity);
  }

  add(a: number, b: number, weight: number): void {
    this.u[this.m] = a;
    this.v[this.m] = b;
    this.w[this.m] = weight;
    this.m++;
  }
}

/**
 * `initial`: edges to start matched. Each must weigh as much as the heaviest edge, so that it is
 * tight under the starting duals (all equal to that weight) and every invariant holds from the start.
 */
export function maxWeightMatching(g: Graph, initial: readonly number[] = []): BlossomResult {
  return new Blossom(g, initial).run();
}

class Blossom {
  private readonly n: number;
  private readonly m: number;
  private readonly eu: Int32Array;
  private readonly ev: Int32Array;
  private readonly ew: Float64Array;
  /** endpoint[p]: vertex at end p of edge p >> 1 (p even: u, odd: v). */
  private readonly endpoint: Int32Array;
  /** Adjacency as endpoint ids pointing away from the vertex, CSR. */
  private readonly nbStart: Int32Array;
  private readonly nbEnd: Int32Array;

  private readonly mate: Int32Array; // endpoint id or -1
  private readonly label: Int8Array;
  private readonly labelEnd: Int32Array;
  private readonly inBlossom: Int32Array;
  private readonly blossomParent: Int32Array;
  private readonly blossomChilds: number[][];
  private readonly blossomBase: Int32Array;
  private readonly blossomEndPs: number[][];
  private readonly bestEdge: Int32Array;
  private readonly blossomBestEdges: Array<number[] | null>;
  private readonly unusedBlossoms: number[];
  private readonly dual: Float64Array;
  /** allowEdge[k] === stage: edge k is tight in this stage (a stamp, so no O(m) reset per stage). */
  private readonly allowEdge: Int32Array;
  private stage = 0;
  /** Whether a dual step happened since the last pass matching tight free pairs. */
  private dualsMoved = true;
  private queue: Int32Array;
  private qLen = 0;

  constructor(g: Graph, initial: readonly number[]) {
    const n = g.n;
    const m = g.m;
    this.n = n;
    this.m = m;
    this.eu = g.u;
    this.ev = g.v;
    this.ew = g.w;
    this.endpoint = new Int32Array(2 * m);
    const degree = new Int32Array(n + 1);
    let maxWeight = 0;
    for (let k = 0; k < m; k++) {
      const a = g.u[k]!;
      const b = g.v[k]!;
      this.endpoint[2 * k] = a;
      this.endpoint[2 * k + 1] = b;
      degree[a]!++;
      degree[b]!++;
      if (g.w[k]! > maxWeight) maxWeight = g.w[k]!;
    }
    this.nbStart = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) this.nbStart[v + 1] = this.nbStart[v]! + degree[v]!;
    this.nbEnd = new Int32Array(2 * m);
    const fill = this.nbStart.slice(0, n);
    for (let k = 0; k < m; k++) {
      this.nbEnd[fill[g.u[k]!]!++] = 2 * k + 1;
      this.nbEnd[fill[g.v[k]!]!++] = 2 * k;
    }
    this.mate = new Int32Array(n).fill(-1);
    this.label = new Int8Array(2 * n);
    this.labelEnd = new Int32Array(2 * n).fill(-1);
    this.inBlossom = new Int32Array(n);
    for (let v = 0; v < n; v++) this.inBlossom[v] = v;
    this.blossomParent = new Int32Array(2 * n).fill(-1);
    this.blossomChilds = Array.from({ length: 2 * n }, () => []);
    this.blossomBase = new Int32Array(2 * n).fill(-1);
    for (let v = 0; v < n; v++) this.blossomBase[v] = v;
    this.blossomEndPs = Array.from({ length: 2 * n }, () => []);
    this.bestEdge = new Int32Array(2 * n).fill(-1);
    this.blossomBestEdges = new Array<number[] | null>(2 * n).fill(null);
    this.unusedBlossoms = [];
    for (let b = 2 * n - 1; b >= n; b--) this.unusedBlossoms.push(b);
    this.dual = new Float64Array(2 * n);
    this.dual.fill(maxWeight, 0, n);
    this.allowEdge = new Int32Array(m).fill(-1);
    this.queue = new Int32Array(Math.max(16, n));
    for (const k of initial) {
      if (this.ew[k] !== maxWeight || this.mate[this.eu[k]!] !== -1 || this.mate[this.ev[k]!] !== -1) {
        throw new Error('an initial edge must be of the largest weight and the initial edges a matching');
      }
      this.mate[this.eu[k]!] = 2 * k + 1;
      this.mate[this.ev[k]!] = 2 * k;
    }
  }

  private slack(k: number): number {
    return this.dual[this.eu[k]!]! + this.dual[this.ev[k]!]! - 2 * this.ew[k]!;
  }

  private push(v: number): void {
    if (this.qLen === this.queue.length) {
      const bigger = new Int32Array(this.queue.length * 2);
      bigger.set(this.queue);
      this.queue = bigger;
    }
    this.queue[this.qLen++] = v;
  }

  private leaves(b: number, out: number[]): number[] {
    if (b < this.n) {
      out.push(b);
      return out;
    }
    for (const c of this.blossomChilds[b]!) {
      if (c < this.n) out.push(c);
      else this.leaves(c, out);
    }
    return out;
  }

  private pushLeaves(b: number): void {
    if (b < this.n) {
      this.push(b);
      return;
    }
    for (const c of this.blossomChilds[b]!) this.pushLeaves(c);
  }

  private assignLabel(w: number, t: number, p: number): void {
    // Iterative: a T-label always makes the base's mate an S-vertex, never deeper.
    for (;;) {
      const b = this.inBlossom[w]!;
      this.label[w] = t;
      this.label[b] = t;
      this.labelEnd[w] = p;
      this.labelEnd[b] = p;
      this.bestEdge[w] = -1;
      this.bestEdge[b] = -1;
      if (t === 1) {
        this.pushLeaves(b);
        return;
      }
      const base = this.blossomBase[b]!;
      const mp = this.mate[base]!;
      w = this.endpoint[mp]!;
      t = 1;
      p = mp ^ 1;
    }
  }

  private scanBlossom(v: number, w: number): number {
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = this.inBlossom[v]!;
      if (this.label[b]! & 4) {
        base = this.blossomBase[b]!;
        break;
      }
      path.push(b);
      this.label[b] = 5;
      if (this.labelEnd[b] === -1) {
        v = -1;
      } else {
        v = this.endpoint[this.labelEnd[b]!]!;
        b = this.inBlossom[v]!;
        v = this.endpoint[this.labelEnd[b]!]!;
      }
      if (w !== -1) {
        const t = v;
        v = w;
        w = t;
      }
    }
    for (const b of path) this.label[b] = 1;
    return base;
  }

  private addBlossom(base: number, k: number): void {
    let v = this.eu[k]!;
    let w = this.ev[k]!;
    const bb = this.inBlossom[base]!;
    let bv = this.inBlossom[v]!;
    let bw = this.inBlossom[w]!;
    const b = this.unusedBlossoms.pop()!;
    this.blossomBase[b] = base;
    this.blossomParent[b] = -1;
    this.blossomParent[bb] = b;
    const path: number[] = [];
    const endPs: number[] = [];
    while (bv !== bb) {
      this.blossomParent[bv] = b;
      path.push(bv);
      endPs.push(this.labelEnd[bv]!);
      v = this.endpoint[this.labelEnd[bv]!]!;
      bv = this.inBlossom[v]!;
    }
    path.push(bb);
    path.reverse();
    endPs.reverse();
    endPs.push(2 * k);
    while (bw !== bb) {
      this.blossomParent[bw] = b;
      path.push(bw);
      endPs.push(this.labelEnd[bw]! ^ 1);
      w = this.endpoint[this.labelEnd[bw]!]!;
      bw = this.inBlossom[w]!;
    }
    this.blossomChilds[b] = path;
    this.blossomEndPs[b] = endPs;
    this.label[b] = 1;
    this.labelEnd[b] = this.labelEnd[bb]!;
    this.dual[b] = 0;
    for (const leaf of this.leaves(b, [])) {
      if (this.label[this.inBlossom[leaf]!] === 2) this.push(leaf);
      this.inBlossom[leaf] = b;
    }
    // Least-slack edge from the new blossom to each neighbouring S-blossom.
    const bestEdgeTo = new Map<number, number>();
    for (const child of path) {
      const own = this.blossomBestEdges[child];
      const consider = (kk: number): void => {
        let j = this.ev[kk]!;
        if (this.inBlossom[j] === b) j = this.eu[kk]!;
        const bj = this.inBlossom[j]!;
        if (bj !== b && this.label[bj] === 1) {
          const cur = bestEdgeTo.get(bj);
          if (cur === undefined || this.slack(kk) < this.slack(cur)) bestEdgeTo.set(bj, kk);
        }
      };
      if (own === null || own === undefined) {
        for (const leaf of this.leaves(child, [])) {
          for (let q = this.nbStart[leaf]!; q < this.nbStart[leaf + 1]!; q++) consider(this.nbEnd[q]! >> 1);
        }
      } else {
        for (const kk of own) consider(kk);
      }
      this.blossomBestEdges[child] = null;
      this.bestEdge[child] = -1;
    }
    const be = [...bestEdgeTo.values()];
    this.blossomBestEdges[b] = be;
    let best = -1;
    for (const kk of be) if (best === -1 || this.slack(kk) < this.slack(best)) best = kk;
    this.bestEdge[b] = best;
  }

  private expandBlossom(b: number, endStage: boolean): void {
    const childs = this.blossomChilds[b]!;
    for (const s of childs) {
      this.blossomParent[s] = -1;
      if (s < this.n) this.inBlossom[s] = s;
      else if (endStage && this.dual[s] === 0) this.expandBlossom(s, endStage);
      else for (const leaf of this.leaves(s, [])) this.inBlossom[leaf] = s;
    }
    if (!endStage && this.label[b] === 2) {
      const endPs = this.blossomEndPs[b]!;
      const len = childs.length;
      const at = (arr: number[], i: number): number => arr[i < 0 ? arr.length + i : i]!;
      const entryChild = this.inBlossom[this.endpoint[this.labelEnd[b]! ^ 1]!]!;
      let j = childs.indexOf(entryChild);
      let jStep: number;
      let endpTrick: number;
      if (j & 1) {
        j -= len;
        jStep = 1;
        endpTrick = 0;
      } else {
        jStep = -1;
        endpTrick = 1;
      }
      let p = this.labelEnd[b]!;
      while (j !== 0) {
        this.label[this.endpoint[p ^ 1]!] = 0;
        this.label[this.endpoint[at(endPs, j - endpTrick) ^ endpTrick ^ 1]!] = 0;
        this.assignLabel(this.endpoint[p ^ 1]!, 2, p);
        this.allowEdge[at(endPs, j - endpTrick) >> 1] = this.stage;
        j += jStep;
        p = at(endPs, j - endpTrick) ^ endpTrick;
        this.allowEdge[p >> 1] = this.stage;
        j += jStep;
      }
      let bv = at(childs, j);
      this.label[this.endpoint[p ^ 1]!] = 2;
      this.label[bv] = 2;
      this.labelEnd[this.endpoint[p ^ 1]!] = p;
      this.labelEnd[bv] = p;
      this.bestEdge[bv] = -1;
      j += jStep;
      while (at(childs, j) !== entryChild) {
        bv = at(childs, j);
        if (this.label[bv] === 1) {
          j += jStep;
          continue;
        }
        let found = -1;
        for (const leaf of this.leaves(bv, [])) {
          if (this.label[leaf] !== 0) {
            found = leaf;
            break;
          }
        }
        if (found !== -1) {
          this.label[found] = 0;
          this.label[this.endpoint[this.mate[this.blossomBase[bv]!]!]!] = 0;
          this.assignLabel(found, 2, this.labelEnd[found]!);
        }
        j += jStep;
      }
    }
    this.label[b] = -1;
    this.labelEnd[b] = -1;
    this.blossomChilds[b] = [];
    this.blossomEndPs[b] = [];
    this.blossomBase[b] = -1;
    this.blossomBestEdges[b] = null;
    this.bestEdge[b] = -1;
    this.unusedBlossoms.push(b);
  }

  private augmentBlossom(b: number, v: number): void {
    let t = v;
    while (this.blossomParent[t] !== b) t = this.blossomParent[t]!;
    if (t >= this.n) this.augmentBlossom(t, v);
    const childs = this.blossomChilds[b]!;
    const endPs = this.blossomEndPs[b]!;
    const at = (arr: number[], i: number): number => arr[i < 0 ? arr.length + i : i]!;
    const i = childs.indexOf(t);
    let j = i;
    let jStep: number;
    let endpTrick: number;
    if (i & 1) {
      j -= childs.length;
      jStep = 1;
      endpTrick = 0;
    } else {
      jStep = -1;
      endpTrick = 1;
    }
    while (j !== 0) {
      j += jStep;
      t = at(childs, j);
      const p = at(endPs, j - endpTrick) ^ endpTrick;
      if (t >= this.n) this.augmentBlossom(t, this.endpoint[p]!);
      j += jStep;
      t = at(childs, j);
      if (t >= this.n) this.augmentBlossom(t, this.endpoint[p ^ 1]!);
      this.mate[this.endpoint[p]!] = p ^ 1;
      this.mate[this.endpoint[p ^ 1]!] = p;
    }
    this.blossomChilds[b] = childs.slice(i).concat(childs.slice(0, i));
    this.blossomEndPs[b] = endPs.slice(i).concat(endPs.slice(0, i));
    this.blossomBase[b] = this.blossomBase[this.blossomChilds[b]![0]!]!;
  }

  private augmentMatching(k: number): void {
    for (let side = 0; side < 2; side++) {
      let s = side === 0 ? this.eu[k]! : this.ev[k]!;
      let p = side === 0 ? 2 * k + 1 : 2 * k;
      for (;;) {
        const bs = this.inBlossom[s]!;
        if (bs >= this.n) this.augmentBlossom(bs, s);
        this.mate[s] = p;
        if (this.labelEnd[bs] === -1) break;
        const t = this.endpoint[this.labelEnd[bs]!]!;
        const bt = this.inBlossom[t]!;
        s = this.endpoint[this.labelEnd[bt]!]!;
        const j = this.endpoint[this.labelEnd[bt]! ^ 1]!;
        if (bt >= this.n) this.augmentBlossom(bt, j);
        this.mate[j] = this.labelEnd[bt]!;
        p = this.labelEnd[bt]! ^ 1;
      }
    }
  }

  /**
   * Matches free vertices joined by a tight edge directly. The textbook stage finds one augmenting
   * path and starts over; with weights that tie as much as survey fits do, a dual step often makes
   * hundreds of such edges tight at once, and each would otherwise cost a whole stage. Matching them
   * keeps every invariant: the edge is tight, and the free vertices left still share one dual.
   */
  private matchTightFreePairs(): void {
    for (let v = 0; v < this.n; v++) {
      if (this.mate[v] !== -1 || this.inBlossom[v] !== v) continue;
      for (let q = this.nbStart[v]!; q < this.nbStart[v + 1]!; q++) {
        const p = this.nbEnd[q]!;
        const w = this.endpoint[p]!;
        if (this.mate[w] === -1 && this.inBlossom[w] === w && this.slack(p >> 1) === 0) {
          this.mate[v] = p;
          this.mate[w] = p ^ 1;
          break;
        }
      }
    }
  }

  run(): BlossomResult {
    const n = this.n;
    for (let stage = 0; stage < n; stage++) {
      this.stage = stage;
      this.label.fill(0);
      this.bestEdge.fill(-1);
      this.blossomBestEdges.fill(null, n);
      this.qLen = 0;
      // Without a dual step since the last pass, no free pair has become tight.
      if (this.dualsMoved) this.matchTightFreePairs();
      this.dualsMoved = false;
      for (let v = 0; v < n; v++) {
        if (this.mate[v] === -1 && this.label[this.inBlossom[v]!] === 0) this.assignLabel(v, 1, -1);
      }
      let augmented = false;
      for (;;) {
        while (this.qLen > 0 && !augmented) {
          const v = this.queue[--this.qLen]!;
          for (let q = this.nbStart[v]!; q < this.nbStart[v + 1]!; q++) {
            const p = this.nbEnd[q]!;
            const k = p >> 1;
            const w = this.endpoint[p]!;
            const bw = this.inBlossom[w]!;
            // Re-read: a blossom formed earlier in this scan may now hold v.
            if (this.inBlossom[v] === bw) continue;
            let kSlack = 0;
            let allowed = this.allowEdge[k] === this.stage;
            if (!allowed) {
              kSlack = this.slack(k);
              if (kSlack <= 0) {
                this.allowEdge[k] = this.stage;
                allowed = true;
              }
            }
            if (allowed) {
              if (this.label[bw] === 0) {
                this.assignLabel(w, 2, p ^ 1);
              } else if (this.label[bw] === 1) {
                const base = this.scanBlossom(v, w);
                if (base >= 0) {
                  this.addBlossom(base, k);
                } else {
                  this.augmentMatching(k);
                  augmented = true;
                  break;
                }
              } else if (this.label[w] === 0) {
                this.label[w] = 2;
                this.labelEnd[w] = p ^ 1;
              }
            } else if (this.label[bw] === 1) {
              const b = this.inBlossom[v]!;
              if (this.bestEdge[b] === -1 || kSlack < this.slack(this.bestEdge[b]!)) this.bestEdge[b] = k;
            } else if (this.label[w] === 0) {
              if (this.bestEdge[w] === -1 || kSlack < this.slack(this.bestEdge[w]!)) this.bestEdge[w] = k;
            }
          }
        }
        if (augmented) break;

        // No augmenting path with the tight edges: change the duals by the largest safe step.
        let deltaType = 1;
        let delta = Infinity;
        for (let v = 0; v < n; v++) if (this.dual[v]! < delta) delta = this.dual[v]!;
        let deltaEdge = -1;
        let deltaBlossom = -1;
        for (let v = 0; v < n; v++) {
          if (this.label[this.inBlossom[v]!] === 0 && this.bestEdge[v] !== -1) {
            const d = this.slack(this.bestEdge[v]!);
            if (d < delta) {
              delta = d;
              deltaType = 2;
              deltaEdge = this.bestEdge[v]!;
            }
          }
        }
        for (let b = 0; b < 2 * n; b++) {
          if (this.blossomParent[b] === -1 && this.label[b] === 1 && this.bestEdge[b] !== -1) {
            const d = this.slack(this.bestEdge[b]!) / 2;
            if (d < delta) {
              delta = d;
              deltaType = 3;
              deltaEdge = this.bestEdge[b]!;
            }
          }
        }
        for (let b = n; b < 2 * n; b++) {
          if (this.blossomBase[b]! >= 0 && this.blossomParent[b] === -1 && this.label[b] === 2 && this.dual[b]! < delta) {
            delta = this.dual[b]!;
            deltaType = 4;
            deltaBlossom = b;
          }
        }
        for (let v = 0; v < n; v++) {
          const l = this.label[this.inBlossom[v]!];
          if (l === 1) this.dual[v] = this.dual[v]! - delta;
          else if (l === 2) this.dual[v] = this.dual[v]! + delta;
        }
        for (let b = n; b < 2 * n; b++) {
          if (this.blossomBase[b]! >= 0 && this.blossomParent[b] === -1) {
            if (this.label[b] === 1) this.dual[b] = this.dual[b]! + delta;
            else if (this.label[b] === 2) this.dual[b] = this.dual[b]! - delta;
          }
        }
        if (delta > 0) this.dualsMoved = true;
        if (deltaType === 1) break;
        if (deltaType === 2) {
          this.allowEdge[deltaEdge] = this.stage;
          let i = this.eu[deltaEdge]!;
          if (this.label[this.inBlossom[i]!] === 0) i = this.ev[deltaEdge]!;
          this.push(i);
        } else if (deltaType === 3) {
          this.allowEdge[deltaEdge] = this.stage;
          this.push(this.eu[deltaEdge]!);
        } else {
          this.expandBlossom(deltaBlossom, false);
        }
      }
      if (!augmented) break;
      for (let b = n; b < 2 * n; b++) {
        if (this.blossomParent[b] === -1 && this.blossomBase[b]! >= 0 && this.label[b] === 1 && this.dual[b] === 0) {
          this.expandBlossom(b, true);
          // Its vertices are on their own again, and may be joined by a tight edge.
          this.dualsMoved = true;
        }
      }
    }
    const mate = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) if (this.mate[v]! >= 0) mate[v] = this.endpoint[this.mate[v]!]!;
    const blossomSize = new Int32Array(2 * n);
    for (let b = n; b < 2 * n; b++) if (this.blossomBase[b]! >= 0) blossomSize[b] = this.leaves(b, []).length;
    return { mate, dual: this.dual, blossomParent: this.blossomParent, blossomSize };
  }
}
