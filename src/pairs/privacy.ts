import { sql } from 'kysely';
import { escapeMrkdwn } from '../core/text';
import type { PersonalData } from '../privacy/personalData';
import { STAGE_LABELS, TIME_LABELS } from './model';
import { forgetPairChannels } from './store';

/**
 * Pairs: the survey answers are erased (goals, topics, stage, times, zone, wishes, avoid list), and
 * the person's id leaves others' wishes and avoid lists. That a pair existed, met and asked for a
 * rematch stays under the alias, so the pair meeting rate still adds up; ids inside the reasons
 * and the organizer's drafts are swapped for the alias too.
 */
export const pairsPersonalData: PersonalData = {
  name: 'pairs',
  async describe(db, teamId, userId) {
    const surveys = await db
      .selectFrom('pair_surveys as s')
      .innerJoin('circles as c', (j) => j.onRef('c.team_id', '=', 's.team_id').onRef('c.id', '=', 's.circle_id'))
      .innerJoin('cycles as y', (j) => j.onRef('y.team_id', '=', 's.team_id').onRef('y.id', '=', 's.cycle_id'))
      .select(['c.name', 'y.number', 's.goals', 's.topics', 's.stage', 's.times', 's.time_zone', 's.wishes', 's.avoid'])
      .where('s.team_id', '=', teamId)
      .where('s.user_id', '=', userId)
      .orderBy('s.submitted_at')
      .execute();
    const pairs = await db
      .selectFrom('pairs as p')
      .innerJoin('circles as c', (j) => j.onRef('c.team_id', '=', 'p.team_id').onRef('c.id', '=', 'p.circle_id'))
      .innerJoin('cycles as y', (j) => j.onRef('y.team_id', '=', 'p.team_id').onRef('y.id', '=', 'p.cycle_id'))
      .select(['p.id', 'c.name', 'y.number', 'p.user_ids'])
      .where('p.team_id', '=', teamId)
      .where(sql<boolean>`${userId} = ANY(p.user_ids)`)
      .orderBy('p.id')
      .execute();
    const meetings = await db
      .selectFrom('pair_meetings')
      .select(['check_date', 'answer'])
      .where('team_id', '=', teamId)
      .where('answered_by', '=', userId)
      .orderBy('check_date')
      .execute();
    const rematches = await db
      .selectFrom('rematch_requests')
      .select(['requested_at', 'resolved_at'])
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .orderBy('requested_at')
      .execute();
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
            `${e(s.name)}, cycle ${s.number}: goals: ${e(s.goals)}; topics: ${e(s.topics.join(', ')) || 'none'}; ` +
            `stage: ${s.stage === null ? 'not given' : e(String(STAGE_LABELS[s.stage] ?? s.stage))}; ` +
            `times: ${e(s.times.map((x) => TIME_LABELS[x as keyof typeof TIME_LABELS] ?? x).join(', ')) || 'none'}; ` +
            `time zone: ${e(s.time_zone)}; would like: ${people(s.wishes)}; rather not: ${people(s.avoid)}`,
        ),
      },
      {
        title: 'Coaching pairs',
        markup: true,
        lines: pairs.map((p) => `${e(p.name)}, cycle ${p.number}: with ${people(p.user_ids.filter((id) => id !== userId))}`),
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
    await trx.deleteFrom('pair_surveys').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    await trx
      .updateTable('pair_surveys')
      .set({ wishes: sql`array_remove(wishes, ${userId})`, avoid: sql`array_remove(avoid, ${userId})` })
      .where('team_id', '=', teamId)
      // In parentheses: Kysely joins the where clauses with AND, which binds tighter than OR, so
      // without them the OR would reach other workspaces' rows.
      .where(sql<boolean>`(${userId} = ANY(wishes) OR ${userId} = ANY(avoid))`)
      .execute();
    // Ids appear in JSON as "U…" values and inside <@U…> mentions: both forms, never a bare prefix.
    const swapIds = (column: string) =>
      sql<string>`replace(replace(${sql.ref(column)}::text, ${`"${userId}"`}, ${`"${alias}"`}), ${`<@${userId}>`}, ${`<@${alias}>`})::jsonb`;
    // The pair's group DM names the person to Slack: the link to it goes.
    await forgetPairChannels(trx, teamId, userId);
    await trx
      .updateTable('pairs')
      .set({ user_ids: sql`array_replace(user_ids, ${userId}, ${alias})`, reasons: swapIds('reasons') })
      .where('team_id', '=', teamId)
      .where(sql<boolean>`(${userId} = ANY(user_ids) OR reasons::text LIKE ${`%${userId}%`})`)
      .execute();
    await trx
      .updateTable('match_drafts')
      .set({
        participants: sql`array_replace(participants, ${userId}, ${alias})`,
        arrangement: swapIds('arrangement'),
        shown: swapIds('shown'),
        swaps: swapIds('swaps'),
      })
      .where('team_id', '=', teamId)
      .where(
        sql<boolean>`(${userId} = ANY(participants) OR arrangement::text LIKE ${`%${userId}%`} OR shown::text LIKE ${`%${userId}%`} OR swaps::text LIKE ${`%${userId}%`})`,
      )
      .execute();
    await trx
      .updateTable('match_drafts')
      .set({ created_by: alias })
      .where('team_id', '=', teamId)
      .where('created_by', '=', userId)
      .execute();
    await trx
      .updateTable('match_drafts')
      .set({ confirmed_by: alias })
      .where('team_id', '=', teamId)
      .where('confirmed_by', '=', userId)
      .execute();
    await trx
      .updateTable('pair_meetings')
      .set({ answered_by: alias })
      .where('team_id', '=', teamId)
      .where('answered_by', '=', userId)
      .execute();
    await trx
      .updateTable('rematch_requests')
      .set({ user_id: alias })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .execute();
  },
};
