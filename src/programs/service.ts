import type { CandidateTime } from '../availability';
import { AppError, ErrorCode } from '../core/errors';
import { escapeMrkdwn } from '../core/text';
import type { Db } from '../db/database';
import type { Transaction } from 'kysely';
import type { Database, ProgramStatus } from '../db/types';
import { toFormationInput } from './formationInput';
import { type Arrangement as PairArrangement, type MatchInput, matchPairs } from '../pairs/matching';
import { toPairsInput } from './pairsInput';
import type { Instance } from './formation/types';
import {
  candidateKeys,
  canEditIntake,
  canJoin,
  type Intake,
  type IntakeAnswers,
  normaliseOrganization,
  type Program,
  type ProgramInput,
  parseCandidates,
  questionAnswersSchema,
  questionsSchema,
  rulesSchema,
  SECTORS,
  type Sector,
  timesSchema,
} from './model';
import {
  findIntake,
  findProgram,
  findProgramByName,
  groupsOf,
  insertGroups,
  insertIntake,
  insertProgram,
  type IntakeRow,
  intakesOf,
  intakesOfPerson,
  lockProgram,
  type ProgramRow,
  programsOf,
  setStatus,
  updateIntake,
  updateProgramRow,
} from './store';

/**
 * Programs' use cases: create and edit a program, join it, save an intake, and what formation
 * reads (the program's people as the solver's contract types) and writes back (circles formed,
 * the intake closed). No Slack types: listeners turn these facts into words.
 */

export function toProgram(row: ProgramRow): Program {
  const candidates = parseCandidates(row.candidates);
  const rules = rulesSchema.safeParse(row.rules);
  const questions = questionsSchema.safeParse(row.questions);
  if (!candidates || !rules.success || !questions.success) {
    throw new Error(`Program ${row.id} has a stored form that does not parse`);
  }
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    purpose: row.purpose,
    kind: row.kind,
    minSize: row.min_size,
    maxSize: row.max_size,
    rhythm: row.rhythm,
    cycleMonths: row.cycle_months,
    timeZone: row.time_zone,
    durationMinutes: row.duration_minutes,
    candidates,
    deadline: row.intake_deadline,
    rules: rules.data,
    questions: questions.data,
    status: row.status,
    round: row.round,
    createdBy: row.created_by,
  };
}

export function toIntake(row: IntakeRow): Intake {
  if (row.submitted_at === null) return { userId: row.user_id, joinedAt: row.joined_at, submittedAt: null, answers: null };
  const times = timesSchema.safeParse(row.times);
  const answers = questionAnswersSchema.safeParse(row.answers);
  return {
    userId: row.user_id,
    joinedAt: row.joined_at,
    submittedAt: row.submitted_at,
    answers: {
      stage: row.stage ?? 0,
      sector: (SECTORS as readonly string[]).includes(row.sector ?? '') ? (row.sector as Sector) : 'other',
      organization: row.organization ?? '',
      role: row.role ?? '',
      topics: row.topics ?? '',
      goals: row.goals ?? '',
      timeZone: row.time_zone ?? 'UTC',
      times: times.success ? times.data : {},
      wishes: row.wishes,
      avoid: row.avoid,
      volunteer: row.volunteer,
      answers: answers.success ? answers.data : {},
    },
  };
}

function programColumns(input: ProgramInput) {
  return {
    name: input.name,
    purpose: input.purpose,
    kind: input.kind,
    min_size: input.minSize,
    max_size: input.maxSize,
    rhythm: input.rhythm,
    cycle_months: input.cycleMonths,
    time_zone: input.timeZone,
    duration_minutes: input.durationMinutes,
    candidates: JSON.stringify(input.candidates),
    intake_deadline: input.deadline,
    rules: JSON.stringify(input.rules),
    questions: JSON.stringify(input.questions),
  };
}

function nameTaken(name: string): AppError {
  return new AppError(ErrorCode.Conflict, `There is already a program called *${escapeMrkdwn(name)}*: choose another name.`);
}

export async function createProgram(db: Db, teamId: string, input: ProgramInput, createdBy: string, now: Date): Promise<Program> {
  return db.transaction().execute(async (trx) => {
    if (await findProgramByName(trx, teamId, input.name)) throw nameTaken(input.name);
    const row = await insertProgram(trx, {
      team_id: teamId,
      ...programColumns(input),
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
    return toProgram(row);
  });
}

/** Changes a program's settings; people's answers to times that stay keep, answers to times removed are ignored. */
export async function updateProgram(db: Db, teamId: string, programId: number, input: ProgramInput, now: Date): Promise<Program> {
  return db.transaction().execute(async (trx) => {
    const current = await lockProgram(trx, teamId, programId);
    if (!current) throw programGone();
    if (current.status === 'formed') {
      throw new AppError(
        ErrorCode.Conflict,
        `*${escapeMrkdwn(current.name)}* has formed its circles: its settings can no longer change.`,
      );
    }
    const other = await findProgramByName(trx, teamId, input.name);
    if (other && other.id !== programId) throw nameTaken(input.name);
    const row = await updateProgramRow(trx, teamId, programId, { ...programColumns(input), updated_at: now });
    if (!row) throw programGone();
    return toProgram(row);
  });
}

/** Settings of a program whose circles are confirmed no longer change. */
export function formedSettings(program: { name: string }): AppError {
  return new AppError(
    ErrorCode.Conflict,
    `*${escapeMrkdwn(program.name)}* has formed its circles: its settings can no longer change.`,
  );
}

function programGone(): AppError {
  return new AppError(ErrorCode.NotFound, 'That program no longer exists.');
}

export async function requireProgram(db: Db, teamId: string, programId: number): Promise<Program> {
  const row = await findProgram(db, teamId, programId);
  if (!row) throw programGone();
  return toProgram(row);
}

export async function programByName(db: Db, teamId: string, name: string): Promise<Program | undefined> {
  const row = await findProgramByName(db, teamId, name);
  return row ? toProgram(row) : undefined;
}

export async function listPrograms(db: Db, teamId: string): Promise<Program[]> {
  return (await programsOf(db, teamId)).map(toProgram);
}

export interface IntakeCounts {
  joined: number;
  submitted: number;
}

export async function intakeCounts(db: Db, teamId: string, programId: number): Promise<IntakeCounts> {
  const rows = await intakesOf(db, teamId, programId);
  return { joined: rows.length, submitted: rows.filter((r) => r.submitted_at !== null).length };
}

/**
 * A person joins a program (from its post, an invitation, or the home): once joined, their intake
 * stays theirs to finish or change until the circles are confirmed. Joining again is harmless.
 */
export async function joinProgram(
  db: Db,
  teamId: string,
  programId: number,
  userId: string,
  now: Date,
): Promise<{ program: Program; intake: Intake; joined: boolean }> {
  const program = await requireProgram(db, teamId, programId);
  const existing = await findIntake(db, teamId, programId, userId);
  if (existing) {
    if (!canEditIntake(program)) throw formedError(program);
    return { program, intake: toIntake(existing), joined: false };
  }
  if (!canJoin(program, now)) {
    throw new AppError(
      ErrorCode.Conflict,
      program.status === 'recruiting'
        ? `The intake for *${escapeMrkdwn(program.name)}* closed on <!date^${Math.floor(program.deadline.getTime() / 1000)}^{date_long}|${program.deadline.toISOString().slice(0, 10)}>: ask an organizer about the next round.`
        : `*${escapeMrkdwn(program.name)}* is no longer taking people: ask an organizer about the next round.`,
    );
  }
  const joined = await insertIntake(db, teamId, programId, userId, now);
  const row = await findIntake(db, teamId, programId, userId);
  if (!row) throw programGone();
  return { program, intake: toIntake(row), joined };
}

function formedError(program: Program): AppError {
  return new AppError(
    ErrorCode.Conflict,
    `The circles of *${escapeMrkdwn(program.name)}* are confirmed: the intake can no longer change.`,
  );
}

/** The program and the person's intake, refusing when they never joined or the intake is closed for good. */
export async function intakeTarget(
  db: Db,
  teamId: string,
  programId: number,
  userId: string,
): Promise<{ program: Program; intake: Intake; others: string[] }> {
  const program = await requireProgram(db, teamId, programId);
  const rows = await intakesOf(db, teamId, programId);
  const mine = rows.find((r) => r.user_id === userId);
  if (!mine)
    throw new AppError(ErrorCode.NotFound, `You have not joined *${escapeMrkdwn(program.name)}*: press its Join button first.`);
  if (!canEditIntake(program)) throw formedError(program);
  return { program, intake: toIntake(mine), others: rows.filter((r) => r.user_id !== userId).map((r) => r.user_id) };
}

/** Saves a person's answers; true the first time they finish it. */
export async function saveIntake(
  db: Db,
  teamId: string,
  programId: number,
  userId: string,
  answers: IntakeAnswers,
  now: Date,
): Promise<{ program: Program; first: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Locked so a Confirm running at the same moment either sees this answer or refuses it.
    const row = await lockProgram(trx, teamId, programId);
    if (!row) throw programGone();
    const program = toProgram(row);
    if (!canEditIntake(program)) throw formedError(program);
    const before = await findIntake(trx, teamId, programId, userId);
    if (!before) throw new AppError(ErrorCode.NotFound, `You have not joined *${escapeMrkdwn(program.name)}*.`);
    await updateIntake(trx, teamId, programId, userId, {
      submitted_at: before.submitted_at ?? now,
      updated_at: now,
      stage: answers.stage,
      sector: answers.sector,
      organization: answers.organization,
      organization_key: normaliseOrganization(answers.organization) || null,
      role: answers.role,
      topics: answers.topics,
      goals: answers.goals,
      time_zone: answers.timeZone,
      times: JSON.stringify(answers.times),
      wishes: answers.wishes,
      avoid: answers.avoid,
      volunteer: answers.volunteer,
      answers: JSON.stringify(answers.answers),
    });
    return { program, first: before.submitted_at === null };
  });
}

/** People who joined and have not finished the intake. */
export async function unfinishedIntakes(db: Db, teamId: string, programId: number): Promise<string[]> {
  return (await intakesOf(db, teamId, programId)).filter((r) => r.submitted_at === null).map((r) => r.user_id);
}

/** What formation reads: the program, its candidate times by id, and its people as the solver's contract types. */
export interface FormationInput {
  program: Program;
  /** The candidate times by the ids `instance.times` and people's answers use (`availability/candidateKey`). */
  candidates: Array<{ id: string; time: CandidateTime }>;
  instance: Instance;
  /** Joined without finishing the intake: not in the instance. */
  unfinished: string[];
}

export async function formationInput(db: Db, teamId: string, programId: number): Promise<FormationInput> {
  const program = await requireProgram(db, teamId, programId);
  const rows = await intakesOf(db, teamId, programId);
  const groups = await groupsOf(db, teamId, programId);
  const finished = rows.filter((r) => r.submitted_at !== null);
  const instance = toFormationInput(
    program,
    finished.map((r) => ({ userId: r.user_id, organizationKey: r.organization_key, answers: toIntake(r).answers! })),
    groups.filter((g) => g.round < program.round).map((g) => g.members),
  );
  return {
    program,
    candidates: program.candidates.map((time, i) => ({ id: candidateKeys(program)[i]!, time })),
    instance,
    unfinished: rows.filter((r) => r.submitted_at === null).map((r) => r.user_id),
  };
}

/**
 * Closes the intake (no one joins; answers still change until Confirm) or marks the program
 * formed (nothing changes any more). A formed program stays formed.
 */
export async function setProgramStatus(
  db: Db,
  teamId: string,
  programId: number,
  status: ProgramStatus,
  now: Date,
): Promise<Program> {
  return db.transaction().execute(async (trx) => {
    const row = await lockProgram(trx, teamId, programId);
    if (!row) throw programGone();
    if (row.status === 'formed' && status !== 'formed') throw formedError(toProgram(row));
    const updated = await setStatus(trx, teamId, programId, status, now);
    return toProgram(updated ?? row);
  });
}

/**
 * What Confirm writes back: the circles (or pairs) this round formed, each with the circle made
 * for it, and the program marked formed, so the intake stops changing and a later round avoids
 * repeating these groups. Runs in the caller's transaction when given one.
 */
export async function recordFormed(
  db: Db,
  teamId: string,
  programId: number,
  groups: Array<{ members: string[]; circleId?: number | null }>,
  now: Date,
): Promise<Program> {
  const work = async (trx: Transaction<Database>) => {
    const row = await lockProgram(trx, teamId, programId);
    if (!row) throw programGone();
    if (row.status === 'formed') throw formedError(toProgram(row));
    await insertGroups(
      trx,
      groups.map((g) => ({
        team_id: teamId,
        program_id: programId,
        round: row.round,
        circle_id: g.circleId ?? null,
        members: g.members,
        formed_at: now,
      })),
    );
    const updated = await setStatus(trx, teamId, programId, 'formed', now);
    return toProgram(updated ?? row);
  };
  // Kysely opens no transaction inside another: Confirm's own is used as it is.
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/** The programs a person joined, newest last, and whether they finished each intake. */
export async function myPrograms(
  db: Db,
  teamId: string,
  userId: string,
): Promise<Array<{ program: Program; finished: boolean }>> {
  const rows = await intakesOfPerson(db, teamId, userId);
  const out: Array<{ program: Program; finished: boolean }> = [];
  for (const row of rows)
    out.push({ program: await requireProgram(db, teamId, row.program_id), finished: row.submitted_at !== null });
  return out;
}

/** Every program of the workspace, with its counts: the organizer's view (newest first). */
export async function organizerPrograms(db: Db, teamId: string): Promise<Array<{ program: Program; counts: IntakeCounts }>> {
  const out: Array<{ program: Program; counts: IntakeCounts }> = [];
  for (const program of (await listPrograms(db, teamId)).reverse())
    out.push({ program, counts: await intakeCounts(db, teamId, program.id) });
  return out;
}

/** A coaching-pairs program's people as the existing pair matcher reads them (the intake replaces the pairs survey). */
export async function pairsInput(
  db: Db,
  teamId: string,
  programId: number,
): Promise<{ program: Program; input: MatchInput; unfinished: string[] }> {
  const program = await requireProgram(db, teamId, programId);
  const rows = await intakesOf(db, teamId, programId);
  const finished = rows.filter((r) => r.submitted_at !== null);
  const input = toPairsInput(
    program,
    finished.map((r) => ({ userId: r.user_id, organizationKey: r.organization_key, answers: toIntake(r).answers! })),
    (await groupsOf(db, teamId, programId)).map((g) => ({ round: g.round, members: g.members })),
  );
  return { program, input, unfinished: rows.filter((r) => r.submitted_at === null).map((r) => r.user_id) };
}

/** The best pairs for a coaching-pairs program, from the exact pair matcher; the same seed, the same arrangement. */
export async function pairsArrangement(
  db: Db,
  teamId: string,
  programId: number,
  seed: string | number,
): Promise<PairArrangement> {
  const { program, input } = await pairsInput(db, teamId, programId);
  if (program.kind !== 'pairs') {
    throw new AppError(ErrorCode.Invalid, `*${escapeMrkdwn(program.name)}* forms circles, not coaching pairs.`);
  }
  return matchPairs(input, { seed });
}
