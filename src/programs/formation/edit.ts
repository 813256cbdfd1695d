/**
 * The organizer's edits before Confirm: move one person into a circle (from another circle or from
 * the unplaced) or swap two people. A preview says what would change; applying refuses any edit
 * that breaks a hard rule.
 */
import { reasonFor } from './form';
import { bestTime, compile, type Model, scoreAt } from './model';
import type { Arrangement, Circle, Edit, EditPreview, HardRule, Instance } from './types';

export class FormationEditError extends Error {
  readonly breaks: HardRule[];
  constructor(breaks: HardRule[]) {
    super(`This change would break: ${breaks.join(', ')}`);
    this.name = 'FormationEditError';
    this.breaks = breaks;
  }
}

interface Planned {
  /** New member lists of the touched circles, by index. */
  touched: Map<number, string[]>;
  /** Who leaves the unplaced list, and who joins it. */
  placed: string[];
  unplaced: string[];
}

const where = (a: Arrangement, id: string): number => a.circles.findIndex((c) => c.members.includes(id));

function plan(a: Arrangement, edit: Edit): Planned {
  const touched = new Map<number, string[]>();
  const members = (i: number): string[] => touched.get(i) ?? [...a.circles[i]!.members];
  const isUnplaced = (id: string): boolean => a.unplaced.some((u) => u.id === id);
  if (edit.kind === 'move') {
    const to = edit.toCircle;
    if (!Number.isInteger(to) || to < 0 || to >= a.circles.length) throw new RangeError('No such circle');
    const from = where(a, edit.person);
    if (from < 0 && !isUnplaced(edit.person)) throw new RangeError('Not in this arrangement');
    if (from === to) return { touched, placed: [], unplaced: [] };
    if (from >= 0)
      touched.set(
        from,
        members(from).filter((id) => id !== edit.person),
      );
    touched.set(to, [...members(to), edit.person]);
    return { touched, placed: from < 0 ? [edit.person] : [], unplaced: [] };
  }
  const ca = where(a, edit.a);
  const cb = where(a, edit.b);
  if ((ca < 0 && !isUnplaced(edit.a)) || (cb < 0 && !isUnplaced(edit.b))) throw new RangeError('Not in this arrangement');
  if (ca === cb) return { touched, placed: [], unplaced: [] };
  if (ca >= 0) touched.set(ca, [...members(ca).filter((id) => id !== edit.a), edit.b]);
  if (cb >= 0) touched.set(cb, [...members(cb).filter((id) => id !== edit.b), edit.a]);
  return {
    touched,
    placed: [ca < 0 ? edit.a : null, cb < 0 ? edit.b : null].filter((x): x is string => x !== null),
    unplaced: [ca < 0 ? edit.b : null, cb < 0 ? edit.a : null].filter((x): x is string => x !== null),
  };
}

function indexes(m: Model, ids: string[]): number[] {
  return ids.filter((id) => m.index.has(id)).map((id) => m.index.get(id)!);
}

function judge(m: Model, a: Arrangement, p: Planned): EditPreview {
  const breaks = new Set<HardRule>();
  const circles: EditPreview['circles'] = [];
  let delta = 0;
  for (const [index, ids] of [...p.touched.entries()].sort((x, y) => x[0] - y[0])) {
    const before = a.circles[index]!;
    const members = indexes(m, ids);
    if (ids.length < m.rules.minSize || ids.length > m.rules.maxSize) breaks.add('size');
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!;
        const j = members[y]!;
        if (!m.conflict[i * m.n + j]) continue;
        const orgs = m.rules.separateOrganizations;
        const pi = m.ids[i]!;
        const pj = m.ids[j]!;
        breaks.add(orgs && sameOrganization(m, pi, pj) ? 'organization' : 'avoid');
        if (avoids(m, pi, pj)) breaks.add('avoid');
      }
    const best = bestTime(m, members);
    if (best.time < 0) breaks.add('shared_time');
    const after = scoreAt(m, members, best.time);
    circles.push({
      index,
      before: before.score,
      after,
      timeBefore: before.time,
      timeAfter: best.time < 0 ? null : m.times[best.time]!,
    });
    delta += after - before.score;
  }
  return { circles, breaks: [...breaks], scoreBefore: a.score, scoreAfter: a.score + delta };
}

// Conflicts are stored as one flag; which rule it is matters for the words the organizer reads.
const organizations = new WeakMap<Model, Map<string, string | undefined>>();
const avoidLists = new WeakMap<Model, Map<string, Set<string>>>();
function sameOrganization(m: Model, a: string, b: string): boolean {
  const orgs = organizations.get(m);
  const x = orgs?.get(a);
  return x !== undefined && x === orgs?.get(b);
}
function avoids(m: Model, a: string, b: string): boolean {
  const lists = avoidLists.get(m);
  return Boolean(lists?.get(a)?.has(b) || lists?.get(b)?.has(a));
}

function compiled(instance: Instance): Model {
  const m = compile(instance);
  organizations.set(m, new Map(instance.people.map((p) => [p.id, p.organization || undefined])));
  avoidLists.set(m, new Map(instance.people.map((p) => [p.id, new Set(p.avoid)])));
  return m;
}

/** What the edit would do, without doing it. Throws RangeError for a person or circle not in the arrangement. */
export function previewEdit(instance: Instance, arrangement: Arrangement, edit: Edit): EditPreview {
  const m = compiled(instance);
  return judge(m, arrangement, plan(arrangement, edit));
}

/** The arrangement after the edit; throws FormationEditError naming the hard rules it would break. */
export function applyEdit(instance: Instance, arrangement: Arrangement, edit: Edit): Arrangement {
  const m = compiled(instance);
  const planned = plan(arrangement, edit);
  const preview = judge(m, arrangement, planned);
  if (preview.breaks.length > 0) throw new FormationEditError(preview.breaks);
  const circles: Circle[] = arrangement.circles.map((c, i) => {
    const ids = planned.touched.get(i);
    if (!ids) return { ...c, members: [...c.members] };
    const touched = preview.circles.find((x) => x.index === i)!;
    return { members: ids, time: touched.timeAfter!, score: touched.after };
  });
  const unplaced = arrangement.unplaced
    .filter((u) => !planned.placed.includes(u.id))
    .concat(planned.unplaced.map((id) => ({ id, reason: reasonFor(m, m.index.get(id)!) })));
  return { circles, unplaced, score: circles.reduce((x, c) => x + c.score, 0) };
}
