import type { Kysely, Transaction } from 'kysely';
import type { CandidateTime } from '../../availability';
import type { Database } from '../../db/types';
import type { Instance } from '../formation/types';

type Conn = Kysely<Database> | Transaction<Database>;

/** One candidate meeting time of a program: the id answers and arrangements refer to, and the time itself. */
export interface ProgramTime {
  id: string;
  candidate: CandidateTime;
}

/** A program as forming its circles needs it. */
export interface FormProgram {
  id: number;
  teamId: string;
  name: string;
  purpose: string;
  kind: 'circles' | 'pairs';
  times: ProgramTime[];
  /** The circles' rhythm: every 1 or 2 weeks (weekly times) or months (monthly times). */
  every: 1 | 2;
  /** The cycle the circles start with: its first day (YYYY-MM-DD, or the day after confirming when unset) and length. */
  cycle: { startDate: string | null; lengthMonths: number };
  minSize: number;
  maxSize: number;
  formedAt: Date | null;
}

/** How one matching field reads in the reasons: its label and the words for its values. */
export interface FieldWords {
  key: string;
  label: string;
  /** A mixed field that reads as the bare list ("government, business and academia") rather than "sector: …". */
  bare?: boolean;
  /** "all mid-career": the word for a value (an ordinal level, a category, a tag). */
  value(v: string | number): string;
}

/** What forming reads: the program, the solver's input from its finished intakes, and who never finished. */
export interface FormationSource {
  program: FormProgram;
  instance: Instance;
  fields: FieldWords[];
  /** People who joined but did not finish the intake: not in the instance, never left silent. */
  unfinished: string[];
}

/**
 * What forming needs from the programs feature (composition fills it): a program by name, its
 * formation input, and marking it formed in the same transaction as the circles are created, so
 * intakes stop being editable exactly when the circles exist.
 */
export interface ProgramsPort {
  /** The program named (or, without a name, the workspace's only unformed one); an AppError saying why not. */
  findProgram(db: Conn, teamId: string, name: string | null): Promise<FormProgram>;
  formationSource(db: Conn, teamId: string, programId: number): Promise<FormationSource>;
  /** The groups formed, each with its circle, and the program marked formed: in Confirm's transaction. */
  markFormed(
    trx: Transaction<Database>,
    teamId: string,
    programId: number,
    groups: Array<{ members: string[]; circleId: number }>,
    now: Date,
  ): Promise<void>;
}
