/**
 * The facts behind a circle's reasons in words. Built from the fields, wishes, times and history
 * only: avoid-lists and organizations never appear, so no reason can reveal them.
 */
import { pairKey } from './model';
import type { Circle, CircleFacts, FieldValue, Instance, Person } from './types';

const text = (v: FieldValue): string => (Array.isArray(v) ? v.join(', ') : String(v));

export function describeCircle(instance: Instance, circle: Circle): CircleFacts {
  const byId = new Map(instance.people.map((p) => [p.id, p]));
  const members = circle.members.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
  const alike: CircleFacts['alike'] = [];
  const mixed: CircleFacts['mixed'] = [];
  for (const field of instance.rules.fields) {
    if (!(field.weight > 0)) continue;
    const values = members.map((p) => p.values[field.key]).filter((v): v is FieldValue => v !== undefined);
    if (values.length === 0) continue;
    if (field.mode === 'alike') {
      if (field.kind === 'set') {
        const sets = values.filter(Array.isArray).map((v) => new Set(v));
        const common = [...(sets[0] ?? [])].filter((x) => sets.every((s) => s.has(x))).sort();
        if (common.length > 0 && sets.length === values.length) alike.push({ key: field.key, values: common });
        continue;
      }
      const distinct = [...new Set(values.map((v) => (typeof v === 'number' ? v : text(v))))];
      const numbers = distinct.filter((v): v is number => typeof v === 'number');
      // Alike: one value, or (on a scale) two neighbouring levels.
      const close =
        distinct.length === 1 ||
        (field.kind === 'ordinal' && numbers.length === distinct.length && Math.max(...numbers) - Math.min(...numbers) <= 1);
      if (close) alike.push({ key: field.key, values: [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) });
    } else {
      const distinct = [...new Set(values.flatMap((v) => (Array.isArray(v) ? v : [String(v)])))].sort();
      if (distinct.length >= 2) mixed.push({ key: field.key, values: distinct });
    }
  }
  const inCircle = new Set(members.map((p) => p.id));
  const wishes = new Map<string, [string, string]>();
  for (const p of members)
    for (const other of p.wishes)
      if (other !== p.id && inCircle.has(other)) {
        const key = pairKey(p.id, other);
        if (!wishes.has(key)) wishes.set(key, p.id < other ? [p.id, other] : [other, p.id]);
      }
  const repeats = new Map<string, [string, string]>();
  for (const [a, b] of instance.pastPairs ?? [])
    if (a !== b && inCircle.has(a) && inCircle.has(b)) repeats.set(pairKey(a, b), a < b ? [a, b] : [b, a]);
  return {
    alike,
    mixed,
    wishesMet: [...wishes.values()],
    time: circle.time,
    ifNeedBe: members.filter((p) => p.times[circle.time] === 'ifneedbe').map((p) => p.id),
    repeats: [...repeats.values()],
  };
}
