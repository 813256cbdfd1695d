import { z } from 'zod';
import { ANSWERS, type Answer, candidateKey } from '../availability';
import { isValidTimeZone } from '../time/cadence';
import { IntakeFields as F } from './ids';
import { type IntakeAnswers, LONG_TEXT_MAX, MAX_WISHES, type Program, SECTORS, type Sector, STAGES, TEXT_MAX } from './model';
import type { Checked } from './settingsForm';

/** The intake modal's answers read and checked, or an error on each field that is wrong. Pure. */

/** More people than this and the pickers offer the whole workspace (Slack lists at most 100 options). */
export const MAX_LISTED_PEOPLE = 100;
/** An avoid-list this long is no longer about people: it is a refusal to be matched. */
export const MAX_AVOID = 20;

const values = z.record(z.string(), z.record(z.string(), z.unknown()));
const text = z.object({ value: z.string().nullish() }).partial();
const option = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).partial();
const options = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }).partial();
const users = z.object({ selected_users: z.array(z.string()).nullish() }).partial();

type Values = Record<string, Record<string, unknown>>;
function field<T>(all: Values, blockId: string, schema: z.ZodType<T>): T | undefined {
  const parsed = schema.safeParse(all[blockId]?.[blockId]);
  return parsed.success ? parsed.data : undefined;
}

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/**
 * A short fingerprint of the program's times in their order, carried by the modal: answers are
 * given by position, so a form opened before the organizer changed the times is refused.
 */
export function timesFingerprint(program: Pick<Program, 'candidates'>): string {
  let h = 0x811c9dc5;
  for (const ch of program.candidates.map(candidateKey).join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export interface IntakeContext {
  program: Pick<Program, 'candidates' | 'questions'>;
  selfId: string;
  /** Everyone else who joined the program. */
  others: ReadonlySet<string>;
}

/** People picked from a list of options or the workspace's user picker, whichever the modal showed. */
function peopleIn(all: Values, id: string): string[] {
  const picked = [
    ...(field(all, id, options)?.selected_options ?? []).map((o) => o.value),
    ...(field(all, id, users)?.selected_users ?? []),
  ];
  return [...new Set(picked)];
}

export function parseIntake(raw: unknown, ctx: IntakeContext): Checked<IntakeAnswers> {
  const parsed = values.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: { [F.stage]: 'This form is out of date. Close it and open it again.' } };
  const all = parsed.data;
  const errors: Record<string, string> = {};
  const textOf = (id: string, max: number, required: string | null): string => {
    const value = (field(all, id, text)?.value ?? '').trim();
    if (!value && required) errors[id] = required;
    else if (value.length > max) errors[id] = `That is ${value.length} characters; keep it to ${max}.`;
    return value;
  };

  const stageRaw = field(all, F.stage, option)?.selected_option?.value ?? '';
  const stage = /^\d$/.test(stageRaw) ? Number(stageRaw) : -1;
  if (stage < 0 || stage >= STAGES.length) errors[F.stage] = 'Choose your career stage from the list.';

  const sectorRaw = field(all, F.sector, option)?.selected_option?.value ?? '';
  if (!(SECTORS as readonly string[]).includes(sectorRaw)) errors[F.sector] = 'Choose your sector from the list.';

  const organization = textOf(F.organization, TEXT_MAX, 'Say which organization you work for.');
  const role = textOf(F.role, TEXT_MAX, 'Say what your function or role is.');
  const topics = textOf(F.topics, LONG_TEXT_MAX, 'Name a topic or two you would like to talk about.');
  const goals = textOf(F.goals, LONG_TEXT_MAX, null);

  const timeZone = (field(all, F.timeZone, text)?.value ?? '').trim();
  if (timeZone.length > 64 || !isValidTimeZone(timeZone))
    errors[F.timeZone] = 'Give your time zone by its name, such as Europe/Paris or America/Chicago.';

  const times: Record<string, Answer> = {};
  for (const [i, c] of ctx.program.candidates.entries()) {
    const id = `${F.timePrefix}${i}`;
    const answer = field(all, id, option)?.selected_option?.value;
    if (answer === undefined || !(ANSWERS as readonly string[]).includes(answer)) errors[id] = 'Answer yes, if need be, or no.';
    else times[candidateKey(c)] = answer as Answer;
  }
  if (!errors[`${F.timePrefix}0`] && Object.keys(times).length === ctx.program.candidates.length) {
    if (!Object.values(times).some((a) => a !== 'no'))
      errors[`${F.timePrefix}0`] =
        'You can make none of these times: a circle needs one you can make. Say “if need be” where you could.';
  }

  const wishes = peopleIn(all, F.wishes);
  if (wishes.length > MAX_WISHES) errors[F.wishes] = `Choose at most ${MAX_WISHES} people.`;
  else if (wishes.includes(ctx.selfId)) errors[F.wishes] = 'Choose other people than yourself.';
  else if (wishes.some((id) => !ctx.others.has(id)))
    errors[F.wishes] = 'Choose people who have joined this program: others cannot be placed with you.';

  const avoid = peopleIn(all, F.avoid);
  if (avoid.length > MAX_AVOID) errors[F.avoid] = `Choose at most ${MAX_AVOID} people.`;
  else if (avoid.some((id) => !USER_ID.test(id))) errors[F.avoid] = 'Choose people from the list.';
  else if (avoid.includes(ctx.selfId)) errors[F.avoid] = 'Choose other people than yourself.';
  else if (avoid.some((id) => wishes.includes(id))) errors[F.avoid] = 'Someone is in both lists: choose one for each person.';

  const volunteer = (field(all, F.volunteer, options)?.selected_options ?? []).some((o) => o.value === 'yes');

  const answers: Record<string, string[]> = {};
  for (const q of ctx.program.questions) {
    const id = `${F.questionPrefix}${q.id}`;
    const chosen = q.multiple
      ? (field(all, id, options)?.selected_options ?? []).map((o) => o.value)
      : [field(all, id, option)?.selected_option?.value].filter((v): v is string => typeof v === 'string');
    if (!chosen.length) errors[id] = q.multiple ? 'Choose at least one.' : 'Choose one.';
    else if (chosen.some((c) => !/^\d{1,2}$/.test(c) || Number(c) >= q.options.length))
      errors[id] = 'The choices have changed. Close this form and open it again.';
    else answers[q.id] = [...new Set(chosen.map((c) => q.options[Number(c)]!))];
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      stage,
      sector: sectorRaw as Sector,
      organization,
      role,
      topics,
      goals,
      timeZone,
      times,
      wishes,
      avoid,
      volunteer,
      answers,
    },
  };
}
