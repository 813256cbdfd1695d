import type { Migration } from 'kysely';
import * as m0001 from './0001_initial_schema';

/**
 * Every migration, in order. A static list (rather than reading the folder at run time) works
 * the same from TypeScript sources, compiled output and the test runner.
 * Landed migrations are never edited: add a new file instead.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial_schema': m0001,
};
