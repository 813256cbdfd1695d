import { z } from 'zod';
import { type CandidateTime, candidateListSchema, MAX_CANDIDATES, parseCandidateInput } from '../availability';
import { isValidTimeZone } from '../time/cadence';
import { addDays, isValidDate } from '../time/calendarDate';
import { zonedWallTimeToInstant } from '../time/zonedTime';
import { ProgramFields as F } from './ids';
import {
  BUILT_IN_FIELDS,
  CYCLE_MONTHS,
  candidateKindFor,
  DEFAULT_RULES,
  DEFAULT_SIZE,
  type FieldRule,
  LONG_TEXT_MAX,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  NAME_MAX,
  OPTION_MAX,
  type ProgramInput,
  type ProgramKind,
  type ProgramRules,
  PURPOSE_MAX,
  type Question,
  QUESTION_MAX,
  RHYTHMS,
  type Rhythm,
  SIZE_LIMITS,
} from './model';

/** The settings modal's answers read into a program, or an error on each field that is wrong. Pure. */

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export const DURATIONS = [30, 45, 60, 75, 90, 120] as const;
/** What a rule select offers: left out, or alike / mix with a weight. */
export const RULE_CHOICES = ['off', 'alike:1', 'alike:2', 'alike:3', 'mix:1', 'mix:2', 'mix:3'] as const;
export const QUESTION_IDS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const;
/** The hint people read under the questions field. */
export const QUESTION_FORMAT =
  'One per line: the question, then its choices, split by |. Start with "multiple:" to allow several choices.';

const values = z.record(z.string(), z.record(z.string(), z.unknown()));
const text = z.object({ value: z.string().nullish() }).partial();
const option = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).partial();
const options = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }).partial();
const date = z.object({ selected_date: z.string().nullish() }).partial();

type Values = Record<string, Record<string, unknown>>;

function field<T>(all: Values, blockId: string, schema: z.ZodType<T>): T | undefined {
  const parsed = schema.safeParse(all[blockId]?.[blockId]);
  return parsed.success ? parsed.data : undefined;
}
const textOf = (all: Values, id: string) => (field(all, id, text)?.value ?? '').trim();
const choiceOf = (all: Values, id: string) => field(all, id, option)?.selected_option?.value;

export function ruleChoice(rule: FieldRule | undefined): (typeof RULE_CHOICES)[number] {
  if (!rule || rule.weight <= 0) return 'off';
  return `${rule.mode}:${Math.min(3, rule.weight)}` as (typeof RULE_CHOICES)[number];
}

function ruleFrom(choice: string | undefined): FieldRule | null | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'off') return null;
  const m = /^(alike|mix):([1-3])$/.exec(choice);
  return m ? { mode: m[1] as FieldRule['mode'], weight: Number(m[2]) } : undefined;
}

function intIn(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || !/^\d{1,3}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** "multiple: Which topics? | AI | Policy | Housing" as a question, or why not. */
export function parseQuestion(line: string, id: string): { ok: true; question: Question } | { ok: false; error: string } {
  let rest = line.trim();
  const multiple = /^multiple\s*:/i.test(rest);
  if (multiple) rest = rest.replace(/^multiple\s*:/i, '').trim();
  const [question = '', ...choices] = rest.split('|').map((p) => p.replace(/\s+/g, ' ').trim());
  const opts = [...new Set(choices.filter((c) => c !== ''))];
  if (!question) return { ok: false, error: 'Start each line with the question.' };
  if (question.length > QUESTION_MAX) return { ok: false, error: `Keep each question to ${QUESTION_MAX} characters.` };
  if (opts.length < 2) return { ok: false, error: 'Give each question at least two choices, split by |.' };
  if (opts.length > MAX_OPTIONS) return { ok: false, error: `Give each question at most ${MAX_OPTIONS} choices.` };
  if (opts.some((o) => o.length > OPTION_MAX)) return { ok: false, error: `Keep each choice to ${OPTION_MAX} characters.` };
  return { ok: true, question: { id, text: question, multiple, options: opts } };
}

/** A question as the organizer typed it, for the edit modal. */
export function questionLine(q: Question): string {
  return `${q.multiple ? 'multiple: ' : ''}${q.text} | ${q.options.join(' | ')}`;
}

export interface SettingsContext {
  now: Date;
  /** When editing: the deadline as stored, which may stay even once past. */
  previousDeadline?: Date;
}

export function parseProgramForm(raw: unknown, ctx: SettingsContext): Checked<ProgramInput> {
  const parsed = values.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: { [F.name]: 'This form is out of date. Close it and open it again.' } };
  const all = parsed.data;
  const errors: Record<string, string> = {};

  const name = textOf(all, F.name).replace(/\s+/g, ' ');
  if (!name) errors[F.name] = 'Give the program a name.';
  else if (name.length > NAME_MAX) errors[F.name] = `Keep the name to ${NAME_MAX} characters.`;
  // People type the name back in commands, and it heads posts: no Slack formatting in it.
  else if (/[<>*_~`|]/.test(name))
    errors[F.name] = 'A program name cannot contain < > * _ ~ ` or | (Slack formatting characters).';

  const purpose = textOf(all, F.purpose);
  if (purpose.length > PURPOSE_MAX) errors[F.purpose] = `Keep the purpose to ${PURPOSE_MAX} characters.`;

  const kindRaw = choiceOf(all, F.kind) ?? 'circles';
  const kind: ProgramKind | undefined = kindRaw === 'circles' || kindRaw === 'pairs' ? kindRaw : undefined;
  if (!kind) errors[F.kind] = 'Choose circles or coaching pairs.';

  let minSize = intIn(choiceOf(all, F.minSize) ?? String(DEFAULT_SIZE.min), SIZE_LIMITS.min, SIZE_LIMITS.max);
  let maxSize = intIn(choiceOf(all, F.maxSize) ?? String(DEFAULT_SIZE.max), SIZE_LIMITS.min, SIZE_LIMITS.max);
  if (kind === 'pairs') {
    // Coaching pairs are pairs, with a trio when the count is odd, whatever the selects say.
    minSize = 2;
    maxSize = 3;
  } else if (minSize === undefined) errors[F.minSize] = `Choose a smallest size from ${SIZE_LIMITS.min} to ${SIZE_LIMITS.max}.`;
  else if (maxSize === undefined) errors[F.maxSize] = `Choose a largest size from ${SIZE_LIMITS.min} to ${SIZE_LIMITS.max}.`;
  else if (maxSize < minSize) errors[F.maxSize] = 'The largest size must be at least the smallest.';

  const rhythmRaw = choiceOf(all, F.rhythm) ?? 'weekly';
  const rhythm = (RHYTHMS as readonly string[]).includes(rhythmRaw) ? (rhythmRaw as Rhythm) : undefined;
  if (!rhythm) errors[F.rhythm] = 'Choose how often circles meet.';

  const cycleMonths = intIn(choiceOf(all, F.cycleMonths) ?? '6', 1, 24);
  if (cycleMonths === undefined || !(CYCLE_MONTHS as readonly number[]).includes(cycleMonths))
    errors[F.cycleMonths] = `Choose a cycle of ${CYCLE_MONTHS.join(', ')} months.`;

  const timeZone = textOf(all, F.timeZone);
  const zoneOk = timeZone.length <= 64 && isValidTimeZone(timeZone);
  if (!zoneOk) errors[F.timeZone] = 'Give a time zone by its name, such as America/New_York or Europe/London.';

  const duration = intIn(choiceOf(all, F.duration) ?? '60', 15, 480);
  if (duration === undefined || !(DURATIONS as readonly number[]).includes(duration))
    errors[F.duration] = `Choose a length of ${DURATIONS.join(', ')} minutes.`;

  let candidates: CandidateTime[] = [];
  const lines = textOf(all, F.times)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (!lines.length) errors[F.times] = 'Give at least one time, one per line, as in “Tue 09:00”.';
  else if (lines.length > MAX_CANDIDATES) errors[F.times] = `Give at most ${MAX_CANDIDATES} times.`;
  else if (rhythm && zoneOk && duration !== undefined) {
    const context = { kind: candidateKindFor(rhythm), timeZone, durationMinutes: duration };
    for (const [i, line] of lines.entries()) {
      const read = parseCandidateInput(line, context);
      if (!read.ok) {
        errors[F.times] = `Line ${i + 1}: ${read.error}`;
        break;
      }
      candidates.push(read.candidate);
    }
    if (!errors[F.times] && !candidateListSchema.safeParse(candidates).success)
      errors[F.times] = 'A time is listed twice: give each once.';
  }
  if (errors[F.times]) candidates = [];

  let deadline: Date | undefined;
  const day = field(all, F.deadline, date)?.selected_date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isValidDate(day)) errors[F.deadline] = 'Pick the last day people can join.';
  else {
    // The end of that day in the program's zone (in UTC while the zone is wrong, to say whether the day has passed).
    deadline = zonedWallTimeToInstant(addDays(day, 1), '00:00', zoneOk ? timeZone : 'UTC');
    const unchanged = ctx.previousDeadline?.getTime() === deadline.getTime();
    if (!unchanged && deadline <= ctx.now) errors[F.deadline] = 'Pick a day that has not passed.';
  }

  const questions: Question[] = [];
  const questionLines = textOf(all, F.questions)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (textOf(all, F.questions).length > LONG_TEXT_MAX * 2) errors[F.questions] = 'That is too long for five questions.';
  else if (questionLines.length > MAX_QUESTIONS) errors[F.questions] = `Ask at most ${MAX_QUESTIONS} questions.`;
  else {
    for (const [i, line] of questionLines.entries()) {
      const read = parseQuestion(line, QUESTION_IDS[i]!);
      if (!read.ok) {
        errors[F.questions] = `Line ${i + 1}: ${read.error}`;
        break;
      }
      questions.push(read.question);
    }
  }

  const fields: ProgramRules['fields'] = {};
  for (const key of [...BUILT_IN_FIELDS, ...QUESTION_IDS]) {
    const id = `${F.rulePrefix}${key}`;
    const chosen = choiceOf(all, id);
    const rule = ruleFrom(chosen);
    if (rule === undefined && chosen !== undefined) errors[id] = 'Choose from the list.';
    else if (rule === undefined) {
      const fallback = DEFAULT_RULES.fields[key];
      if (fallback) fields[key] = fallback;
    } else if (rule !== null && (!key.startsWith('q') || questions.some((q) => q.id === key))) fields[key] = rule;
  }
  const separateOrganizations = (field(all, F.separateOrganizations, options)?.selected_options ?? []).some(
    (o) => o.value === 'separate',
  );
  const weightOf = (id: string, fallback: number, max: number) => {
    const raw = choiceOf(all, id);
    const n = intIn(raw ?? String(fallback), 0, max);
    if (n === undefined) errors[id] = 'Choose from the list.';
    return n ?? fallback;
  };
  const rules: ProgramRules = {
    fields,
    separateOrganizations,
    maxIfNeedBe: weightOf(F.maxIfNeedBe, DEFAULT_RULES.maxIfNeedBe, 3),
    wishWeight: weightOf(F.wishWeight, DEFAULT_RULES.wishWeight, 3),
    repeatWeight: weightOf(F.repeatWeight, DEFAULT_RULES.repeatWeight, 3),
  };

  if (
    Object.keys(errors).length ||
    !kind ||
    minSize === undefined ||
    maxSize === undefined ||
    !rhythm ||
    cycleMonths === undefined ||
    duration === undefined ||
    !deadline
  )
    return { ok: false, errors: Object.keys(errors).length ? errors : { [F.name]: 'Fill in every field.' } };
  return {
    ok: true,
    value: {
      name,
      purpose,
      kind,
      minSize,
      maxSize,
      rhythm,
      cycleMonths,
      timeZone,
      durationMinutes: duration,
      candidates,
      deadline,
      rules,
      questions,
    },
  };
}
