import type { Conn } from '../db/database';

/**
 * What circles needs from the features built on it (sessions, calendar), which it must not import:
 * composition.ts wires the real ones. Each has a harmless default so circles works alone in tests.
 */
export interface CirclePorts {
  /** Whether the circle has met (a session began): then its kind can no longer change. */
  hasMet(db: Conn, teamId: string, circleId: number, now: Date): Promise<boolean>;
  /** A circle's settings were saved (created or edited): its sessions follow the new cadence and cycle. */
  settingsSaved(teamId: string, circleId: number, now: Date): Promise<void>;
  /** A person's private calendar link, for the welcome message; null when there is none to give. */
  /** Null or undefined: no link to show (see calendar/home). */
  calendarUrl(teamId: string, userId: string): Promise<string | null | undefined>;
  /** The next meeting of each circle, for the App Home. */
  nextMeetings(teamId: string, circleIds: number[], now: Date): Promise<Map<number, Date>>;
  /** Upcoming sessions where this person leads the warm-up, by circle, for the App Home. */
  warmupTurns(teamId: string, userId: string, now: Date): Promise<Map<number, Date>>;
}

export const noCirclePorts: CirclePorts = {
  hasMet: async () => false,
  settingsSaved: async () => undefined,
  calendarUrl: async () => null,
  nextMeetings: async () => new Map(),
  warmupTurns: async () => new Map(),
};
