/**
 * A mutable arrangement the search works on: who is in which circle, and per circle and candidate
 * time how many members answered no or if-need-be, so that whether a move keeps a shared time, and
 * what it does to the score, costs a few array reads (circles have at most maxSize members).
 */
import { IF_NEED_BE, type Model, NO } from './model';

export const UNPLACED = -1;
/** In a locked circle: not the search's to move. */
export const HELD = -2;

export class State {
  readonly m: Model;
  readonly cap: number;
  /** Circle of each person, UNPLACED or HELD. */
  readonly circleOf: Int32Array;
  members: number[][] = [];
  /** Per circle and time: members who answered no / if need be. */
  no: Int32Array[] = [];
  ifn: Int32Array[] = [];
  pairs: number[] = [];
  /** Each circle's if-need-be count at its best time (-1: it has none). */
  best: number[] = [];
  placed = 0;
  score = 0;

  constructor(m: Model) {
    this.m = m;
    this.cap = m.rules.maxSize;
    this.circleOf = new Int32Array(m.n).fill(UNPLACED);
  }

  clone(): State {
    const s = new State(this.m);
    s.circleOf.set(this.circleOf);
    s.members = this.members.map((x) => [...x]);
    s.no = this.no.map((x) => Int32Array.from(x));
    s.ifn = this.ifn.map((x) => Int32Array.from(x));
    s.pairs = [...this.pairs];
    s.best = [...this.best];
    s.placed = this.placed;
    s.score = this.score;
    return s;
  }

  /** Becomes a copy of `other` (same model). */
  assign(other: State): void {
    this.circleOf.set(other.circleOf);
    this.members = other.members.map((x) => [...x]);
    this.no = other.no.map((x) => Int32Array.from(x));
    this.ifn = other.ifn.map((x) => Int32Array.from(x));
    this.pairs = [...other.pairs];
    this.best = [...other.best];
    this.placed = other.placed;
    this.score = other.score;
  }

  /** Best if-need-be count over times for counts (no, ifn) shifted by adding `add` and removing `drop`. */
  bestWith(c: number, add: number, drop: number): number {
    const { t, avail, rules } = this.m;
    const no = this.no[c]!;
    const ifn = this.ifn[c]!;
    let best = -1;
    for (let k = 0; k < t; k++) {
      let n0 = no[k]!;
      let n1 = ifn[k]!;
      if (add >= 0) {
        const a = avail[add * t + k];
        if (a === NO) n0++;
        else if (a === IF_NEED_BE) n1++;
      }
      if (drop >= 0) {
        const a = avail[drop * t + k];
        if (a === NO) n0--;
        else if (a === IF_NEED_BE) n1--;
      }
      if (n0 === 0 && n1 <= rules.maxIfNeedBe && (best < 0 || n1 < best)) best = n1;
    }
    return best;
  }

  /** The time the circle meets at: the one with the fewest if-need-be, earliest in the organizer's order. */
  timeOf(c: number): number {
    const { t, rules } = this.m;
    let time = -1;
    let best = Infinity;
    for (let k = 0; k < t; k++) {
      const n1 = this.ifn[c]![k]!;
      if (this.no[c]![k] === 0 && n1 <= rules.maxIfNeedBe && n1 < best) {
        best = n1;
        time = k;
      }
    }
    return time;
  }

  /** Sum of p's weights to the members of circle c (except `skip`). */
  link(p: number, c: number, skip = -1): number {
    if (c < 0) return 0;
    const { w, n } = this.m;
    let s = 0;
    for (const q of this.members[c]!) if (q !== skip && q !== p) s += w[p * n + q]!;
    return s;
  }

  clashes(p: number, c: number, skip = -1): boolean {
    const { conflict, n } = this.m;
    for (const q of this.members[c]!) if (q !== skip && conflict[p * n + q]) return true;
    return false;
  }

  /** The if-need-be count circle c would have at its best time with p added, or -1 if p cannot join (full, empty, a conflict, no shared time). */
  joinAt(p: number, c: number): number {
    const size = this.members[c]!.length;
    if (size === 0 || size >= this.cap || this.clashes(p, c)) return -1;
    return this.bestWith(c, p, -1);
  }

  /** The circle p can join that p adds most to (other than `skip`), or -1 if none. */
  bestRoom(p: number, skip = -1): number {
    let best = -1;
    let gain = -Infinity;
    for (let c = 0; c < this.members.length; c++) {
      if (c === skip) continue;
      const b = this.joinAt(p, c);
      if (b < 0) continue;
      const g = this.link(p, c) - this.m.rules.ifNeedBeWeight * (b - this.best[c]!);
      if (g > gain) {
        gain = g;
        best = c;
      }
    }
    return best;
  }

  circleScore(c: number): number {
    return this.pairs[c]! - this.m.rules.ifNeedBeWeight * Math.max(0, this.best[c]!);
  }

  /** Opens an empty circle and returns its index (empty circles are dropped when read out). */
  open(): number {
    this.members.push([]);
    this.no.push(new Int32Array(this.m.t));
    this.ifn.push(new Int32Array(this.m.t));
    this.pairs.push(0);
    this.best.push(0);
    return this.members.length - 1;
  }

  private count(p: number, c: number, d: number): void {
    const { t, avail } = this.m;
    for (let k = 0; k < t; k++) {
      const a = avail[p * t + k];
      if (a === NO) this.no[c]![k]! += d;
      else if (a === IF_NEED_BE) this.ifn[c]![k]! += d;
    }
  }

  /** Moves p to circle `to` (or UNPLACED), keeping every count and the score current. */
  move(p: number, to: number): void {
    const from = this.circleOf[p]!;
    if (from === to) return;
    if (from >= 0) {
      this.score -= this.circleScore(from);
      this.pairs[from]! -= this.link(p, from);
      const list = this.members[from]!;
      list.splice(list.indexOf(p), 1);
      this.count(p, from, -1);
      this.best[from] = list.length === 0 ? 0 : this.bestWith(from, -1, -1);
      this.score += this.circleScore(from);
      this.placed--;
    }
    this.circleOf[p] = to;
    if (to >= 0) {
      this.score -= this.circleScore(to);
      this.pairs[to]! += this.link(p, to);
      this.members[to]!.push(p);
      this.count(p, to, 1);
      this.best[to] = this.bestWith(to, -1, -1);
      this.score += this.circleScore(to);
      this.placed++;
    }
  }

  /** Drops emptied circles (indexes change). */
  compact(): void {
    const keep: number[] = [];
    this.members.forEach((list, c) => {
      if (list.length > 0) keep.push(c);
    });
    if (keep.length === this.members.length) return;
    const remap = new Map<number, number>();
    keep.forEach((c, i) => remap.set(c, i));
    this.members = keep.map((c) => this.members[c]!);
    this.no = keep.map((c) => this.no[c]!);
    this.ifn = keep.map((c) => this.ifn[c]!);
    this.pairs = keep.map((c) => this.pairs[c]!);
    this.best = keep.map((c) => this.best[c]!);
    for (let p = 0; p < this.m.n; p++) {
      const c = this.circleOf[p]!;
      if (c >= 0) this.circleOf[p] = remap.get(c)!;
    }
  }
}
