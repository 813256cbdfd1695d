import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/types';

/**
 * How a feature declares the personal data it keeps, so `/circle me` and `/circle forget-me` cover
 * every feature without knowing any: each one says what it holds about a person and how to erase
 * it. Composition lists them, in the order erasure runs.
 */
export interface PersonalPart {
  title: string;
  /** Plain text, escaped where shown: they quote what the person typed. */
  lines: string[];
  /**
   * The lines are Slack markup instead (mentions of the people named), with every typed part
   * already escaped by the feature that wrote them.
   */
  markup?: boolean;
}

export interface PersonalData {
  name: string;
  /** What this feature keeps about the person, as they would read it. */
  describe(db: Db, teamId: string, userId: string): Promise<PersonalPart[]>;
  /** Why the person cannot be forgotten yet (they still hold a place somewhere), or null. */
  blocker?(db: Db, teamId: string, userId: string): Promise<string | null>;
  /**
   * Erases the person's answers and personal fields. Where a row must stay so that counts still
   * add up (an attendance, a check-in), `alias` stands in for their id: it names nobody.
   */
  forget(trx: Transaction<Database>, teamId: string, userId: string, alias: string): Promise<void>;
}
