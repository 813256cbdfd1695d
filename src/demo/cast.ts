import { CHANNELS, USERS } from '../sandbox';

/**
 * Who plays whom in the demo. The emulator's seeded workspace already has the people: an owner
 * (an organizer for the app), an admin and twelve members in four time zones (Los Angeles,
 * New York, London, Kolkata).
 */
export const CAST = {
  organizer: USERS.owner,
  facilitators: [USERS.ana, USERS.chloe],
  /** Six who join the tour's circle: three with the Join button, three by typing the command. */
  joinByButton: [USERS.ben, USERS.dev, USERS.elena],
  joinByCommand: [USERS.farid, USERS.grace, USERS.isha],
  pauser: USERS.farid,
  agendaAuthor: USERS.elena,
  /** In Kolkata, far from the circle's London time, so the reminder shows a different hour. */
  farAway: USERS.dev,
  general: CHANNELS.general,
} as const;

/** Shown beside names in the page's person switcher. */
export const TITLES: Record<string, string> = {
  [USERS.owner]: 'Organizer',
  [USERS.admin]: 'Workspace admin',
  [USERS.ana]: 'Facilitator',
  [USERS.chloe]: 'Facilitator',
};
