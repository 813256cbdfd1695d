import type { Selectable } from 'kysely';
import type { CirclesTable } from '../db/types';
import { WorkspaceCache } from '../core/workspaceCache';

/**
 * The workspace's open circles and their places, as `/circle list` shows them. A list request
 * answers inside its ack, and a burst of them (a launch announcement, say) would otherwise each take a
 * database connection for the same answer. store.ts calls `directoryChanged` on every write to
 * circles or memberships, so a person who joins and then lists sees their own join; another
 * replica's change (or one read while a transaction was still open) shows within DIRECTORY_TTL_MS.
 */
export const DIRECTORY_TTL_MS = 5_000;

/** One open circle in the list, with how many places are taken and how many wait. */
export interface ListEntry {
  circle: Selectable<CirclesTable>;
  placesTaken: number;
  waitlisted: number;
}

/** The open circles and their places: the same for everyone in the workspace (each reader's own place is added per request). */
export const directory = new WorkspaceCache<ListEntry[]>(DIRECTORY_TTL_MS);

export function directoryChanged(teamId: string): void {
  directory.invalidate(teamId);
}
