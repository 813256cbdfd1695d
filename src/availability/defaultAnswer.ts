import type { Answer } from './answers';
import type { CandidateTime } from './candidateTime';
import { type DateRange, localMeetings } from './localMeetings';
import { type HoursFit, hoursFit } from './workingHours';

const ANSWER_FOR: Record<HoursFit, Answer> = { inside: 'yes', stretch: 'ifneedbe', outside: 'no' };
// Worse first, so a tie between two fits goes to the less available answer.
const FITS: readonly HoursFit[] = ['outside', 'stretch', 'inside'];

/**
 * The answer someone would likely give from their working hours alone: yes inside 09:00-18:00 on a
 * working day of their own, if need be from 07:00 or until 21:00, no otherwise (weekends included).
 * Judged meeting by meeting over the range, the fit most meetings have wins, ties to the less
 * available one; no meeting in the range is a no. For demo data and test generators, never for a
 * real person's answer.
 */
export function defaultAnswer(candidate: CandidateTime, timeZone: string, range: DateRange): Answer {
  const counts: Record<HoursFit, number> = { inside: 0, stretch: 0, outside: 0 };
  for (const m of localMeetings(candidate, timeZone, range))
    counts[hoursFit(m.weekday, m.minute, candidate.durationMinutes)] += 1;
  let best: HoursFit = 'outside';
  for (const fit of FITS) if (counts[fit] > counts[best]) best = fit;
  return ANSWER_FOR[best];
}
