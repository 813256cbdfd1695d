/** Monday-first, matching ISO 8601, so a weekday's index is its ISO day number minus one. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

export function weekdayIndex(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday);
}

export function weekdayAt(index: number): Weekday {
  const weekday = WEEKDAYS[((index % 7) + 7) % 7];
  if (weekday === undefined) throw new RangeError(`No weekday at index ${index}`);
  return weekday;
}

export function weekdayLabel(weekday: Weekday): string {
  return weekday.charAt(0).toUpperCase() + weekday.slice(1);
}
