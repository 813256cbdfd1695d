import { canCome, candidateKey, rangeFrom, viewerTime } from '../availability';
import type { MatchInput, Participant, TimeSlot } from '../pairs/matching';
import { todayIn } from '../time/zonedTime';
import { offsetMs } from '../time/zonedTime';
import type { FinishedIntake } from './formationInput';
import { type Program, topicTags } from './model';

/** Where a local start falls in the pair matcher's three slots of the day. */
function slotOf(localTime: string): TimeSlot {
  const hour = Number(localTime.slice(0, 2));
  if (hour < 12) return 'mornings';
  return hour < 17 ? 'afternoons' : 'evenings';
}

/**
 * A coaching-pairs program's finished intakes as the existing pair matcher reads them, so a
 * program's pairs come from the same exact matcher as a coaching circle's: topics as tags, the
 * career stage, the slots of the day (in their own zone) of the candidate times they can make,
 * their zone's offset when the program closes, wishes and avoid-lists within the program, and the
 * pairs of earlier rounds as history. Pure.
 */
export function toPairsInput(
  program: Pick<Program, 'candidates' | 'deadline' | 'timeZone' | 'cycleMonths' | 'round'>,
  intakes: readonly FinishedIntake[],
  earlierRounds: ReadonlyArray<{ round: number; members: readonly string[] }>,
): MatchInput {
  const ids = new Set(intakes.map((i) => i.userId));
  const inside = (list: readonly string[], self: string) => [...new Set(list)].filter((id) => id !== self && ids.has(id));
  const range = rangeFrom(todayIn(program.deadline, program.timeZone), program.cycleMonths);
  const participants: Participant[] = intakes.map(({ userId, answers: a }) => {
    const slots = new Set<TimeSlot>();
    for (const c of program.candidates) {
      if (canCome(a.times[candidateKey(c)])) slots.add(slotOf(viewerTime(c, a.timeZone, range).usual.localTime));
    }
    return {
      id: userId,
      topics: topicTags(a.topics),
      stage: a.stage,
      times: [...slots],
      utcOffsetMinutes: Math.round(offsetMs(program.deadline.getTime(), a.timeZone) / 60_000),
      wishes: inside(a.wishes, userId),
      avoid: inside(a.avoid, userId),
    };
  });
  const groups = earlierRounds
    .filter((g) => g.round < program.round)
    .map((g) => ({ cycle: g.round, members: g.members.filter((id) => ids.has(id)) }))
    .filter((g) => g.members.length >= 2);
  return {
    participants,
    ...(groups.length ? { history: { currentCycle: program.round, coolOff: null, groups } } : {}),
  };
}
