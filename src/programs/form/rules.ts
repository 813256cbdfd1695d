import type { Arrangement, HardRule, Instance, Person } from '../formation/types';

/**
 * The hard rules checked again at Confirm, against the intakes as they are then (an answer may
 * have changed since the preview): sizes, one organization, avoid-lists, and a time every member
 * can make with at most the allowed if-need-be answers. Pure.
 */
export function circleBreaks(instance: Instance, members: string[], time: string): HardRule[] {
  const byId = new Map(instance.people.map((p) => [p.id, p]));
  const people = members.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
  const breaks: HardRule[] = [];
  const { rules } = instance;
  if (members.length < rules.minSize || members.length > rules.maxSize) breaks.push('size');
  if (rules.separateOrganizations) {
    const orgs = people.map((p) => p.organization).filter((o): o is string => Boolean(o));
    if (new Set(orgs).size !== orgs.length) breaks.push('organization');
  }
  const ids = new Set(members);
  if (people.some((p) => p.avoid.some((a) => ids.has(a) && a !== p.id))) breaks.push('avoid');
  const answers = people.map((p) => p.times[time] ?? 'no');
  if (
    people.length !== members.length ||
    answers.includes('no') ||
    answers.filter((a) => a === 'ifneedbe').length > rules.maxIfNeedBe
  )
    breaks.push('shared_time');
  return breaks;
}

/** Every hard rule an arrangement breaks, with the circle it breaks it in. */
export function arrangementBreaks(instance: Instance, arrangement: Arrangement): Array<{ index: number; rule: HardRule }> {
  const seen = new Set<string>();
  const out: Array<{ index: number; rule: HardRule }> = [];
  arrangement.circles.forEach((c, index) => {
    for (const rule of circleBreaks(instance, c.members, c.time)) out.push({ index, rule });
    // Someone in two circles would be told two places: treated as a size problem of the second.
    if (c.members.some((id) => seen.has(id))) out.push({ index, rule: 'size' });
    for (const id of c.members) seen.add(id);
  });
  return out;
}
