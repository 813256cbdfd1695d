import type { Weekday } from '../time/weekday';
import { type Answer, type AnswersByKey, DEFAULT_MAX_IF_NEED_BE, canCome, everyoneCanMake } from './answers';
import { type CandidateTime, candidateKey } from './candidateTime';
import { type DateRange, type LocalMeeting, localMeetings } from './localMeetings';
import { type Outside, outsideSpan } from './workingHours';

/** A member of the group being asked: their zone and their answers by candidate key. */
export interface Participant {
  id: string;
  timeZone: string;
  answers: AnswersByKey;
}

/** The local time furthest outside 09:00-18:00 that anyone in the group would have a meeting at. */
export interface WorstLocalTime {
  /** Everyone whose own worst meeting is this bad, at this local time. */
  memberIds: string[];
  timeZone: string;
  weekday: Weekday;
  localTime: string;
  /** The first meeting in the range at this time, on that person's date. */
  date: string;
  outside: Outside;
}

export interface RankedCandidate {
  candidate: CandidateTime;
  key: string;
  /** Member ids, in the order the members were given. */
  yes: string[];
  ifNeedBe: string[];
  no: string[];
  unanswered: string[];
  /** Who can come: yes or if need be. */
  canCome: number;
  /** Null only when the group is empty or the candidate has no meeting in the range. */
  worst: WorstLocalTime | null;
  /** Everyone can come, with no more if-need-be than the cap. */
  suitsEveryone: boolean;
}

export interface RankingOptions {
  /** The most if-need-be answers a time may have and still suit everyone; DEFAULT_MAX_IF_NEED_BE unless given. */
  maxIfNeedBe?: number;
}

/**
 * Candidates best first: most who can come (yes or if need be), then fewest if need be, then the
 * fairest worst local time (the fewest minutes outside working hours for the worst-placed member,
 * over every meeting in the range, so a stretch that daylight saving makes worse counts), then the
 * order they were offered in. The worst time counts every member, answered or not: whoever comes,
 * the circle meets at that time for all of them.
 */
export function rankCandidates(
  candidates: readonly CandidateTime[],
  participants: readonly Participant[],
  range: DateRange,
  options: RankingOptions = {},
): RankedCandidate[] {
  const maxIfNeedBe = options.maxIfNeedBe ?? DEFAULT_MAX_IF_NEED_BE;
  const ranked = candidates.map((candidate, index) => ({ index, entry: rankOne(candidate, participants, range, maxIfNeedBe) }));
  ranked.sort(
    (a, b) =>
      b.entry.canCome - a.entry.canCome ||
      a.entry.ifNeedBe.length - b.entry.ifNeedBe.length ||
      (a.entry.worst?.outside.minutes ?? 0) - (b.entry.worst?.outside.minutes ?? 0) ||
      a.index - b.index,
  );
  return ranked.map((r) => r.entry);
}

function rankOne(
  candidate: CandidateTime,
  participants: readonly Participant[],
  range: DateRange,
  maxIfNeedBe: number,
): RankedCandidate {
  const key = candidateKey(candidate);
  const byAnswer: Record<Answer | 'unanswered', string[]> = { yes: [], ifneedbe: [], no: [], unanswered: [] };
  for (const p of participants) byAnswer[p.answers[key] ?? 'unanswered'].push(p.id);
  const answers = participants.map((p) => p.answers[key]);
  return {
    candidate,
    key,
    yes: byAnswer.yes,
    ifNeedBe: byAnswer.ifneedbe,
    no: byAnswer.no,
    unanswered: byAnswer.unanswered,
    canCome: answers.filter(canCome).length,
    worst: worstLocalTime(candidate, participants, range),
    suitsEveryone: participants.length > 0 && everyoneCanMake(answers, maxIfNeedBe),
  };
}

/**
 * The worst local time anyone in the group gets at a candidate over the range. Ties go to the
 * member given first, and to their earliest meeting.
 */
export function worstLocalTime(
  candidate: CandidateTime,
  people: ReadonlyArray<{ id: string; timeZone: string }>,
  range: DateRange,
): WorstLocalTime | null {
  const byZone = new Map<string, { meeting: LocalMeeting; outside: Outside } | null>();
  for (const { timeZone } of people) {
    if (!byZone.has(timeZone))
      byZone.set(timeZone, worstMeeting(localMeetings(candidate, timeZone, range), candidate.durationMinutes));
  }
  let worst: WorstLocalTime | null = null;
  for (const person of people) {
    const own = byZone.get(person.timeZone);
    if (!own) continue;
    if (worst === null || own.outside.minutes > worst.outside.minutes) {
      const { weekday, localTime, date } = own.meeting;
      worst = { memberIds: [person.id], timeZone: person.timeZone, weekday, localTime, date, outside: own.outside };
    } else if (own.outside.minutes === worst.outside.minutes && own.meeting.localTime === worst.localTime) {
      worst.memberIds.push(person.id);
    }
  }
  return worst;
}

function worstMeeting(
  meetings: readonly LocalMeeting[],
  durationMinutes: number,
): { meeting: LocalMeeting; outside: Outside } | null {
  let worst: { meeting: LocalMeeting; outside: Outside } | null = null;
  for (const meeting of meetings) {
    const outside = outsideSpan(meeting.minute, durationMinutes);
    if (worst === null || outside.minutes > worst.outside.minutes) worst = { meeting, outside };
  }
  return worst;
}
