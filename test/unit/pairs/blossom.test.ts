import reference from 'edmonds-blossom-fixed';
import { Graph, maxWeightMatching } from '../../../src/pairs/matching/blossom';
import { randomInt, rng } from '../../../src/core/random';

type Edge = [number, number, number];

function randomGraph(seed: number, n: number, density: number, maxWeight: number): Edge[] {
  const r = rng(seed);
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (r() < density) edges.push([i, j, randomInt(r, maxWeight + 1)]);
  return edges;
}

function solveMine(n: number, edges: Edge[]): Int32Array {
  const g = new Graph(n, edges.length);
  for (const [a, b, w] of edges) g.add(a, b, w);
  return maxWeightMatching(g).mate;
}

function weightOf(mate: ArrayLike<number>, edges: Edge[]): number {
  return edges.reduce((sum, [a, b, w]) => sum + (mate[a] === b ? w : 0), 0);
}

function bruteForce(n: number, edges: Edge[]): number {
  const w: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(-1));
  for (const [a, b, x] of edges) w[a]![b] = w[b]![a] = Math.max(w[a]![b]!, x);
  const used = new Array<boolean>(n).fill(false);
  let best = 0;
  const rec = (acc: number): void => {
    let i = 0;
    while (i < n && used[i]) i++;
    if (i === n) {
      best = Math.max(best, acc);
      return;
    }
    used[i] = true;
    rec(acc);
    for (let j = i + 1; j < n; j++) {
      if (used[j] || w[i]![j]! < 0) continue;
      used[j] = true;
      rec(acc + w[i]![j]!);
      used[j] = false;
    }
    used[i] = false;
  };
  rec(0);
  return best;
}

describe('maxWeightMatching', () => {
  it('is a matching of maximum weight on random graphs (brute force, up to 12 vertices)', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const n = 2 + (seed % 11);
      const edges = randomGraph(seed, n, 0.3 + (seed % 5) * 0.15, seed % 2 === 0 ? 5 : 1000);
      const mate = solveMine(n, edges);
      for (let v = 0; v < n; v++) if (mate[v]! >= 0) expect(mate[mate[v]!]).toBe(v);
      expect(weightOf(mate, edges)).toBe(bruteForce(n, edges));
    }
  });

  it('matches the weight the reference implementation finds on larger graphs', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const n = 40 + seed * 10;
      const edges = randomGraph(seed, n, 0.2, seed % 3 === 0 ? 3 : 10_000);
      const theirs = reference(edges, false);
      expect(weightOf(solveMine(n, edges), edges)).toBe(weightOf(theirs, edges));
    }
  });

  it('starts from a matching of heaviest edges when asked', () => {
    const g = new Graph(4, 3);
    g.add(0, 1, 10);
    g.add(1, 2, 10);
    g.add(2, 3, 10);
    const { mate } = maxWeightMatching(g, [1]);
    expect(Array.from(mate)).toEqual([1, 0, 3, 2]);
    const bad = new Graph(2, 2);
    bad.add(0, 1, 3);
    expect(() => maxWeightMatching(bad, [0, 0])).toThrow();
  });
});
