import type { KnownBlock } from '@slack/types';
import type { SessionRow } from './store';

/**
 * What sessions asks of the features built on it (check-ins), which it must not import:
 * composition.ts fills these in. Each is optional, so sessions works alone in tests.
 */

/** Blocks added under a session's agenda post, each time it is posted or redrawn (facilitators' buttons, say). */
export type AgendaExtras = (session: SessionRow) => KnownBlock[];

/** How many were there, of how many whose attendance is known. */
export interface AttendanceCount {
  present: number;
  recorded: number;
}

/** Attendance per past session, for the schedule; a session missing from the map has none recorded. */
export type AttendanceCounts = (teamId: string, sessionIds: number[]) => Promise<Map<number, AttendanceCount>>;

/** Buttons for one session that has taken place (take attendance, share notes), under the given block id. */
export type HeldSessionTools = (session: SessionRow, blockId: string) => KnownBlock[];

export interface SessionPorts {
  agendaExtras?: AgendaExtras;
  heldSessionTools?: HeldSessionTools;
  attendanceCounts?: AttendanceCounts;
}

export const noAgendaExtras: AgendaExtras = () => [];
