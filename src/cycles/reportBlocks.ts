import type { KnownBlock } from '@slack/types';
import { context, escapeMrkdwn, header, listSections, section, slackDate } from '../slack/blocks';
import { type Distribution, plural, rateText } from './model';
import type { Report } from './report';

/** A cycle's report as an organizer reads it in Slack; the CSV and the chart carry the same figures. */

const avg = (d: Distribution) =>
  d.average === null
    ? 'no answers yet'
    : `*${d.average.toFixed(1)}*/5 from ${d.count} (${d.counts.map((c, i) => `${i + 1}: ${c}`).join(' · ')})`;
const who = (userId: string | null) =>
  userId === null ? 'A member' : userId.startsWith('U') || userId.startsWith('W') ? `<@${userId}>` : 'A former member';

const ANSWER_WORDS = { yes: 'met', not_yet: 'not yet', stuck: 'stuck' } as const;

/** What the figures count, said once and used for every line: recorded sessions, and recorded places in them. */
function recordedLine(r: Report): string {
  const notRecorded = r.sessions.filter((s) => !s.noted);
  const held = `${plural(r.sessions.length, 'session')} held`;
  if (notRecorded.length === 0) return `${held}, all recorded`;
  const dates = notRecorded.map((s) => slackDate(s.startsAt, '{date_short}')).join(', ');
  return `${held}, ${r.sessions.length - notRecorded.length} recorded · *not recorded* (no attendance taken, no check-ins): ${dates}`;
}

export function reportBlocks(r: Report): KnownBlock[] {
  const noted = r.sessions.filter((s) => s.noted);
  const sum = (f: (s: Report['sessions'][number]) => number) => noted.reduce((a, s) => a + f(s), 0);
  const program = r.pairs !== null;
  const blocks: KnownBlock[] = [
    header(`${r.circle.name} · cycle ${r.cycle.number} report`),
    context(
      program
        ? `${r.cycle.start_date} to ${r.cycle.end_date} · coaching program: ${plural(r.pairs!.length, 'pair')}, meeting on their own`
        : `${r.cycle.start_date} to ${r.cycle.end_date} · ${recordedLine(r)}`,
    ),
    section(
      [
        '*Members per cycle*',
        ...r.perCycle.map((c) => `Cycle ${c.cycle.number}: ${c.active} active, ${c.paused} paused, ${c.left} left`),
      ].join('\n'),
    ),
  ];
  if (program) {
    blocks.push(
      section(
        `*Pair meetings* ${r.pairMeetings ? `${rateText(r.pairMeetings.met, r.pairMeetings.planned)} of "did you meet?" answers said they met` : 'no "did you meet?" answers yet'}`,
      ),
    );
    const perPair = r.pairs!.map((p) => {
      const names = p.userIds.map((u) => who(u)).join(' & ');
      const met = p.answers.filter((a) => a.answer === 'yes').length;
      const answers = p.answers.map((a) => `${a.date} ${ANSWER_WORDS[a.answer]}`).join(', ');
      return p.answers.length
        ? `${names}: met ${plural(met, 'time')} of ${plural(p.answers.length, 'answer')} (${answers})`
        : `${names}: no answers yet`;
    });
    if (perPair.length) blocks.push(...listSections('*Pairs*', perPair, 2).blocks);
    else blocks.push(section('*Pairs* none matched yet: `/circle match` pairs the members who answered the survey.'));
  } else {
    blocks.push(
      section(
        [
          `*Attendance* ${rateText(
            sum((s) => s.present),
            sum((s) => s.recorded),
          )} of recorded places (a member marked present or absent, by the facilitator or their own check-in, at a recorded session)`,
          `*Check-ins* ${rateText(
            sum((s) => s.checkins),
            sum((s) => s.expected),
          )} of places at recorded sessions`,
          `*Lapses* ${r.lapsed.length ? r.lapsed.map((u) => who(u)).join(', ') : 'none'}`,
        ].join('\n'),
      ),
    );
    const perSession = r.sessions.map((s) =>
      s.noted
        ? `${slackDate(s.startsAt, '{date_short}')}: ${rateText(s.present, s.recorded)} there, ${plural(s.checkins, 'check-in')}${s.usefulness === null ? '' : `, usefulness ${s.usefulness}`}`
        : `${slackDate(s.startsAt, '{date_short}')}: not recorded`,
    );
    if (perSession.length) blocks.push(...listSections('*Per session*', perSession, 2).blocks);
    const perMember = r.members.map(
      (m) => `${who(m.userId)}: ${rateText(m.present, m.recorded)} there, ${plural(m.checkins, 'check-in')}`,
    );
    if (perMember.length)
      blocks.push(
        ...listSections(
          `*Per member* (over the ${plural(noted.length, 'recorded session')}; places where nobody recorded them are left out)`,
          perMember,
          2,
        ).blocks,
      );
  }
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
