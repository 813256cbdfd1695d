import { pad2 } from '../time/calendarDate';
import { WEEKDAYS, type Weekday } from '../time/weekday';
import type { CandidateKind, CandidateTime, Nth } from './candidateTime';

/** What a typed time is read against: the circle's (or program's) kind, zone and length. */
export interface CandidateContext {
  kind: CandidateKind;
  timeZone: string;
  durationMinutes: number;
}

export type CandidateInputResult = { ok: true; candidate: CandidateTime } | { ok: false; error: string };

// Words people put around a time ("the 2nd Tuesday of the month at 9am") that carry nothing.
const FILLERS = new Set(['at', 'on', 'the', 'of', 'month', 'every', 'each']);

const ORDINAL_WORDS: Record<string, Nth> = {
  '1': 1,
  '1st': 1,
  first: 1,
  '2': 2,
  '2nd': 2,
  second: 2,
  '3': 3,
  '3rd': 3,
  third: 3,
  '4': 4,
  '4th': 4,
  fourth: 4,
  last: -1,
};
const FIFTH = new Set(['5', '5th', 'fifth']);

const TIME_PATTERN = /^(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?$/;

/**
 * Reads a time as people type it: "Tue 09:00", "tuesday 9am", "2nd Tue 17:30", "last Friday at
 * 4.30pm". The week of the month comes before the weekday and only for monthly circles. Errors are
 * written for the person and never quote the input back (the caller echoes it safely if it wants).
 */
export function parseCandidateInput(text: string, context: CandidateContext): CandidateInputResult {
  const tokens = text
    .toLowerCase()
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !FILLERS.has(t));
  let nth: Nth | undefined;
  let weekday: Weekday | undefined;
  const timeParts: string[] = [];
  for (const token of tokens) {
    if (weekday === undefined && nth === undefined && FIFTH.has(token)) {
      return fail('There is no 5th weekday in every month: choose the 1st to the 4th, or the last.');
    }
    const ordinal = weekday === undefined && nth === undefined ? ORDINAL_WORDS[token] : undefined;
    const day = weekdayFrom(token);
    if (ordinal !== undefined) nth = ordinal;
    else if (day !== undefined && weekday === undefined && timeParts.length === 0) weekday = day;
    else timeParts.push(token);
  }
  if (weekday === undefined) return fail('Start with a weekday, as in “Tue 09:00”.');
  if (context.kind === 'weekly' && nth !== undefined) {
    return fail('This circle meets every week or two: give a weekday and a time, as in “Tue 09:00”.');
  }
  if (context.kind === 'monthly' && nth === undefined) {
    return fail('This circle meets monthly: say which week of the month, as in “2nd Tue 09:00” or “last Fri 16:30”.');
  }
  const localTime = timeFrom(timeParts.join(''));
  if (localTime === undefined) return fail('Give the time as HH:MM on a 24-hour clock, as in 09:00 or 17:30.');
  const base = { weekday, localTime, timeZone: context.timeZone, durationMinutes: context.durationMinutes };
  return { ok: true, candidate: nth === undefined ? { kind: 'weekly', ...base } : { kind: 'monthly', nth, ...base } };
}

function fail(error: string): CandidateInputResult {
  return { ok: false, error };
}

/** A weekday from its name or any unambiguous start of it of two letters or more ("tu", "thurs"), or "weds". */
function weekdayFrom(token: string): Weekday | undefined {
  if (token === 'weds') return 'wednesday';
  if (token.length < 2) return undefined;
  const matches = WEEKDAYS.filter((d) => d.startsWith(token));
  return matches.length === 1 ? matches[0] : undefined;
}

/** "9", "09:00", "9.30", "9h30", "9am", "4:30pm" as HH:MM; undefined for anything else. */
function timeFrom(text: string): string | undefined {
  const m = TIME_PATTERN.exec(text);
  if (m === null) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3];
  if (minute > 59) return undefined;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23) return undefined;
  return `${pad2(hour)}:${pad2(minute)}`;
}
