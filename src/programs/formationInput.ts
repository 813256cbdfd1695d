import type { Field, FieldValue, Instance, Person, Rules } from './formation/types';
import { BUILT_IN_FIELDS, candidateKeys, type IntakeAnswers, normaliseCategory, type Program, STAGES, topicTags } from './model';

/** One finished intake as formation reads it. */
export interface FinishedIntake {
  userId: string;
  /** `normaliseOrganization` of what they typed, as stored; null or '' when they gave none. */
  organizationKey: string | null;
  answers: IntakeAnswers;
}

/** Penalty per member who comes only if need be: small beside a field's weight, so it breaks ties. */
const IF_NEED_BE_WEIGHT = 1;

/** A program's matching rules in the solver's terms: a field per rule with a weight, the hard rules, the soft weights. */
export function toRules(program: Pick<Program, 'rules' | 'questions' | 'minSize' | 'maxSize'>): Rules {
  const fields: Field[] = [];
  const add = (key: string, kind: Field['kind'], levels?: number) => {
    const rule = program.rules.fields[key];
    if (!rule || rule.weight <= 0) return;
    fields.push({ key, kind, mode: rule.mode, weight: rule.weight, ...(levels ? { levels } : {}) });
  };
  for (const key of BUILT_IN_FIELDS) {
    if (key === 'stage') add(key, 'ordinal', STAGES.length);
    else add(key, key === 'topics' ? 'set' : 'category');
  }
  for (const q of program.questions) add(q.id, q.multiple ? 'set' : 'category');
  return {
    minSize: program.minSize,
    maxSize: program.maxSize,
    fields,
    separateOrganizations: program.rules.separateOrganizations,
    maxIfNeedBe: program.rules.maxIfNeedBe,
    wishWeight: program.rules.wishWeight,
    repeatWeight: program.rules.repeatWeight,
    ifNeedBeWeight: IF_NEED_BE_WEIGHT,
  };
}

function valuesOf(program: Pick<Program, 'questions'>, a: IntakeAnswers): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = { stage: a.stage, sector: a.sector };
  const role = normaliseCategory(a.role);
  if (role) values.role = role;
  const topics = topicTags(a.topics);
  if (topics.length) values.topics = topics;
  for (const q of program.questions) {
    const chosen = (a.answers[q.id] ?? []).filter((o) => q.options.includes(o));
    if (!chosen.length) continue;
    values[q.id] = q.multiple ? chosen : chosen[0]!;
  }
  return values;
}

/**
 * A program's finished intakes as the solver's instance: values by field key, the normalised
 * organization, answers to the program's current times only (a time removed since does not
 * count), wishes and avoid-lists within the instance, and the pairs earlier rounds put together.
 */
export function toFormationInput(
  program: Pick<Program, 'rules' | 'questions' | 'minSize' | 'maxSize' | 'candidates'>,
  intakes: readonly FinishedIntake[],
  earlierGroups: ReadonlyArray<readonly string[]>,
): Instance {
  const times = candidateKeys(program);
  const ids = new Set(intakes.map((i) => i.userId));
  const inside = (list: readonly string[], self: string) => [...new Set(list)].filter((id) => id !== self && ids.has(id));
  const people: Person[] = intakes.map((i) => {
    const answers = Object.fromEntries(times.flatMap((t) => (i.answers.times[t] ? [[t, i.answers.times[t]]] : [])));
    return {
      id: i.userId,
      values: valuesOf(program, i.answers),
      ...(i.organizationKey ? { organization: i.organizationKey } : {}),
      times: answers,
      wishes: inside(i.answers.wishes, i.userId),
      avoid: inside(i.answers.avoid, i.userId),
      volunteer: i.answers.volunteer,
    };
  });
  const pastPairs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const group of earlierGroups) {
    const members = group.filter((id) => ids.has(id)).sort();
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const key = `${members[a]} ${members[b]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        pastPairs.push([members[a]!, members[b]!]);
      }
    }
  }
  return { people, times, rules: toRules(program), ...(pastPairs.length ? { pastPairs } : {}) };
}
