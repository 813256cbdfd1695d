/**
 * The lead times a circle can choose. A fixed menu keeps the planner's work per pass to one
 * narrow range scan per lead (it never has to look at every circle to learn which leads exist),
 * and migration 0003 holds the stored values to it.
 */
export const REMINDER_LEADS: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 10080, label: 'A week before' },
  { minutes: 4320, label: '3 days before' },
  { minutes: 1440, label: 'A day before' },
  { minutes: 120, label: '2 hours before' },
  { minutes: 60, label: 'An hour before' },
  { minutes: 15, label: '15 minutes before' },
];

export const AGENDA_LEADS: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 2880, label: '2 days before' },
  { minutes: 1440, label: 'A day before' },
  { minutes: 720, label: '12 hours before' },
  { minutes: 120, label: '2 hours before' },
];
