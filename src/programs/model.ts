import { z } from 'zod';
import { ANSWERS, type Answer, type CandidateTime, candidateKey, candidateListSchema } from '../availability';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../time/cadence';

/**
 * A program's pure rules: what a program is, what its intake holds, the matching rules and their
 * defaults, and how an organization is normalised for comparison. No Slack, no database.
 */

export type ProgramKind = 'circles' | 'pairs';
export type ProgramStatus = 'recruiting' | 'closed' | 'formed';
/** How often the circles a program forms will meet: every week or two, or monthly. */
export type Rhythm = 'weekly' | 'fortnightly' | 'monthly';

export const RHYTHMS: readonly Rhythm[] = ['weekly', 'fortnightly', 'monthly'];
export const RHYTHM_LABELS: Record<Rhythm, string> = {
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
};
export const CYCLE_MONTHS = [3, 4, 6, 8, 12] as const;

export const NAME_MAX = 80;
export const PURPOSE_MAX = 1000;
export const TEXT_MAX = 150;
export const LONG_TEXT_MAX = 1000;
export const MAX_WISHES = 3;
export const MAX_QUESTIONS = 5;
export const MAX_OPTIONS = 10;
export const OPTION_MAX = 75;
export const QUESTION_MAX = 150;
/** Circles of 6 to 8 by default: small enough for everyone to speak, big enough to survive absences. */
export const DEFAULT_SIZE = { min: 6, max: 8 } as const;
export const SIZE_LIMITS = { min: 2, max: 20 } as const;

export const STAGES = [
  'Early career',
  'Established individual contributor',
  'Leading a team',
  'Leading managers or a department',
  'Executive or founder',
] as const;

export const SECTORS = ['government', 'business', 'nonprofit', 'academia', 'other'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  government: 'Government',
  business: 'Business',
  nonprofit: 'Nonprofit',
  academia: 'Academia',
  other: 'Other',
};

export const ANSWER_LABELS: Record<Answer, string> = { yes: 'Yes', ifneedbe: 'If need be', no: 'No' };

/** An organizer's own question: single or multiple choice. */
export interface Question {
  id: string;
  text: string;
  multiple: boolean;
  options: string[];
}

export const questionSchema: z.ZodType<Question> = z.strictObject({
  id: z.string().regex(/^q[1-5]$/),
  text: z.string().min(1).max(QUESTION_MAX),
  multiple: z.boolean(),
  options: z.array(z.string().min(1).max(OPTION_MAX)).min(2).max(MAX_OPTIONS),
});
export const questionsSchema = z.array(questionSchema).max(MAX_QUESTIONS);

/** How one field counts in matching: members alike or mixed, and how much (0 leaves it out). */
export interface FieldRule {
  mode: 'alike' | 'mix';
  weight: number;
}
export const WEIGHTS = [0, 1, 2, 3] as const;
const fieldRuleSchema = z.strictObject({ mode: z.enum(['alike', 'mix']), weight: z.number().int().min(0).max(3) });

/** The intake's built-in fields the rules can compare on; an organizer's questions add theirs (q1..q5). */
export const BUILT_IN_FIELDS = ['stage', 'sector', 'role', 'topics'] as const;
export type BuiltInField = (typeof BUILT_IN_FIELDS)[number];
export const FIELD_LABELS: Record<BuiltInField, string> = {
  stage: 'Career stage',
  sector: 'Sector',
  role: 'Function or role',
  topics: 'Topics and goals',
};

export interface ProgramRules {
  /** By field key: the built-in fields and the organizer's question ids. */
  fields: Record<string, FieldRule>;
  separateOrganizations: boolean;
  maxIfNeedBe: number;
  wishWeight: number;
  repeatWeight: number;
}

export const rulesSchema: z.ZodType<ProgramRules> = z.strictObject({
  fields: z.record(z.string().regex(/^(stage|sector|role|topics|q[1-5])$/), fieldRuleSchema),
  separateOrganizations: z.boolean(),
  maxIfNeedBe: z.number().int().min(0).max(3),
  wishWeight: z.number().int().min(0).max(3),
  repeatWeight: z.number().int().min(0).max(3),
});

/**
 * Alike in career stage (people share experience), mixed in sector and function (they learn from
 * each other), topics a little alike; one organization never twice in a circle, at most one "if
 * need be" per circle.
 */
export const DEFAULT_RULES: ProgramRules = {
  fields: {
    stage: { mode: 'alike', weight: 2 },
    sector: { mode: 'mix', weight: 2 },
    role: { mode: 'mix', weight: 1 },
    topics: { mode: 'alike', weight: 1 },
  },
  separateOrganizations: true,
  maxIfNeedBe: 1,
  wishWeight: 2,
  repeatWeight: 2,
};

/** What an organizer sets: everything a program is but its state. */
export interface ProgramInput {
  name: string;
  purpose: string;
  kind: ProgramKind;
  minSize: number;
  maxSize: number;
  rhythm: Rhythm;
  cycleMonths: number;
  timeZone: string;
  durationMinutes: number;
  candidates: CandidateTime[];
  deadline: Date;
  rules: ProgramRules;
  questions: Question[];
}

export interface Program extends ProgramInput {
  id: number;
  teamId: string;
  status: ProgramStatus;
  round: number;
  createdBy: string;
}

/** The kind of candidate time a rhythm takes: a weekday, or the nth weekday of the month. */
export function candidateKindFor(rhythm: Rhythm): CandidateTime['kind'] {
  return rhythm === 'monthly' ? 'monthly' : 'weekly';
}

/** What a person answers in the intake. */
export interface IntakeAnswers {
  stage: number;
  sector: Sector;
  organization: string;
  role: string;
  topics: string;
  goals: string;
  timeZone: string;
  /** By candidate key. */
  times: Record<string, Answer>;
  wishes: string[];
  avoid: string[];
  volunteer: boolean;
  /** The organizer's questions, by question id: one option (single) or several (multiple). */
  answers: Record<string, string[]>;
}

export const timesSchema = z.record(z.string().max(200), z.enum(ANSWERS));
export const questionAnswersSchema = z.record(z.string().regex(/^q[1-5]$/), z.array(z.string().max(OPTION_MAX)).max(MAX_OPTIONS));

/** One person's row: joined, maybe finished. */
export interface Intake {
  userId: string;
  joinedAt: Date;
  submittedAt: Date | null;
  /** Null until the intake is submitted once. */
  answers: IntakeAnswers | null;
}

/** Whether people may still join, and still change their answers. */
export function canJoin(program: Pick<Program, 'status' | 'deadline'>, now: Date): boolean {
  return program.status === 'recruiting' && now < program.deadline;
}

/** Answers stay editable until the organizer confirms the circles. */
export function canEditIntake(program: Pick<Program, 'status'>): boolean {
  return program.status !== 'formed';
}

const ORGANIZATION_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'nv',
  'co',
  'corp',
  'corporation',
  'company',
  'the',
]);

/**
 * An organization as the one-organization rule compares it: case, accents, punctuation, "The"
 * and legal suffixes ("Inc.", "Ltd", "GmbH") do not make two organizations different. "" when
 * nothing is left (the rule then ignores the person).
 */
export function normaliseOrganization(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w !== '');
  while (words.length > 1 && words[0] === 'the') words.shift();
  while (words.length > 1 && ORGANIZATION_SUFFIXES.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** A free-text answer as a category: case and spacing aside ("Policy " and "policy" are one). */
export function normaliseCategory(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Topics typed as a list ("AI, policy; leadership") as a set of tags. */
export function topicTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]+/)
        .map(normaliseCategory)
        .filter((t) => t !== ''),
    ),
  ];
}

/** Keys of the program's candidate times, in the organizer's order. */
export function candidateKeys(program: Pick<Program, 'candidates'>): string[] {
  return program.candidates.map(candidateKey);
}

/** The stored list of candidate times, read strictly; undefined if it does not fit. */
export function parseCandidates(raw: unknown): CandidateTime[] | undefined {
  const parsed = candidateListSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export const durationSchema = z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES);

// ---------------------------------------------------------------------------------------------
// What buttons and modals carry

export const programRef = z.object({ programId: z.number().int().positive() });
export type ProgramRef = z.infer<typeof programRef>;
