import type { KnownBlock } from '@slack/types';
import { actions, button, context, escapeMrkdwn, section } from '../../slack/blocks';
import { describeCadence, parseStoredCadence } from '../../time/cadence';
import { CircleActions } from '../ids';
import type { ListEntry } from '../directory';
import type { Place } from '../service';
import type { CircleRow } from '../store';

export const NORMS = [
  '*Confidentiality*: what is said in the circle stays in the circle.',
  '*Showing up*: come to every session you can; if you can’t, say so ahead and pause when life gets busy (`/circle pause`).',
  '*Preparing*: bring one real challenge or question, and follow through on what you commit to.',
];

export function rhythmOf(circle: CircleRow): string {
  const cadence = parseStoredCadence(circle.cadence);
  return cadence ? describeCadence(cadence) : 'Rhythm to be announced';
}

/** How often a coaching program's pairs are asked "did you meet?": the only part of its rhythm it uses. */
export function checkFrequencyOf(circle: Pick<CircleRow, 'cadence'>): string {
  const c = parseStoredCadence(circle.cadence);
  if (!c) return 'regularly';
  if (c.kind === 'weekly') return c.everyWeeks === 1 ? 'every week' : `every ${c.everyWeeks} weeks`;
  return c.everyMonths === 1 ? 'every month' : `every ${c.everyMonths} months`;
}

/** "a week before", "2 hours before": a reminder lead as people say it. */
function leadWords(minutes: number): string {
  const [n, unit] =
    minutes % 10080 === 0
      ? [minutes / 10080, 'week']
      : minutes % 1440 === 0
        ? [minutes / 1440, 'day']
        : minutes % 60 === 0
          ? [minutes / 60, 'hour']
          : [minutes, 'minute'];
  if (n === 1) return `${unit === 'hour' ? 'an' : 'a'} ${unit} before`;
  return `${n} ${unit}s before`;
}

/** The reminders a member of a group circle gets, in words, from the circle's own leads. */
function remindersOf(circle: CircleRow): string {
  const labels = [...circle.reminder_lead_minutes].sort((a, b) => b - a).map(leadWords);
  if (labels.length === 0) return 'The agenda is posted in the channel before each session.';
  const list = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}`;
  return `You will get a reminder ${list} each session.`;
}

export function welcomeText(circle: CircleRow): string {
  const where = circle.channel_id ? ` Conversation happens in <#${circle.channel_id}>.` : '';
  return `Welcome to *${escapeMrkdwn(circle.name)}*!${where}`;
}

export function welcomeBlocks(circle: CircleRow, calendarUrl?: string): KnownBlock[] {
  const kind =
    circle.kind === 'pairs' ? 'a peer-coaching program: you will be matched with a partner each cycle' : 'a peer learning circle';
  const intro = section(
    `${welcomeText(circle)}\nIt is ${kind}.${circle.focus ? `\n>${escapeMrkdwn(circle.focus).replace(/\n/g, '\n>')}` : ''}`,
  );
  const norms = section(`*The norms we keep*\n${NORMS.map((n) => `• ${n}`).join('\n')}`);
  const leaving = '`/circle pause` takes a break, `/circle leave` leaves.';
  // A coaching program has no sessions: its pairs meet when they choose, so nothing promises reminders.
  if (circle.kind === 'pairs') {
    return [
      intro,
      section(
        [
          '*How it works*',
          '• Each cycle starts with a short matching survey, by DM: what you want to work on, and who you would like to meet.',
          '• The organizers then match everyone into pairs (`/circle match`), and each pair gets a group DM with an introduction.',
          `• You and your partner meet on your own, when it suits you both; ${checkFrequencyOf(circle)} I ask your pair "did you meet?".`,
        ].join('\n'),
      ),
      norms,
      context(leaving),
    ];
  }
  const blocks: KnownBlock[] = [
    intro,
    section(
      `*When it meets:* ${rhythmOf(circle)}${circle.video_link ? `\n*Call link:* ${escapeMrkdwn(circle.video_link)}` : ''}`,
    ),
    norms,
  ];
  if (calendarUrl) blocks.push(context(`Add the sessions to your calendar: <${calendarUrl}|subscribe to your private feed>.`));
  blocks.push(context(`${remindersOf(circle)} ${leaving}`));
  return blocks;
}

export function promotedText(circle: CircleRow): string {
  return `Good news: a place opened up in *${escapeMrkdwn(circle.name)}* and you're in! You were first on the waitlist.`;
}

export function waitlistedText(circle: CircleRow, position: number): string {
  return `*${escapeMrkdwn(circle.name)}* is full (${circle.size_cap} of ${circle.size_cap} places taken). You're *#${position}* on the waitlist; I'll message you as soon as a place opens up.`;
}

export function leaveConfirmBlocks(circle: CircleRow): KnownBlock[] {
  return [
    section(
      `Leave *${escapeMrkdwn(circle.name)}*? Your place goes to the next person on the waitlist. Your past check-ins stay in the circle's history.\nIf you only need a break, \`/circle pause\` keeps your place.`,
    ),
    actions([
      button('Leave the circle', CircleActions.leaveConfirm, String(circle.id), 'danger'),
      button('Stay', CircleActions.leaveCancel, String(circle.id)),
    ]),
  ];
}

/** What the reader sees in place of Join for a circle they are already in. */
export function placeWords(place: Place): string {
  if (place.status === 'waitlisted') return ":hourglass: *You're on the waitlist*";
  const role = place.role === 'facilitator' ? ' as a facilitator' : '';
  return place.status === 'paused' ? `:pause_button: *You're in${role}, paused*` : `:white_check_mark: *You're in${role}*`;
}

/** The open circles; `places` is the reader's own place in each (they get no Join button where they have one). */
export function listBlocks(entries: ListEntry[], places: ReadonlyMap<number, Place> = new Map()): KnownBlock[] {
  if (entries.length === 0) {
    return [section('There are no open circles yet. Organizers can start one with `/circle new`.')];
  }
  const blocks: KnownBlock[] = [section(`*Open circles* (${entries.length})`)];
  // 50 blocks a message: a header, then two per circle; past 24 circles the rest are named only.
  for (const e of entries.slice(0, 24)) {
    const free = e.circle.size_cap - e.placesTaken;
    const room = free > 0 ? `${free} of ${e.circle.size_cap} places left` : `Full: ${e.waitlisted} on the waitlist`;
    const kind = e.circle.kind === 'pairs' ? 'Coaching pairs' : 'Learning circle';
    const mine = places.get(e.circle.id);
    const about = `*${escapeMrkdwn(e.circle.name)}* · ${kind}\n${e.circle.focus ? `${escapeMrkdwn(e.circle.focus)}\n` : ''}${rhythmOf(e.circle)} · ${room}`;
    blocks.push(
      mine
        ? section(`${about}\n${placeWords(mine)}`)
        : section(about, button(free > 0 ? 'Join' : 'Join the waitlist', CircleActions.join, String(e.circle.id), 'primary')),
    );
  }
  if (entries.length > 24) {
    blocks.push(
      context(
        `And ${entries.length - 24} more: ${entries
          .slice(24)
          .map((e) => e.circle.name)
          .join(', ')}. Join with \`/circle join NAME\`.`,
      ),
    );
  }
  return blocks;
}

/** To a facilitator: someone left the circle but stays in a channel the app will not remove them from. */
export function stillInChannelText(circle: CircleRow, userId: string, channelId: string): string {
  return (
    `<@${userId}> is no longer in *${escapeMrkdwn(circle.name)}*, but is still in <#${channelId}>: ` +
    'I only remove people from channels I created for a circle, or from one whose members are exactly the circle’s, ' +
    'and this channel has other people in it. Remove them yourself if they should not stay.'
  );
}

/** To someone just named a facilitator: what it means, and the way to step down. */
export function facilitatorNamedText(circle: CircleRow, by: string): string {
  return `<@${by}> made you a facilitator of *${escapeMrkdwn(circle.name)}*.`;
}

export function facilitatorNamedBlocks(circle: CircleRow, by: string): KnownBlock[] {
  return [
    section(
      `${facilitatorNamedText(circle, by)} Facilitators change the circle's settings (\`/circle edit ${escapeMrkdwn(circle.name)}\`), ` +
        'skip and move sessions, remove members, run matching and reports, and see attendance (never what members wrote in their check-ins).',
    ),
    section(
      `If you would rather not, step down: you keep your place as a member. You can also type \`/circle step-down ${escapeMrkdwn(circle.name)}\`.`,
      button('Step down', CircleActions.stepDown, String(circle.id)),
    ),
  ];
}

export function steppedDownText(circle: CircleRow): string {
  return (
    `You are no longer a facilitator of *${escapeMrkdwn(circle.name)}*; you keep your place as a member. ` +
    "An organizer or another facilitator can name you again in the circle's settings."
  );
}
