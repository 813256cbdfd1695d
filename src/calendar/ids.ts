/** Slack ids of the calendar feature, shared by registration, block builders and tests. */
export const CalendarActions = {
  /** Replaces the person's feed token; value is ignored. */
  revoke: 'calendar_revoke',
} as const;
