/**
 * An independent check of an arrangement against the hard rules, from the instance as given (not
 * the compiled model): tests and the benchmark count violations with it.
 */
import type { Arrangement, HardRule, Instance } from './types';

export interface Violation {
  rule: HardRule | 'placement';
  circle: number;
}

export function hardRuleBreaks(instance: Instance, arrangement: Arrangement): Violation[] {
  const { rules } = instance;
  const byId = new Map(instance.people.map((p) => [p.id, p]));
  const found: Violation[] = [];
  const seen = new Map<string, number>();
  arrangement.circles.forEach((circle, index) => {
    const members = circle.members.map((id) => byId.get(id));
    if (circle.members.length < rules.minSize || circle.members.length > rules.maxSize)
      found.push({ rule: 'size', circle: index });
    for (const id of circle.members) {
      if (seen.has(id) || !byId.has(id)) found.push({ rule: 'placement', circle: index });
      seen.set(id, index);
    }
    let org = false;
    let avoid = false;
    for (const a of members)
      for (const b of members) {
        if (!a || !b || a === b) continue;
        if (rules.separateOrganizations && a.organization && a.organization === b.organization) org = true;
        if (a.avoid.includes(b.id)) avoid = true;
      }
    if (org) found.push({ rule: 'organization', circle: index });
    if (avoid) found.push({ rule: 'avoid', circle: index });
    const answers = members.map((p) => p?.times[circle.time]);
    const maybe = answers.filter((x) => x === 'ifneedbe').length;
    if (
      !instance.times.includes(circle.time) ||
      answers.some((x) => x !== 'yes' && x !== 'ifneedbe') ||
      maybe > rules.maxIfNeedBe
    )
      found.push({ rule: 'shared_time', circle: index });
  });
  for (const u of arrangement.unplaced) {
    if (seen.has(u.id)) found.push({ rule: 'placement', circle: seen.get(u.id)! });
    seen.set(u.id, -1);
  }
  // Nobody silent: everyone is in a circle or unplaced with a reason.
  if (seen.size !== instance.people.length) found.push({ rule: 'placement', circle: -1 });
  return found;
}
