import type { KnownBlock } from '@slack/types';
import { actions, button, context, escapeMrkdwn, section } from '../../slack/blocks';
import { describeCadence, parseStoredCadence } from '../../time/cadence';
import { CircleActions } from '../ids';
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

export function welcomeText(circle: CircleRow): string {
  const where = circle.channel_id ? ` Conversation happens in <#${circle.channel_id}>.` : '';
  return `Welcome to *${escapeMrkdwn(circle.name)}*!${where}`;
}

export function welcomeBlocks(circle: CircleRow, calendarUrl?: string): KnownBlock[] {
  const kind =
    circle.kind === 'pairs' ? 'a peer-coaching program: you will be matched with a partner each cycle' : 'a peer learning circle';
  const blocks: KnownBlock[] = [
    section(
      `${welcomeText(circle)}\nIt is ${kind}.${circle.focus ? `\n>${escapeMrkdwn(circle.focus).replace(/\n/g, '\n>')}` : ''}`,
    ),
    section(
      `*When it meets:* ${rhythmOf(circle)}${circle.video_link ? `\n*Call link:* ${escapeMrkdwn(circle.video_link)}` : ''}`,
    ),
    section(`*The norms we keep*\n${NORMS.map((n) => `• ${n}`).join('\n')}`),
  ];
  if (calendarUrl) blocks.push(context(`Add the sessions to your calendar: <${calendarUrl}|subscribe to your private feed>.`));
  blocks.push(
    context(
      'You will get a reminder a week and an hour before each session. `/circle pause` takes a break, `/circle leave` leaves.',
    ),
  );
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

export interface ListEntry {
  circle: CircleRow;
  placesTaken: number;
  waitlisted: number;
}

export function listBlocks(entries: ListEntry[]): KnownBlock[] {
  if (entries.length === 0) {
    return [section('There are no open circles yet. Organizers can start one with `/circle new`.')];
  }
  const blocks: KnownBlock[] = [section(`*Open circles* (${entries.length})`)];
  // 50 blocks a message: a header, then two per circle; past 24 circles the rest are named only.
  for (const e of entries.slice(0, 24)) {
    const free = e.circle.size_cap - e.placesTaken;
    const places = free > 0 ? `${free} of ${e.circle.size_cap} places left` : `Full: ${e.waitlisted} on the waitlist`;
    const kind = e.circle.kind === 'pairs' ? 'Coaching pairs' : 'Learning circle';
    blocks.push(
      section(
        `*${escapeMrkdwn(e.circle.name)}* · ${kind}\n${e.circle.focus ? `${escapeMrkdwn(e.circle.focus)}\n` : ''}${rhythmOf(e.circle)} · ${places}`,
        button(free > 0 ? 'Join' : 'Join the waitlist', CircleActions.join, String(e.circle.id), 'primary'),
      ),
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
