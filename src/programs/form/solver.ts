import type {
  Arrangement,
  Circle,
  CircleFacts,
  Edit,
  EditPreview,
  FieldValue,
  FormOptions,
  Instance,
  Person,
  Unplaced,
} from '../formation/types';
import { circleBreaks } from './rules';

/**
 * The solver as forming uses it. A small greedy stand-in with the solver's signatures, until the
 * formation solver (`../formation`) is merged: then this file only re-exports it.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const flat = (v: FieldValue): string[] => (Array.isArray(v) ? v : [String(v)]);

function circleScore(instance: Instance, members: string[], time: string): number {
  const byId = new Map(instance.people.map((p) => [p.id, p]));
  const people = members.map((id) => byId.get(id)!).filter(Boolean);
  let score = 0;
  for (const f of instance.rules.fields) {
    const values = new Set(people.flatMap((p) => (p.values[f.key] === undefined ? [] : flat(p.values[f.key]!))));
    score += f.mode === 'mix' ? f.weight * values.size : -f.weight * Math.max(0, values.size - 1);
  }
  const ids = new Set(members);
  for (const p of people) for (const w of p.wishes) if (ids.has(w)) score += instance.rules.wishWeight;
  score -= instance.rules.ifNeedBeWeight * people.filter((p) => p.times[time] === 'ifneedbe').length;
  return Math.round(score * 100) / 100;
}

export function arrangementKey(a: Arrangement): string {
  return a.circles
    .map((c) => [...c.members].sort().join(','))
    .sort()
    .join('|');
}

function withScores(instance: Instance, circles: Array<Pick<Circle, 'members' | 'time'>>, unplaced: Unplaced[]): Arrangement {
  const scored = circles.map((c) => ({ ...c, score: circleScore(instance, c.members, c.time) }));
  return { circles: scored, unplaced, score: scored.reduce((s, c) => s + c.score, 0) };
}

function greedy(instance: Instance, seed: number, locked: Circle[]): Arrangement {
  const random = rng(seed);
  const taken = new Set(locked.flatMap((c) => c.members));
  const pool = instance.people.filter((p) => !taken.has(p.id));
  const order = pool.map((p) => ({ p, r: random() })).sort((a, b) => a.r - b.r);
  let left: Person[] = order.map((o) => o.p);
  const circles: Array<Pick<Circle, 'members' | 'time'>> = locked.map((c) => ({ members: c.members, time: c.time }));
  const { minSize, maxSize } = instance.rules;
  for (const time of instance.times) {
    for (;;) {
      const can = left.filter((p) => p.times[time] === 'yes' || p.times[time] === 'ifneedbe');
      if (can.length < minSize) break;
      const members: string[] = [];
      for (const p of can) {
        if (members.length >= maxSize) break;
        const trial = [...members, p.id];
        const breaks = circleBreaks(instance, trial, time).filter((b) => b !== 'size');
        if (breaks.length === 0) members.push(p.id);
      }
      if (members.length < minSize) break;
      circles.push({ members, time });
      const used = new Set(members);
      left = left.filter((p) => !used.has(p.id));
    }
  }
  const unplaced: Unplaced[] = left.map((p) => {
    const partners = instance.times.some(
      (t) =>
        (p.times[t] ?? 'no') !== 'no' &&
        instance.people.filter((o) => o.id !== p.id && (o.times[t] ?? 'no') !== 'no').length >= minSize - 1,
    );
    return { id: p.id, reason: partners ? 'not_enough_people' : 'no_shared_time' };
  });
  return withScores(instance, circles, unplaced);
}

export function form(instance: Instance, options: FormOptions): Arrangement {
  const shown = new Set(options.shown ?? []);
  const first = greedy(instance, options.seed, options.locked ?? []);
  if (!shown.has(arrangementKey(first))) return first;
  for (let i = 1; i < 50; i++) {
    const next = greedy(instance, options.seed + i * 7919, options.locked ?? []);
    if (!shown.has(arrangementKey(next)) && next.circles.length >= first.circles.length) return next;
  }
  return first;
}

export function applyEdit(instance: Instance, a: Arrangement, edit: Edit): Arrangement {
  const circles = a.circles.map((c) => ({ members: [...c.members], time: c.time }));
  let unplaced = [...a.unplaced];
  const where = (id: string) => circles.findIndex((c) => c.members.includes(id));
  if (edit.kind === 'move') {
    const from = where(edit.person);
    if (from >= 0) circles[from]!.members = circles[from]!.members.filter((m) => m !== edit.person);
    else unplaced = unplaced.filter((u) => u.id !== edit.person);
    circles[edit.toCircle]?.members.push(edit.person);
  } else {
    const ia = where(edit.a);
    const ib = where(edit.b);
    if (ia >= 0) circles[ia]!.members = circles[ia]!.members.map((m) => (m === edit.a ? edit.b : m));
    if (ib >= 0) circles[ib]!.members = circles[ib]!.members.map((m) => (m === edit.b ? edit.a : m));
    unplaced = unplaced.map((u) =>
      u.id === edit.a && ib >= 0 ? { ...u, id: edit.b } : u.id === edit.b && ia >= 0 ? { ...u, id: edit.a } : u,
    );
  }
  // A circle keeps its time when everyone can still make it, else takes the first that suits all.
  const timed = circles.map((c) => {
    if (circleBreaks(instance, c.members, c.time).every((b) => b === 'size')) return c;
    const other = instance.times.find((t) => circleBreaks(instance, c.members, t).every((b) => b === 'size'));
    return other ? { ...c, time: other } : c;
  });
  return withScores(instance, timed, unplaced);
}

export function previewEdit(instance: Instance, a: Arrangement, edit: Edit): EditPreview {
  const after = applyEdit(instance, a, edit);
  const touched = new Set<number>();
  a.circles.forEach((c, i) => {
    const ids = edit.kind === 'move' ? [edit.person] : [edit.a, edit.b];
    if (ids.some((id) => c.members.includes(id))) touched.add(i);
  });
  if (edit.kind === 'move') touched.add(edit.toCircle);
  const circles = [...touched]
    .filter((i) => a.circles[i] !== undefined)
    .sort((x, y) => x - y)
    .map((index) => {
      const before = a.circles[index]!;
      const now = after.circles[index]!;
      const ok = circleBreaks(instance, now.members, now.time).every((b) => b === 'size');
      return { index, before: before.score, after: now.score, timeBefore: before.time, timeAfter: ok ? now.time : null };
    });
  const breaks = [
    ...new Set(circles.flatMap((c) => circleBreaks(instance, after.circles[c.index]!.members, after.circles[c.index]!.time))),
  ];
  return { circles, breaks, scoreBefore: a.score, scoreAfter: after.score };
}

export function describeCircle(instance: Instance, circle: Circle): CircleFacts {
  const byId = new Map(instance.people.map((p) => [p.id, p]));
  const people = circle.members.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
  const alike: CircleFacts['alike'] = [];
  const mixed: CircleFacts['mixed'] = [];
  for (const f of instance.rules.fields) {
    if (f.weight <= 0) continue;
    const values = [...new Set(people.flatMap((p) => (p.values[f.key] === undefined ? [] : flat(p.values[f.key]!))))];
    if (f.mode === 'alike') alike.push({ key: f.key, values: values.map((v) => (f.kind === 'ordinal' ? Number(v) : v)) });
    else mixed.push({ key: f.key, values });
  }
  const ids = new Set(circle.members);
  const wishesMet: Array<[string, string]> = [];
  for (const p of people)
    for (const w of p.wishes)
      if (ids.has(w) && !wishesMet.some(([x, y]) => (x === w && y === p.id) || (x === p.id && y === w)))
        wishesMet.push([p.id, w]);
  const past = instance.pastPairs ?? [];
  const repeats = past.filter(([x, y]) => ids.has(x) && ids.has(y));
  const ifNeedBe = people.filter((p) => p.times[circle.time] === 'ifneedbe').map((p) => p.id);
  return { alike, mixed, wishesMet, time: circle.time, ifNeedBe, repeats };
}
