import { randomBytes } from 'node:crypto';
import { AppError, ErrorCode } from '../core/errors';
import type { Db } from '../db/database';
import type { PersonalData, PersonalPart } from '../privacy/personalData';

/** What every feature keeps about the person. */
export async function describePerson(db: Db, parts: PersonalData[], teamId: string, userId: string): Promise<PersonalPart[]> {
  const all: PersonalPart[] = [];
  for (const p of parts) all.push(...(await p.describe(db, teamId, userId)));
  return all.filter((p) => p.lines.length > 0);
}

/** The person's first reason not to be forgotten yet, or null. */
export async function forgetBlocker(db: Db, parts: PersonalData[], teamId: string, userId: string): Promise<string | null> {
  for (const p of parts) {
    const reason = (await p.blocker?.(db, teamId, userId)) ?? null;
    if (reason) return reason;
  }
  return null;
}

/**
 * Erases the person from every feature in one transaction: all of it or nothing. The alias is
 * random and kept nowhere beside the person's id, so what remains counts them without naming them.
 */
export async function forgetPerson(db: Db, parts: PersonalData[], teamId: string, userId: string): Promise<void> {
  const reason = await forgetBlocker(db, parts, teamId, userId);
  if (reason) throw new AppError(ErrorCode.Invalid, reason);
  const alias = `forgotten-${randomBytes(6).toString('hex')}`;
  await db.transaction().execute(async (trx) => {
    for (const p of parts) await p.forget(trx, teamId, userId, alias);
  });
}
