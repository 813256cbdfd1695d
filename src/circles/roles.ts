import type { Db } from '../db/database';
import { AppError, ErrorCode } from '../errors';
import { isOrganizer, type Person } from '../people/service';
import { type CircleRow, findMembership } from './store';

export async function isFacilitator(db: Db, circle: CircleRow, userId: string): Promise<boolean> {
  const m = await findMembership(db, circle.team_id, circle.id, userId);
  return Boolean(m && m.role === 'facilitator' && m.status !== 'left');
}

/** Facilitators of the circle and organizers may change it; everyone else is told so. */
export async function assertCanManage(
  db: Db,
  circle: CircleRow,
  person: Person,
  organizers: readonly string[],
  what: string,
): Promise<void> {
  if (isOrganizer(person, organizers)) return;
  if (await isFacilitator(db, circle, person.userId)) return;
  throw new AppError(
    ErrorCode.Forbidden,
    `Only the facilitators of *${circle.name}* and organizers can ${what}. Nothing was changed.`,
  );
}

export function assertOrganizer(person: Person, organizers: readonly string[], what: string): void {
  if (!isOrganizer(person, organizers)) {
    throw new AppError(
      ErrorCode.Forbidden,
      `Only organizers (workspace admins and owners, and people the app names) can ${what}. Nothing was changed.`,
    );
  }
}
