import { formatDayMonth, weekdayShort, zoneCity } from '../time/format';
import { type CandidateTime, candidateLabel, ordinalLabel } from './candidateTime';
import type { LocalSlot, ViewerException, ViewerTime } from './viewerTime';

/**
 * A candidate in the person's own zone, in words: "Tue 15:00 for you; 14:00 from 26 Oct to 1 Nov".
 * A weekly candidate's stretches are given as date spans, since a meeting may fall in any week of
 * them; a monthly one's as the meeting dates themselves. Plain text: the caller escapes or marks up.
 */
export function viewerTimeInWords(c: CandidateTime, view: ViewerTime): string {
  return [usualSlot(c, view.usual), ...view.exceptions.map((e) => exception(c, view.usual, e))].join('; ');
}

/**
 * A candidate in its anchor zone and, unless the person is in that zone, in theirs:
 * "Tue 09:00 New York: Tue 15:00 for you; 14:00 from 26 Oct to 1 Nov".
 */
export function candidateInWordsFor(c: CandidateTime, view: ViewerTime): string {
  const anchor = `${candidateLabel(c)} ${zoneCity(c.timeZone)}`;
  return view.timeZone === c.timeZone ? anchor : `${anchor}: ${viewerTimeInWords(c, view)}`;
}

function usualSlot(c: CandidateTime, slot: LocalSlot): string {
  const day = weekdayShort(slot.weekday);
  if (c.kind === 'weekly') return `${day} ${slot.localTime} for you`;
  const nthDay = `${ordinalLabel(c.nth)} ${weekdayShort(c.weekday)}`;
  if (slot.dayShift === 0) return `${nthDay} ${slot.localTime} for you`;
  // The 2nd Tuesday in New York need not be the 2nd Wednesday in Sydney, so say which day it follows.
  return `${day} ${slot.localTime} for you (${daysFrom(slot.dayShift)} the ${nthDay})`;
}

function exception(c: CandidateTime, usual: LocalSlot, e: ViewerException): string {
  const time = e.weekday === usual.weekday ? e.localTime : `${weekdayShort(e.weekday)} ${e.localTime}`;
  if (c.kind === 'monthly') return `${time} on ${list(e.meetings.map(formatDayMonth))}`;
  return e.from === e.to
    ? `${time} on ${formatDayMonth(e.from)}`
    : `${time} from ${formatDayMonth(e.from)} to ${formatDayMonth(e.to)}`;
}

function daysFrom(shift: number): string {
  if (shift === 1) return 'the day after';
  if (shift === -1) return 'the day before';
  return shift > 0 ? `${shift} days after` : `${-shift} days before`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
