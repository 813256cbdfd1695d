import { circlesByIds, findCycles } from '../circles/service';
import { escapeMrkdwn } from '../core/text';
import type { PersonalData } from '../privacy/personalData';
import { reasonsWithout, STAGE_LABELS, storedReasons, TIME_LABELS } from './model';
import {
  forgetPairsPerson,
  meetingAnswersBy,
  pairsNaming,
  pairsOfPerson,
  rematchesOf,
  setPairPeople,
  surveysOfPerson,
} from './store';

/**
 * Pairs: the survey answers are erased (goals, topics, stage, times, zone, wishes, avoid list), and
 * the person's id leaves others' wishes and avoid lists. That a pair existed, met and asked for a
 * rematch stays under the alias, so the pair meeting rate still adds up; the ids in the pairs'
 * reasons (data) and in the organizer's drafts are swapped for the alias too.
 */
export const pairsPersonalData: PersonalData = {
  name: 'pairs',
  async describe(db, teamId, userId) {
    const surveys = await surveysOfPerson(db, teamId, userId);
    const pairs = await pairsOfPerson(db, teamId, userId);
    const meetings = await meetingAnswersBy(db, teamId, userId);
    const rematches = await rematchesOf(db, teamId, userId);
    const rows = [...surveys, ...pairs];
    const circles = await circlesByIds(db, teamId, [...new Set(rows.map((r) => r.circle_id))]);
    const cycles = await findCycles(db, teamId, [...new Set(rows.map((r) => r.cycle_id))]);
    // Where a row's circle or cycle is gone, so is the row (foreign keys): the fallbacks never show.
    const where = (r: { circle_id: number; cycle_id: number }) => ({
      name: circles.get(r.circle_id)?.name ?? '',
      number: cycles.get(r.cycle_id)?.number ?? 0,
    });
    // People are shown as mentions (their names, in the reader's Slack); anything else is escaped.
    const person = (id: string) => (/^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id));
    const people = (ids: string[]) => (ids.length ? ids.map(person).join(', ') : 'nobody');
    const e = escapeMrkdwn;
    return [
      {
        title: 'Matching survey answers',
        markup: true,
        lines: surveys.map(
          (s) =>
            `${e(where(s).name)}, cycle ${where(s).number}: goals: ${e(s.goals)}; topics: ${e(s.topics.join(', ')) || 'none'}; ` +
            `stage: ${s.stage === null ? 'not given' : e(String(STAGE_LABELS[s.stage] ?? s.stage))}; ` +
            `times: ${e(s.times.map((x) => TIME_LABELS[x as keyof typeof TIME_LABELS] ?? x).join(', ')) || 'none'}; ` +
            `time zone: ${e(s.time_zone)}; would like: ${people(s.wishes)}; rather not: ${people(s.avoid)}`,
        ),
      },
      {
        title: 'Coaching pairs',
        markup: true,
        lines: pairs.map(
          (p) => `${e(where(p).name)}, cycle ${where(p).number}: with ${people(p.user_ids.filter((id) => id !== userId))}`,
        ),
      },
      { title: '"Did you meet?" answers', lines: meetings.map((m) => `${m.check_date}: ${m.answer.replace('_', ' ')}`) },
      {
        title: 'Rematch requests',
        lines: rematches.map(
          (r) => `${r.requested_at.toISOString().slice(0, 10)}${r.resolved_at ? ' (taken into a matching)' : ' (open)'}`,
        ),
      },
    ];
  },
  async forget(trx, teamId, userId, alias) {
    await forgetPairsPerson(trx, teamId, userId, alias);
    // In the pairs themselves the person is data (members, reasons): each id is swapped, no text rewritten.
    for (const pair of await pairsNaming(trx, teamId, userId)) {
      const userIds = pair.user_ids.map((id) => (id === userId ? alias : id));
      await setPairPeople(trx, teamId, pair.id, userIds, reasonsWithout(storedReasons(pair.reasons), userId, alias));
    }
  },
};
