import type { CandidateTime } from '../../src/availability';
import { DEFAULT_RULES, type IntakeAnswers, type ProgramInput } from '../../src/programs/model';
import { candidateKey } from '../../src/availability';

/** Tue 09:00 and Thu 16:00 New York, an hour each: the example. */
export const NEW_YORK_TIMES: CandidateTime[] = [
  { kind: 'weekly', weekday: 'tuesday', localTime: '09:00', timeZone: 'America/New_York', durationMinutes: 60 },
  { kind: 'weekly', weekday: 'thursday', localTime: '16:00', timeZone: 'America/New_York', durationMinutes: 60 },
];

export function programInput(overrides: Partial<ProgramInput> = {}): ProgramInput {
  return {
    name: 'Fellows 2027',
    purpose: 'Alumni learning from each other',
    kind: 'circles',
    minSize: 6,
    maxSize: 8,
    rhythm: 'weekly',
    cycleMonths: 6,
    timeZone: 'America/New_York',
    durationMinutes: 60,
    candidates: NEW_YORK_TIMES,
    deadline: new Date('2027-01-15T23:00:00Z'),
    rules: DEFAULT_RULES,
    questions: [{ id: 'q1', text: 'Favourite format?', multiple: false, options: ['Talk', 'Walk'] }],
    ...overrides,
  };
}

export function intakeAnswers(overrides: Partial<IntakeAnswers> = {}): IntakeAnswers {
  const [tue, thu] = NEW_YORK_TIMES.map(candidateKey) as [string, string];
  return {
    stage: 2,
    sector: 'government',
    organization: 'City of Boston',
    role: 'Policy',
    topics: 'housing, transit',
    goals: 'Lead better',
    timeZone: 'America/New_York',
    times: { [tue]: 'yes', [thu]: 'ifneedbe' },
    wishes: [],
    avoid: [],
    volunteer: false,
    answers: { q1: ['Walk'] },
    ...overrides,
  };
}
