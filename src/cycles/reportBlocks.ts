import type { KnownBlock } from '@slack/types';
import { context, escapeMrkdwn, header, listSections, section, slackDate } from '../slack/blocks';
import { type Distribution, rateText } from './model';
import type { Report } from './report';

/** A cycle's report as an organizer reads it in Slack; the CSV and the chart carry the same figures. */

const avg = (d: Distribution) =>
  d.average === null
    ? 'no answers yet'
    : `*${d.average.toFixed(1)}*/5 from ${d.count} (${d.counts.map((c, i) => `${i + 1}: ${c}`).join(' · ')})`;
const who = (userId: string | null) =>
  userId === null ? 'A member' : userId.startsWith('U') || userId.startsWith('W') ? `<@${userId}>` : 'A former member';

export function reportBlocks(r: Report): KnownBlock[] {
  const sum = (f: (s: Report['sessions'][number]) => number) => r.sessions.reduce((a, s) => a + f(s), 0);
  const blocks: KnownBlock[] = [
    header(`${r.circle.name} · cycle ${r.cycle.number} report`),
    context(`${r.cycle.start_date} to ${r.cycle.end_date} · ${r.sessions.length} sessions held`),
    section(
      [
        '*Members per cycle*',
        ...r.perCycle.map((c) => `Cycle ${c.cycle.number}: ${c.active} active, ${c.paused} paused, ${c.left} left`),
      ].join('\n'),
    ),
    section(
      [
        `*Attendance* ${rateText(
          sum((s) => s.present),
          sum((s) => s.recorded),
        )} of recorded places`,
        `*Check-ins* ${rateText(
          sum((s) => s.checkins),
          sum((s) => s.expected),
        )} of expected`,
        `*Lapses* ${r.lapsed.length ? r.lapsed.map((u) => who(u)).join(', ') : 'none'}`,
        ...(r.circle.kind === 'pairs'
          ? [`*Pair meetings* ${r.pairMeetings ? rateText(r.pairMeetings.met, r.pairMeetings.planned) : 'not known yet'}`]
          : []),
      ].join('\n'),
    ),
  ];
  const perSession = r.sessions.map(
    (s) =>
      `${slackDate(s.startsAt, '{date_short}')}: ${rateText(s.present, s.recorded)} there, ${s.checkins} check-ins${s.usefulness === null ? '' : `, usefulness ${s.usefulness}`}`,
  );
  if (perSession.length) blocks.push(...listSections('*Per session*', perSession, 2).blocks);
  const perMember = r.members.map((m) => `${who(m.userId)}: ${rateText(m.present, m.expected)} there, ${m.checkins} check-ins`);
  if (perMember.length) blocks.push(...listSections('*Per member*', perMember, 2).blocks);
  blocks.push(
    section(
      [
        `*Evaluations* ${r.evaluations.length} answered${r.anonymous ? ' (anonymous)' : ''}`,
        `Value: ${avg(r.value)}`,
        `Commitments kept, own: ${avg(r.keptOwn)}`,
        `Commitments kept, others: ${avg(r.keptOthers)}`,
        `Would recommend: ${r.recommend.yes} yes, ${r.recommend.no} no`,
        `Next cycle: ${r.choices.continue} continue, ${r.choices.rematch} rematch, ${r.choices.end} end`,
      ].join('\n'),
    ),
  );
  const comments = r.comments.flatMap((c) => [
    ...(c.mostUseful ? [`${r.anonymous ? '•' : `${who(c.userId)}:`} _most useful:_ ${escapeMrkdwn(c.mostUseful)}`] : []),
    ...(c.toImprove ? [`${r.anonymous ? '•' : `${who(c.userId)}:`} _to improve:_ ${escapeMrkdwn(c.toImprove)}`] : []),
  ]);
  if (comments.length) blocks.push(...listSections('*Comments*', comments, 3).blocks);
  blocks.push(context('The CSV files and the chart are in your DM with the app.'));
  return blocks;
}

export const reportText = (r: Report): string => `${r.circle.name}: cycle ${r.cycle.number} report`;
