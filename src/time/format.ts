import { parseDate, weekdayOf } from './calendarDate';
import { weekdayLabel } from './weekday';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date in words ("Mon 4 Jan 2027"). Cycle dates are dates, not instants, so they are
 * the same for every reader and need no `<!date>` token.
 */
export function formatDay(date: string): string {
  const { year, month, day } = parseDate(date);
  return `${weekdayLabel(weekdayOf(date)).slice(0, 3)} ${day} ${MONTHS[month - 1]} ${year}`;
}
