import { type BlossomResult, Graph, maxWeightMatching } from './blossom';
import * as encode from './encode';
import { AVOID, type Pool } from './encode';

// Bound once: esbuild (tsx, the benchmark's runner) compiles imported bindings to getter calls,
// which cost more than the work in this file's inner loops.
const { baseFit, fitOf, pairFlags, pairKey, pairWeight, tierBonus } = encode;

/**
 * Solves the pool for the objective of objective.ts. The moving parts, and why:
 *
 * Trio gadget. "Pairs plus at most one trio worth its two best fits" is a maximum-weight matching
 * in a larger graph. A hub h gets a copy h' with h's edges (each weighing one person placed, not
 * two) and a twin t_h; h'-t_h and t_h-s, for one shared slot vertex s, weigh more than any other
 * edge. A copy is used (matched to a person) only when its twin goes to the slot instead, and
 * there is one slot, so the best matching uses at most one copy: h matched to a and h' to b is the
 * trio {h, a, b} with the fits h-a and h-b, and the matching picks the best hub itself. The gadget
 * cannot see the third pair a-b, so a copy edge counts it as allowed and new (the best case) and the
 * gadget's optimum is an upper bound.
 *
 * Branch and bound. When the gadget's trio has a forbidden or repeat third pair, the space is split:
 * h is not the hub (h may have no copy) | h is the hub; and within "h is the hub", a is not a spoke
 * (drop the edges h-a, h'-a) | a is a spoke (fix h-a, then h'-x scores the pair a-x exactly).
 * Subproblems are taken best bound first, and the search stops when no bound beats the best
 * arrangement found. In practice the first gadget's trio is nearly always fine.
 *
 * Pricing. Each subproblem is solved on a sparse graph: each person's best partners and every wish,
 * and copies for a few hubs only. Then the optimal duals are checked against everything left out:
 * every other pair, and every other possible hub (a hub can be added without loss when the slot's
 * dual already pays for its copy's best edge). If nothing has negative reduced cost, the duals prove
 * the sparse optimum optimal for the complete gadget (LP duality); otherwise the offenders join and
 * it is solved again. This is what makes the exact answer at 1,000 people fast. With a budget of
 * solves (the heuristic above `exactLimit`), the duals are instead raised until they cover
 * everything, which gives an upper bound.
 */

export interface SolveOptions {
  /** Solves allowed per subproblem; pricing stops (and the answer is bounded, not proven) past it. */
  maxSolves: number;
  /** Best partners per person in the first candidate graph. */
  candidatesPerPerson: number;
  /** Most subproblems to solve before giving up the proof. */
  maxNodes: number;
  /** Hubs to start an odd pool with (default HUBS_PER_ROUND); pricing adds any better one. */
  startingHubs?: number;
}

export interface SolveResult {
  /** Groups of pool indices. */
  groups: number[][];
  /** Objective value S of the groups (objective.ts). */
  value: number;
  exact: boolean;
  /** Upper bound on S over every arrangement (absent when exact). */
  bound?: number;
  stats: { nodes: number; solves: number; pricedPairs: number; hubs: number };
}

interface Forced {
  hub: number;
  excluded: Set<number>;
  /** A person fixed in the hub's group, or -1. */
  spoke: number;
}

interface Node {
  /** People who may not be the hub here. */
  notHub: Set<number>;
  forced: Forced | null;
  bound: number;
  order: number;
}

interface Layout {
  graph: Graph;
  hubs: number[];
  /** Gadget vertex of each person's copy, or -1. */
  copyOf: Int32Array;
  slot: number;
  /** Subtracted from the matching's weight: what the copies and twins weigh when no copy is used. */
  layerValue: number;
  fixedValue: number;
  initial: number[];
}

/**
 * Pairs this close to being worth it (in doubled weight, i.e. 3 fit points) join with the
 * offenders: the next solve moves the duals, and pairs that were nearly tight are the ones that
 * would otherwise need one more round each.
 */
const NEAR_SLACK = 6;
/** Hubs added per solve at most: a few suffice, and each makes the graph larger. */
const HUBS_PER_ROUND = 8;

/** Value S of an arrangement; groups of indices. A trio counts its two largest fits. */
export function scalarValue(pool: Pool, groups: number[][]): number {
  const w = pool.weights;
  let total = 0;
  for (const g of groups) {
    total += w.person * g.length;
    const fits: number[] = [];
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        total += tierBonus(pool, pairFlags(pool, g[x]!, g[y]!));
        fits.push(fitOf(pool, g[x]!, g[y]!));
      }
    }
    fits.sort((a, b) => b - a);
    total += fits[0]! + (g.length === 3 ? fits[1]! : 0);
  }
  return total;
}

export function groupAllowed(pool: Pool, g: number[]): boolean {
  for (let x = 0; x < g.length; x++)
    for (let y = x + 1; y < g.length; y++) if (pairFlags(pool, g[x]!, g[y]!) & AVOID) return false;
  return true;
}

interface Candidates {
  keys: Set<number>;
  /** Sum of each person's two heaviest edges: how good a hub they could be. */
  hubPotential: Float64Array;
}

/** Each person's best partners by edge weight (ties by index, which the seed shuffled), plus wishes. */
function initialCandidates(pool: Pool, k: number): Candidates {
  const n = pool.n;
  const w = pool.weights;
  const optimisticTop = 2 * w.person + w.repeat + w.seen;
  const bestW = new Float64Array(n * k);
  const bestJ = new Int32Array(n * k);
  const size = new Int32Array(n);
  const offer = (i: number, j: number, weight: number): void => {
    const at = i * k;
    const s = size[i]!;
    let p = s < k ? s : k - 1;
    if (s < k) size[i] = s + 1;
    while (p > 0 && bestW[at + p - 1]! < weight) {
      bestW[at + p] = bestW[at + p - 1]!;
      bestJ[at + p] = bestJ[at + p - 1]!;
      p--;
    }
    bestW[at + p] = weight;
    bestJ[at + p] = j;
  };
  // Each pair once, offered to both people: j ascending keeps ties in index order for both.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Repeats, avoid-lists and shown pairs only lower a weight, and wishes join below anyway,
      // so the plain survey fit bounds it and the pair's flags are read only for a likely entrant.
      const optimistic = optimisticTop + baseFit(pool, i, j);
      const wantI = size[i]! < k || optimistic > bestW[i * k + k - 1]!;
      const wantJ = size[j]! < k || optimistic > bestW[j * k + k - 1]!;
      if (!wantI && !wantJ) continue;
      const exact = pairWeight(pool, i, j);
      if (exact < 0) continue;
      if (size[i]! < k || exact > bestW[i * k + k - 1]!) offer(i, j, exact);
      if (size[j]! < k || exact > bestW[j * k + k - 1]!) offer(j, i, exact);
    }
  }
  const keys = new Set<number>();
  const hubPotential = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < size[i]!; p++) keys.add(pairKey(n, i, bestJ[i * k + p]!));
    for (const j of pool.wishPartners[i]!) keys.add(pairKey(n, i, j));
    hubPotential[i] = size[i]! >= 2 ? bestW[i * k]! + bestW[i * k + 1]! : -Infinity;
  }
  return { keys, hubPotential };
}

/**
 * Hubs to start with when the pool is odd (someone must then be in the trio): the people with the
 * best two partners. The matching picks among them, and pricing adds any better one; starting
 * with none would cost a whole solve to learn that a trio is wanted.
 */
function startingHubs(pool: Pool, candidates: Candidates, node: Node, count: number): number[] {
  if (!pool.trioAllowed || node.forced !== null || pool.n % 2 === 0) return [];
  const order = Array.from({ length: pool.n }, (_, i) => i).filter(
    (i) => !node.notHub.has(i) && candidates.hubPotential[i]! > -Infinity,
  );
  order.sort((a, b) => candidates.hubPotential[b]! - candidates.hubPotential[a]! || a - b);
  return order.slice(0, count);
}

const isRemoved = (node: Node, x: number): boolean =>
  node.forced !== null && node.forced.spoke >= 0 && (x === node.forced.hub || x === node.forced.spoke);

const isExcluded = (node: Node, i: number, j: number): boolean => {
  const f = node.forced;
  return f !== null && ((i === f.hub && f.excluded.has(j)) || (j === f.hub && f.excluded.has(i)));
};

function buildLayout(pool: Pool, node: Node, hubs: number[], candidates: Set<number>): Layout {
  const n = pool.n;
  const w = pool.weights;
  const slot = n + 2 * hubs.length;
  const graph = new Graph(n + 2 * hubs.length + (hubs.length > 0 ? 1 : 0), candidates.size * 3 + 2 * hubs.length + 1);
  const copyOf = new Int32Array(n).fill(-1);
  hubs.forEach((h, c) => (copyOf[h] = n + 2 * c));
  const sorted = [...candidates].sort((a, b) => a - b);
  for (const key of sorted) {
    const i = Math.floor(key / n);
    const j = key % n;
    if (pairFlags(pool, i, j) & AVOID || isExcluded(node, i, j)) continue;
    if (!isRemoved(node, i) && !isRemoved(node, j)) graph.add(i, j, pairWeight(pool, i, j));
    for (const [h, x] of [
      [i, j],
      [j, i],
    ] as const) {
      if (copyOf[h]! < 0 || isRemoved(node, x)) continue;
      const cw = copyWeight(pool, node, h, x);
      if (cw >= 0) graph.add(copyOf[h]!, x, cw);
    }
  }
  const initial: number[] = [];
  hubs.forEach((_, c) => {
    initial.push(graph.m);
    graph.add(n + 2 * c, n + 2 * c + 1, w.slot);
    graph.add(n + 2 * c + 1, slot, w.slot);
  });
  const f = node.forced;
  return {
    graph,
    hubs,
    copyOf,
    slot,
    layerValue: hubs.length * w.slot,
    fixedValue: f !== null && f.spoke >= 0 ? pairWeight(pool, f.hub, f.spoke) : 0,
    initial,
  };
}

/** Weight of the edge h'-x in this subproblem, or -1 when it has none. */
function copyWeight(pool: Pool, node: Node, h: number, x: number): number {
  const forced = node.forced;
  if (forced !== null && (h !== forced.hub || x === forced.spoke || forced.excluded.has(x))) return -1;
  if (x === h) return -1;
  const flags = pairFlags(pool, h, x);
  if (flags & AVOID) return -1;
  const w = pool.weights;
  let third = w.repeat + w.seen;
  if (forced !== null && forced.spoke >= 0) {
    const spokeFlags = pairFlags(pool, forced.spoke, x);
    if (spokeFlags & AVOID) return -1;
    third = tierBonus(pool, spokeFlags);
  }
  return w.person + tierBonus(pool, flags) + third + fitOf(pool, h, x);
}

interface Solved {
  result: BlossomResult;
  layout: Layout;
  /** The gadget's optimum, in S units. */
  value: number;
}

function solveOnce(pool: Pool, node: Node, hubs: number[], candidates: Set<number>): Solved {
  const layout = buildLayout(pool, node, hubs, candidates);
  const result = maxWeightMatching(layout.graph, layout.initial);
  const g = layout.graph;
  let total = 0;
  for (let k = 0; k < g.m; k++) if (result.mate[g.u[k]!] === g.v[k]) total += g.w[k]!;
  return { result, layout, value: total - layout.layerValue + layout.fixedValue };
}

/**
 * The blossoms two vertices share are the ancestors of their lowest common ancestor in the blossom
 * tree, and their edge's constraint includes all those duals. Final blossoms nest hundreds deep
 * with survey weights, so ancestors are found in constant time: an Euler tour of the tree and a
 * sparse table of minimum depths over it; each blossom keeps the sum of its own and its ancestors'
 * duals.
 */
interface BlossomTree {
  first: Int32Array;
  root: Int32Array;
  /** table[k][i]: the shallowest node of tour[i .. i + 2^k). */
  table: Int32Array[];
  depth: Int32Array;
  sumFromTop: Float64Array;
}

function blossomTree(result: BlossomResult, nv: number): BlossomTree {
  const size = 2 * nv;
  const alive = (x: number): boolean => x < nv || result.blossomSize[x]! > 0;
  const childStart = new Int32Array(size + 1);
  for (let x = 0; x < size; x++) if (alive(x) && result.blossomParent[x] !== -1) childStart[result.blossomParent[x]! + 1]!++;
  for (let x = 0; x < size; x++) childStart[x + 1] = childStart[x + 1]! + childStart[x]!;
  const children = new Int32Array(childStart[size]!);
  const fill = childStart.slice(0, size);
  for (let x = 0; x < size; x++) if (alive(x) && result.blossomParent[x] !== -1) children[fill[result.blossomParent[x]!]!++] = x;
  const depth = new Int32Array(size);
  const first = new Int32Array(size).fill(-1);
  const root = new Int32Array(size).fill(-1);
  const sumFromTop = new Float64Array(size);
  const tour: number[] = [];
  const stack: number[] = [];
  const next: number[] = [];
  for (let r = 0; r < size; r++) {
    if (!alive(r) || result.blossomParent[r] !== -1 || r < nv) continue;
    stack.push(r);
    next.push(childStart[r]!);
    depth[r] = 0;
    sumFromTop[r] = result.dual[r]!;
    first[r] = tour.length;
    root[r] = r;
    tour.push(r);
    while (stack.length > 0) {
      const x = stack[stack.length - 1]!;
      const k = next[next.length - 1]!;
      if (k < childStart[x + 1]!) {
        next[next.length - 1] = k + 1;
        const c = children[k]!;
        depth[c] = depth[x]! + 1;
        sumFromTop[c] = c >= nv ? sumFromTop[x]! + result.dual[c]! : sumFromTop[x]!;
        root[c] = r;
        first[c] = tour.length;
        tour.push(c);
        stack.push(c);
        next.push(childStart[c]!);
      } else {
        stack.pop();
        next.pop();
        if (stack.length > 0) tour.push(stack[stack.length - 1]!);
      }
    }
  }
  const table: Int32Array[] = [Int32Array.from(tour)];
  for (let k = 1; 1 << k <= tour.length; k++) {
    const prev = table[k - 1]!;
    const half = 1 << (k - 1);
    const row = new Int32Array(tour.length - (1 << k) + 1);
    for (let i = 0; i < row.length; i++) {
      const a = prev[i]!;
      const b = prev[i + half]!;
      row[i] = depth[a]! <= depth[b]! ? a : b;
    }
    table.push(row);
  }
  return { first, root, table, depth, sumFromTop };
}

function sharedBlossomDual(tree: BlossomTree, u: number, v: number): number {
  if (tree.root[u] === -1 || tree.root[u] !== tree.root[v]) return 0;
  let a = tree.first[u]!;
  let b = tree.first[v]!;
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  const k = 31 - Math.clz32(b - a + 1);
  const row = tree.table[k]!;
  const x = row[a]!;
  const y = row[b - (1 << k) + 1]!;
  return tree.sumFromTop[tree.depth[x]! <= tree.depth[y]! ? x : y]!;
}

interface Pricing {
  /** Pair keys whose edge (original or copy) has negative reduced cost. */
  pairs: number[];
  /** Pair keys whose reduced cost is under NEAR_SLACK: likely offenders after the next solve. */
  near: number[];
  /** People whose copy would have negative reduced cost, most negative first. */
  hubs: number[];
  /** With `raise`: how much the dual objective grew, in S units. */
  raised: number;
}

/**
 * Walks everything the complete subproblem holds against the duals: every pair as an edge, every
 * copy edge of the hubs in the graph, and every person not yet a hub. With `raise`, lifts duals
 * to cover each offender (so the duals become feasible everywhere) and says by how much.
 */
function priceAll(pool: Pool, node: Node, solved: Solved, raise: boolean): Pricing {
  const n = pool.n;
  const w = pool.weights;
  const { result, layout } = solved;
  const dual = result.dual;
  const copyOf = layout.copyOf;
  const forced = node.forced;
  const removedA = forced !== null && forced.spoke >= 0 ? forced.hub : -1;
  const removedB = forced !== null && forced.spoke >= 0 ? forced.spoke : -1;
  const optimisticPair = 2 * (2 * w.person + w.repeat + w.seen);
  const optimisticCopy = 2 * (w.person + 2 * (w.repeat + w.seen));
  const pairs: number[] = [];
  const near: number[] = [];
  const margin = raise ? 0 : NEAR_SLACK;
  let raised = 0;
  const tree = blossomTree(result, layout.graph.n);
  // Hubs are priced only where no forced hub fixes the trio, and not when the arrangement has no
  // trio and places everyone who can be placed: an arrangement with a trio places an odd number of
  // people and one without an even number, so then no trio can place as many, let alone more.
  let trioMayHelp = false;
  for (let i = 0; i < n && !trioMayHelp; i++) trioMayHelp = result.mate[i] === -1 && pool.avoidCount[i]! < n - 1;
  for (let c = 0; c < layout.hubs.length && !trioMayHelp; c++)
    trioMayHelp = result.mate[n + 2 * c]! >= 0 && result.mate[n + 2 * c]! < n;
  const pricingHubs = forced === null && pool.trioAllowed && trioMayHelp;
  const hubGain = new Float64Array(pricingHubs ? n : 0).fill(-Infinity);
  const hubArg = new Int32Array(pricingHubs ? n : 0);
  const check = (a: number, b: number, weight: number, i: number, j: number): void => {
    const slack = dual[a]! + dual[b]! - 2 * weight + 2 * sharedBlossomDual(tree, a, b);
    if (slack >= margin) return;
    if (slack >= 0) {
      near.push(pairKey(n, i, j));
      return;
    }
    pairs.push(pairKey(n, i, j));
    if (raise) {
      dual[a] = dual[a]! - slack;
      raised -= slack / 2;
    }
  };
  // Each test runs from cheapest to dearest: the survey fit without blossoms, then with the shared
  // blossoms, and only then the pair's exact weight (wishes, repeats, avoid-lists).
  const covers = (a: number, b: number, optimistic: number): boolean => {
    const sum = dual[a]! + dual[b]!;
    return sum >= optimistic || sum + 2 * sharedBlossomDual(tree, a, b) >= optimistic;
  };
  for (let i = 0; i < n; i++) {
    const ci = copyOf[i]!;
    const iRemoved = i === removedA || i === removedB;
    for (let j = i + 1; j < n; j++) {
      const jRemoved = j === removedA || j === removedB;
      // Wish pairs are always candidates, so the survey fit bounds every pair priced here.
      const base2 = 2 * baseFit(pool, i, j);
      if (!iRemoved && !jRemoved && !covers(i, j, optimisticPair + base2 + margin)) {
        const exact = pairWeight(pool, i, j);
        if (exact >= 0 && !isExcluded(node, i, j)) check(i, j, exact, i, j);
      }
      if (ci >= 0 && !jRemoved && !covers(ci, j, optimisticCopy + base2 + margin)) {
        const exact = copyWeight(pool, node, i, j);
        if (exact >= 0) check(ci, j, exact, i, j);
      }
      const cj = copyOf[j]!;
      if (cj >= 0 && !iRemoved && !covers(cj, i, optimisticCopy + base2 + margin)) {
        const exact = copyWeight(pool, node, j, i);
        if (exact >= 0) check(cj, i, exact, i, j);
      }
      if (pricingHubs) {
        // A new copy is in no blossom, so its edge to x needs dual(h') >= 2 w(h', x) - dual(x).
        const gain = optimisticCopy + base2;
        if (ci < 0 && gain - dual[j]! > hubGain[i]!) {
          hubGain[i] = gain - dual[j]!;
          hubArg[i] = j;
        }
        if (cj < 0 && gain - dual[i]! > hubGain[j]!) {
          hubGain[j] = gain - dual[i]!;
          hubArg[j] = i;
        }
      }
    }
  }
  const hubs: Array<[number, number]> = [];
  if (pricingHubs) {
    // A person joins as a hub (copy h', twin t) at no loss when duals exist with h'-t tight:
    // dual(t) = max(0, 2 slot - dual(s)) and dual(h') = 2 slot - dual(t) >= its best edge's need.
    const slotDual = layout.hubs.length > 0 ? dual[layout.slot]! : 0;
    const covered = Math.min(2 * w.slot, slotDual);
    let need = covered;
    const exactGain = (h: number, x: number): number => {
      const cw = copyWeight(pool, node, h, x);
      return cw < 0 ? -Infinity : 2 * cw - dual[x]!;
    };
    for (let h = 0; h < n; h++) {
      if (copyOf[h]! >= 0 || node.notHub.has(h)) continue;
      // The survey-only gain bounds every pair but wishes, and is exact unless the best pair is a
      // special one (repeat, avoid-list, shown); then, rarely, walk h's row exactly.
      let gain = hubGain[h]!;
      if (pairFlags(pool, h, hubArg[h]!) !== 0) {
        gain = -Infinity;
        for (let x = 0; x < n; x++) gain = Math.max(gain, exactGain(h, x));
      }
      for (const x of pool.wishPartners[h]!) gain = Math.max(gain, exactGain(h, x));
      if (gain > covered) {
        hubs.push([h, gain]);
        if (gain > need) need = gain;
      }
    }
    // One raise of the slot's dual covers every would-be hub at once.
    if (raise && need > covered) raised += (need - covered) / 2;
  }
  hubs.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return { pairs, near, hubs: hubs.map((h) => h[0]), raised };
}

/** Dual objective of the duals, in S units (an upper bound on the subproblem once they are feasible). */
function dualValue(solved: Solved): number {
  const { result, layout } = solved;
  const nv = layout.graph.n;
  let total = 0;
  for (let v = 0; v < nv; v++) total += result.dual[v]! / 2;
  for (let b = nv; b < 2 * nv; b++)
    if (result.blossomSize[b]! > 0) total += result.dual[b]! * Math.floor(result.blossomSize[b]! / 2);
  return total - layout.layerValue + layout.fixedValue;
}

interface Reading {
  groups: number[][];
  /** The hub's trio when the gadget could not see its third pair correctly. */
  violation: { hub: number; a: number; b: number } | null;
}

function readGroups(pool: Pool, node: Node, solved: Solved): Reading {
  const n = pool.n;
  const { mate } = solved.result;
  const groups: number[][] = [];
  const forced = node.forced;
  let trio: { hub: number; x: number } | null = null;
  solved.layout.hubs.forEach((h, c) => {
    const x = mate[n + 2 * c]!;
    if (x >= 0 && x < n) {
      if (trio !== null) throw new Error('the trio gadget used two copies');
      trio = { hub: h, x };
    }
  });
  const placed = new Set<number>();
  let violation: Reading['violation'] = null;
  const found = trio as { hub: number; x: number } | null;
  if (forced !== null && forced.spoke >= 0) {
    const g = found === null ? [forced.hub, forced.spoke] : [forced.hub, forced.spoke, found.x];
    g.forEach((p) => placed.add(p));
    groups.push(g);
  } else if (found !== null) {
    const a = mate[found.hub]!;
    if (a < 0) groups.push([found.hub, found.x]);
    else {
      groups.push([found.hub, a, found.x]);
      placed.add(a);
      const flags = pairFlags(pool, a, found.x);
      if (flags & AVOID || tierBonus(pool, flags) !== pool.weights.repeat + pool.weights.seen) {
        violation = { hub: found.hub, a, b: found.x };
      }
    }
    placed.add(found.hub);
    placed.add(found.x);
  }
  for (let i = 0; i < n; i++) {
    const j = mate[i]!;
    if (j > i && j < n && !placed.has(i) && !placed.has(j)) groups.push([i, j]);
  }
  return { groups, violation };
}

interface NodeOutcome {
  solved: Solved;
  /** The subproblem's optimum is proven (false when the solve budget ran out). */
  proven: boolean;
  /** An upper bound on the subproblem: its optimum when proven, else from raised duals. */
  bound: number;
}

function solveNode(
  pool: Pool,
  node: Node,
  candidates: Candidates,
  options: SolveOptions,
  stats: SolveResult['stats'],
): NodeOutcome {
  const hubs =
    node.forced !== null ? [node.forced.hub] : startingHubs(pool, candidates, node, options.startingHubs ?? HUBS_PER_ROUND);
  const keys = candidates.keys;
  for (let round = 1; ; round++) {
    const solved = solveOnce(pool, node, hubs, keys);
    stats.solves++;
    const last = round >= options.maxSolves;
    const pricing = priceAll(pool, node, solved, last);
    const missing = pricing.pairs.filter((k) => !keys.has(k));
    if (missing.length === 0 && pricing.hubs.length === 0) return { solved, proven: true, bound: solved.value };
    if (last) return { solved, proven: false, bound: dualValue(solved) + pricing.raised };
    for (const k of missing) keys.add(k);
    stats.pricedPairs += missing.length;
    // Near pairs save rounds on the way to a proof; before a budget's last solve they would only
    // make it slower.
    if (round + 1 < options.maxSolves) for (const k of pricing.near) keys.add(k);
    for (const h of pricing.hubs.slice(0, HUBS_PER_ROUND)) hubs.push(h);
    stats.hubs = Math.max(stats.hubs, hubs.length);
  }
}

export function solve(pool: Pool, options: SolveOptions): SolveResult {
  const n = pool.n;
  const stats = { nodes: 0, solves: 0, pricedPairs: 0, hubs: 0 };
  if (n < 2) return { groups: [], value: 0, exact: true, stats };
  const candidates = initialCandidates(pool, Math.min(options.candidatesPerPerson, n - 1));
  const queue: Node[] = [{ notHub: new Set(), forced: null, bound: Infinity, order: 0 }];
  let order = 1;
  let best: { groups: number[][]; value: number } = { groups: [], value: 0 };
  let unproven = -Infinity;

  while (queue.length > 0) {
    queue.sort((x, y) => y.bound - x.bound || x.order - y.order);
    const node = queue[0]!;
    if (node.bound <= best.value) break;
    if (stats.nodes >= options.maxNodes) break;
    queue.shift();
    stats.nodes++;
    const outcome = solveNode(pool, node, candidates, options, stats);
    const { solved } = outcome;
    const reading = readGroups(pool, node, solved);
    // Only the gadget's trio can break an avoid-list: its third member goes back unmatched.
    const groups = reading.groups.map((g) => (g.length === 3 && !groupAllowed(pool, g) ? g.slice(0, 2) : g));
    const value = scalarValue(pool, groups);
    if (value > best.value || best.groups.length === 0) best = { groups, value };
    const v = reading.violation;
    if (v === null || value >= outcome.bound || outcome.bound <= best.value) {
      if (!outcome.proven) unproven = Math.max(unproven, outcome.bound);
      continue;
    }
    const bound = outcome.bound;
    if (node.forced === null) {
      queue.push({ notHub: new Set([...node.notHub, v.hub]), forced: null, bound, order: order++ });
      queue.push({ notHub: node.notHub, forced: { hub: v.hub, excluded: new Set(), spoke: -1 }, bound, order: order++ });
    } else {
      const f = node.forced;
      queue.push({ notHub: node.notHub, forced: { ...f, excluded: new Set([...f.excluded, v.a]) }, bound, order: order++ });
      queue.push({ notHub: node.notHub, forced: { ...f, spoke: v.a }, bound, order: order++ });
    }
  }
  const open = queue.length > 0 ? Math.max(...queue.map((q) => q.bound)) : -Infinity;
  const bound = Math.max(best.value, open, unproven);
  if (bound === best.value) return { groups: best.groups, value: best.value, exact: true, stats };
  return { groups: best.groups, value: best.value, exact: false, bound, stats };
}
