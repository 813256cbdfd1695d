import type { KnownBlock } from '@slack/types';
import type { CircleRow } from '../circles/service';
import { actions, button, context, escapeMrkdwn, header, link, listSections, section, slackDate } from '../slack/blocks';
import { AGENDA_FORMAT_IDS, type AgendaFormatId, buildAgenda } from '../circles/settings/agendaFormats';
import { SessionActions } from './ids';
import type { AgendaItemRow, SessionRow } from './store';

const asFormat = (value: string): AgendaFormatId =>
  (AGENDA_FORMAT_IDS as readonly string[]).includes(value) ? (value as AgendaFormatId) : 'open-checkin';

/** Slack allows 50 blocks a message; each list keeps to this many so the reminder around it fits too. */
const MAX_LIST_BLOCKS = 15;

const minutesOf = (s: SessionRow) => Math.round((s.ends_at.getTime() - s.starts_at.getTime()) / 60_000);

/** The agenda as the channel sees it: timed sections, the warm-up, members' items and readings. */
export function agendaBlocks(circle: CircleRow, session: SessionRow, items: AgendaItemRow[]): KnownBlock[] {
  const duration = Math.max(15, minutesOf(session));
  const agenda = buildAgenda(asFormat(circle.session_format), duration, {
    warmup: {
      ...(session.leader_user_id ? { leaderName: `<@${session.leader_user_id}>` } : {}),
      ...(session.prompt_text ? { prompt: escapeMrkdwn(session.prompt_text) } : {}),
    },
    items: items.filter((i) => i.kind === 'item').map((i) => ({ text: escapeMrkdwn(i.text), author: `<@${i.author_user_id}>` })),
    readings: items.filter((i) => i.kind === 'reading').map((i) => i.text),
  });
  const cancelled = session.status === 'cancelled';
  const blocks: KnownBlock[] = [
    header(`${cancelled ? 'Cancelled: ' : ''}${circle.name}: agenda`),
    section(
      `${cancelled ? '~' : ''}*${slackDate(session.starts_at, '{date_long_pretty} at {time}')}*${cancelled ? '~ *This session is cancelled.*' : ''} · ${agenda.title}${circle.video_link && !cancelled ? `\n:video_camera: ${link(circle.video_link, 'Join the call')}` : ''}`,
    ),
    section(agenda.sections.map((s) => `• *${s.title}* (${s.minutes} min)${s.detail ? `: ${s.detail}` : ''}`).join('\n')),
  ];
  // Long lists run over several sections rather than being cut at Slack's 3,000 characters a section.
  let omitted = 0;
  if (agenda.items.length) {
    const items = listSections(
      '*Items from members*',
      agenda.items.map((i) => `• ${i.text} (${i.author})`),
      MAX_LIST_BLOCKS,
    );
    blocks.push(...items.blocks);
    omitted += items.omitted;
  }
  if (agenda.readings.length) {
    const readings = listSections(
      '*Readings and links*',
      agenda.readings.map((r) => `• ${r}`),
      MAX_LIST_BLOCKS,
    );
    blocks.push(...readings.blocks);
    omitted += readings.omitted;
  }
  if (omitted > 0) {
    blocks.push(
      section(
        `_…and ${omitted} more item${omitted === 1 ? '' : 's'} than fit in one Slack message. Ask the circle's facilitators to trim the agenda._`,
      ),
    );
  }
  blocks.push(context('Add an item: `/circle agenda add TEXT` (a link goes under readings).'));
  return blocks;
}

export function agendaText(circle: CircleRow, session: SessionRow): string {
  return `${session.status === 'cancelled' ? 'Cancelled: ' : ''}Agenda for ${circle.name}, ${slackDate(session.starts_at)}`;
}

export function reminderBlocks(
  circle: CircleRow,
  session: SessionRow,
  leadMinutes: number,
  items: AgendaItemRow[],
  /** What features built on sessions add for this reader (their own commitments, say). */
  extras: KnownBlock[] = [],
): KnownBlock[] {
  // No "(in 7 days)" beside the date: a late reminder would read "meets today … (in 7 days)", and Slack's own rendering already says how near it is.
  const when = slackDate(session.starts_at, '{date_long_pretty} at {time}');
  const blocks: KnownBlock[] = [section(`:wave: *${escapeMrkdwn(circle.name)}* meets ${when}.`)];
  if (session.leader_user_id === null || session.prompt_text === null) {
    // nothing to say about the warm-up yet
  } else {
    blocks.push(section(`*Warm-up:* <@${session.leader_user_id}> leads: “${escapeMrkdwn(session.prompt_text)}”`));
  }
  // A week ahead people prepare: they get the agenda and readings. An hour ahead they need the link.
  blocks.push(...extras.slice(0, 5));
  if (leadMinutes >= 1440) blocks.push(...agendaBlocks(circle, session, items).slice(2, -1));
  if (circle.video_link) blocks.push(section(`:video_camera: ${link(circle.video_link, 'Join the call')}`));
  blocks.push(context('Can’t make it? Tell the circle in its channel. Need a break? `/circle pause`.'));
  return blocks;
}

export function reminderText(circle: CircleRow, session: SessionRow): string {
  return `Reminder: ${circle.name} meets ${slackDate(session.starts_at)}`;
}

export function warmupBlocks(circle: CircleRow, session: SessionRow): KnownBlock[] {
  return [
    section(
      `:sparkles: You lead the warm-up of *${escapeMrkdwn(circle.name)}*: ${slackDate(session.starts_at, '{date_long_pretty} at {time}')}.\nOpen the session with this get-to-know-you prompt, answer it first yourself, then go round the circle:\n>${escapeMrkdwn(session.prompt_text ?? '')}`,
    ),
    actions([
      button('Draw another prompt', SessionActions.redrawPrompt, String(session.id)),
      button('Pass to the next person', SessionActions.passWarmup, String(session.id)),
    ]),
  ];
}

export function warmupText(circle: CircleRow, session: SessionRow): string {
  return `You lead the warm-up of ${circle.name}: ${slackDate(session.starts_at)}`;
}

export function changeText(circle: CircleRow, session: SessionRow, change: 'moved' | 'cancelled'): string {
  return change === 'cancelled'
    ? `:no_entry_sign: The *${escapeMrkdwn(circle.name)}* session of ${slackDate(session.starts_at)} is cancelled.`
    : `:arrows_counterclockwise: The next *${escapeMrkdwn(circle.name)}* session moved to ${slackDate(session.starts_at, '{date_long_pretty} at {time}')}.`;
}
