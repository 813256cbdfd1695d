import type { CircleRow } from '../../circles/service';
import { escapeMrkdwn, slackDate } from '../../slack/blocks';
import type { UnplacedReason } from '../formation/types';
import { listWords, NEXT_STEP_WORDS, UNPLACED_WORDS } from './words';

/** What people are told once the organizer confirms: pure text, read by what a person sees. */

const mention = (id: string) => `<@${id}>`;
const when = (first: Date | null) =>
  first ? `Your first meeting is ${slackDate(first, '{date_long_pretty} at {time}')} (your time).` : '';

/** The circle's first post in its channel: who is in it, who facilitates, why they are together, when they meet. */
export function openedText(
  circle: CircleRow,
  programName: string,
  members: string[],
  facilitators: string[],
  reasons: string[],
  meeting: { rhythm: string | null; first: Date | null },
): string {
  const lines = [
    `:wave: Welcome to *${escapeMrkdwn(circle.name)}*, a circle of *${escapeMrkdwn(programName)}*: ${listWords(members.map(mention))}.`,
    facilitators.length ? `${listWords(facilitators.map(mention))} facilitate${facilitators.length === 1 ? 's' : ''}.` : '',
    reasons.length ? `*Why you are together:* ${reasons.join('; ')}.` : '',
    meeting.rhythm ? `*When:* ${escapeMrkdwn(meeting.rhythm)}. ${when(meeting.first)}` : when(meeting.first),
    'Reminders come by DM before each meeting, in your own time zone. Say hello!',
  ];
  return lines.filter(Boolean).join('\n');
}

/** Each member's DM. */
export function formedWelcomeText(
  circle: CircleRow,
  programName: string,
  userId: string,
  members: string[],
  first: Date | null,
): string {
  const others = members.filter((id) => id !== userId).map(mention);
  const where = circle.channel_id ? ` Its channel is <#${circle.channel_id}>.` : '';
  return (
    `You are in *${escapeMrkdwn(circle.name)}* of *${escapeMrkdwn(programName)}*, with ${listWords(others)}.${where} ` +
    `${when(first)} The channel's first post says why you are together.`
  ).trim();
}

/** To someone not placed: why, and what happens next. Never naming a private rule. */
export function unplacedText(programName: string, reason: UnplacedReason | 'unfinished'): string {
  const why =
    reason === 'unfinished'
      ? 'you did not finish the intake before the circles were formed'
      : `the organizers could not place you in a circle: ${UNPLACED_WORDS[reason]}`;
  return `Thank you for joining *${escapeMrkdwn(programName)}*. Its circles are formed, and you are not in one this round: ${why}. ${NEXT_STEP_WORDS[reason]}`;
}
