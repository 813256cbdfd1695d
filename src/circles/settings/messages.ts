import { describeCadence } from '../../time/cadence';
import { formatDay } from '../../time/format';
import type { CircleRow, CycleRow } from '../store';
import type { CircleSettings } from './model';
import { escapeMrkdwn } from '../../core/text';
import { slackDate } from '../../slack/blocks';
import { checkFrequencyOf } from '../membership/blocks';

/** What the creator or editor of a circle is told once Slack has been set up for it. */

function cycleLine(cycle: CycleRow): string {
  return `${formatDay(cycle.start_date)} to ${formatDay(cycle.end_date)}`;
}

function problemLines(problems: string[]): string {
  return problems.map((p) => `• ${p}`).join('\n');
}

export function createdMessage(
  circle: CircleRow,
  cycle: CycleRow,
  settings: CircleSettings,
  channelId: string | undefined,
  problems: string[],
): string {
  const rhythm = describeCadence(settings.cadence);
  if (!channelId || problems.length > 0) {
    const where = channelId ? ` Its channel is <#${channelId}>.` : '';
    return [
      `*${escapeMrkdwn(circle.name)}* is saved (first cycle ${cycleLine(cycle)}; ${rhythm}).${where} Some steps in Slack did not work:`,
      problemLines(problems),
      `Nothing is lost: fix the above, or run \`/circle edit ${circle.name}\` to set the channel.`,
    ].join('\n');
  }
  if (settings.kind === 'pairs') {
    return [
      `*${escapeMrkdwn(circle.name)}* is ready in <#${channelId}>.`,
      'What happens next:',
      `• I posted an announcement there with a *Join* button. Share <#${channelId}> with people who might join, or tell them to type \`/circle join ${circle.name}\`.`,
      '• Each member who joins gets the matching survey by DM. `/circle match` shows who has answered, reminds the others, and previews the pairs for you to confirm.',
      `• Once confirmed, each pair gets a group DM with an introduction and meets on its own; ${checkFrequencyOf(circle)} I ask each pair "did you meet?".`,
      `• The first cycle runs ${cycleLine(cycle)}. To change any of this, type \`/circle edit ${circle.name}\`.`,
    ].join('\n');
  }
  return [
    `*${escapeMrkdwn(circle.name)}* is ready in <#${channelId}>.`,
    'What happens next:',
    `• I posted an announcement there with a *Join* button. Share <#${channelId}> with people who might join, or tell them to type \`/circle join ${circle.name}\`.`,
    `• Up to ${circle.size_cap} people get a place; after that they join a waitlist and move up as places free.`,
    `• The first cycle runs ${cycleLine(cycle)}. Sessions: ${rhythm}.`,
    `• To change any of this, type \`/circle edit ${circle.name}\`.`,
  ].join('\n');
}

/** The ephemeral where `/circle new` was typed: name, channel and first session; the DM has the rest. */
export function createdHereText(circle: CircleRow, channelId: string | undefined, firstSession: Date | null): string {
  const where = channelId ? ` in <#${channelId}>` : '';
  const first =
    circle.kind === 'pairs'
      ? ' Members get the matching survey as they join; `/circle match` pairs them.'
      : firstSession
        ? ` First session: ${slackDate(firstSession, '{date_long_pretty} at {time}')}.`
        : '';
  return `:white_check_mark: Created *${escapeMrkdwn(circle.name)}*${where}.${first} I sent you the details in a DM.`;
}

export function editedMessage(
  circle: CircleRow,
  cycle: CycleRow,
  settings: CircleSettings,
  notes: string[],
  problems: string[],
): string {
  const lines = [
    `Saved the changes to *${escapeMrkdwn(circle.name)}*${circle.channel_id ? ` (<#${circle.channel_id}>)` : ''}.`,
    `• Cycle: ${cycleLine(cycle)}. Sessions: ${describeCadence(settings.cadence)}. Size cap: ${circle.size_cap}.`,
    ...notes.map((n) => `• ${n}`),
  ];
  if (problems.length > 0) {
    lines.push('Some steps in Slack did not work:', problemLines(problems), 'The settings themselves are saved.');
  }
  return lines.join('\n');
}

export function somethingFailedMessage(circle: CircleRow): string {
  return (
    `*${escapeMrkdwn(circle.name)}* is saved, but something went wrong on our side while setting it up in Slack. ` +
    `Nothing is lost: run \`/circle edit ${circle.name}\` to check its channel.`
  );
}
