import { parseDate, weekdayOf } from './calendarDate';
import { type Weekday, weekdayLabel } from './weekday';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date in words ("Mon 4 Jan 2027"). Cycle dates are dates, not instants, so they are
 * the same for every reader and need no `<!date>` token.
 */
export function formatDay(date: string): string {
  const { year, month, day } = parseDate(date);
  return `${weekdayShort(weekdayOf(date))} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** A date without its year ("26 Oct"), for spans within the coming months where the year goes without saying. */
export function formatDayMonth(date: string): string {
  const { month, day } = parseDate(date);
  return `${day} ${MONTHS[month - 1]}`;
}

/** A weekday's three-letter English name ("Tue"). */
export function weekdayShort(weekday: Weekday): string {
  return weekdayLabel(weekday).slice(0, 3);
}

/**
 * The place an IANA zone is named for ("America/New_York" -> "New York"): what people call a
 * zone ("Tue 09:00 New York"). Intl's names ("Eastern Standard Time") change with daylight saving
 * and do not name the city the organizer picked.
 */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').at(-1) ?? timeZone;
  return last.replace(/_/g, ' ');
}
