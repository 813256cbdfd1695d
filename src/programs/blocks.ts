import type { KnownBlock } from '@slack/types';
import { candidateLabel } from '../availability';
import { actions, button, context, escapeMrkdwn, header, section, truncate } from '../slack/blocks';
import { zoneCity } from '../time/format';
import { ProgramActions } from './ids';
import { type Program, RHYTHM_LABELS } from './model';
import type { IntakeCounts } from './service';

/** Pure Block Kit and words for the programs' messages. Names and purposes are typed by organizers: escaped. */

const name = (p: Pick<Program, 'name'>) => `*${escapeMrkdwn(p.name)}*`;

/** A deadline as each reader's own date and time. */
export function deadlineToken(p: Pick<Program, 'deadline'>): string {
  const seconds = Math.floor(p.deadline.getTime() / 1000);
  return `<!date^${seconds}^{date_long_pretty} at {time}|${p.deadline.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/** "Tue 09:00 or Thu 16:00 New York, 60 minutes". */
export function timesLine(p: Pick<Program, 'candidates' | 'timeZone' | 'durationMinutes'>): string {
  return `${p.candidates.map(candidateLabel).join(' or ')} ${zoneCity(p.timeZone)}, ${p.durationMinutes} minutes`;
}

function shape(p: Program): string {
  const kind = p.kind === 'pairs' ? 'Coaching pairs' : `Circles of ${p.minSize} to ${p.maxSize}`;
  return `${kind}, ${RHYTHM_LABELS[p.rhythm].toLowerCase()}, for ${p.cycleMonths} months`;
}

function facts(p: Program): string {
  return [
    shape(p),
    `Possible times: ${escapeMrkdwn(timesLine(p))} (you will see them in your own time zone)`,
    `Join by ${deadlineToken(p)}`,
  ].join('\n');
}

export function postText(p: Program): string {
  return `Join ${escapeMrkdwn(p.name)}: ${p.kind === 'pairs' ? 'coaching pairs' : 'peer circles'}. Join by ${p.deadline.toISOString().slice(0, 10)}.`;
}

/** The channel post: what the program is, and Join. */
export function postBlocks(p: Program): KnownBlock[] {
  return [
    header(truncate(p.name, 150)),
    ...(p.purpose ? [section(truncate(escapeMrkdwn(p.purpose), 3000))] : []),
    section(facts(p)),
    actions([button('Join', ProgramActions.join, String(p.id), 'primary')]),
    context('Joining opens a short form: your answers help form circles where everyone can meet.'),
  ];
}

export function inviteText(p: Program): string {
  return `You are invited to join ${escapeMrkdwn(p.name)}.`;
}

export function inviteBlocks(p: Program, invitedBy: string): KnownBlock[] {
  return [
    section(`<@${invitedBy}> invites you to join ${name(p)}.`),
    ...(p.purpose ? [section(truncate(escapeMrkdwn(p.purpose), 3000))] : []),
    section(facts(p)),
    actions([button('Join', ProgramActions.join, String(p.id), 'primary')]),
  ];
}

export function reminderText(p: Program): string {
  return `You started the form for ${escapeMrkdwn(p.name)}: it closes soon.`;
}

export function reminderBlocks(p: Program): KnownBlock[] {
  return [
    section(
      `You joined ${name(p)} but have not finished its form. It closes ${deadlineToken(p)}; without it you cannot be placed in a circle.`,
    ),
    actions([button('Finish the form', ProgramActions.join, String(p.id), 'primary')]),
  ];
}

export function savedText(p: Program, first: boolean): string {
  return first
    ? `Thank you: your answers for ${name(p)} are in. You can change them until the circles are confirmed (press Join again, or \`/circle me\` to see them).`
    : `Your answers for ${name(p)} are saved.`;
}

export function createdText(p: Program, command: string, created: boolean): string {
  const what = created ? 'is created' : 'is saved';
  return (
    `${name(p)} ${what}. ${shape(p)}; times ${escapeMrkdwn(timesLine(p))}; join by ${deadlineToken(p)}.\n` +
    `Next: \`${command} program post ${escapeMrkdwn(p.name)}\` in a channel puts a Join button there; ` +
    `\`${command} program invite #channel ${escapeMrkdwn(p.name)}\` invites its members by DM.`
  );
}

export function postedText(p: Program, channelId: string): string {
  return `${name(p)} is posted in <#${channelId}> with a Join button.`;
}

export function invitedText(p: Program, count: number, channelId: string): string {
  if (count === 0) return `Everyone in <#${channelId}> has joined ${name(p)} or been invited already: nobody new to invite.`;
  return `Inviting ${count} ${count === 1 ? 'person' : 'people'} from <#${channelId}> to ${name(p)} by DM.`;
}

const STATUS_WORDS: Record<Program['status'], string> = {
  recruiting: 'recruiting',
  closed: 'intake closed',
  formed: 'circles confirmed',
};

export function programLine(p: Program, counts: IntakeCounts): string {
  return `${name(p)}: ${STATUS_WORDS[p.status]}; ${counts.submitted} of ${counts.joined} joined have answered; closes ${deadlineToken(p)}`;
}

/** `/circle program` and `/circle program list`: the programs and what can be done. */
export function programUsage(command: string): string {
  return programUsageLines(command).join('\n');
}

function programUsageLines(command: string): string[] {
  return [
    `\`${command} program new\`  Create a program: a cohort with an intake, matched into circles (organizers).`,
    `\`${command} program edit NAME\`  Change its settings and matching rules (organizers).`,
    `\`${command} program post NAME\`  Post it in this channel with a Join button (organizers).`,
    `\`${command} program invite #channel NAME\`  Invite a channel's members by DM (organizers).`,
    `\`${command} program join NAME\`  Join a program and answer its form.`,
  ];
}

export function programsListText(lines: string[], command: string, organizer: boolean): string {
  const usage = programUsageLines(command);
  const list = lines.length ? lines.join('\n') : 'No programs yet.';
  return organizer ? `${list}\n\n${usage.join('\n')}` : `${list}\n\n${usage.at(-1)}`;
}

/** The organizer's App Home: each program with its counts and an Edit button, and New program. */
export function organizerHomeBlocks(rows: Array<{ program: Program; counts: IntakeCounts }>, max: number): KnownBlock[] {
  const shown = rows.slice(0, Math.max(0, max - 2));
  const blocks: KnownBlock[] = [header('Programs you run')];
  for (const { program, counts } of shown) {
    blocks.push(
      section(
        programLine(program, counts),
        program.status === 'formed' ? undefined : button('Edit', ProgramActions.edit, String(program.id)),
      ),
    );
  }
  blocks.push(actions([button('New program', ProgramActions.create, 'new')]));
  return blocks;
}

/** A member's App Home: the programs they joined, and the form still waiting for them. */
export function memberHomeBlocks(rows: Array<{ program: Program; finished: boolean }>, max: number): KnownBlock[] {
  return rows
    .slice(0, max)
    .map(({ program, finished }) =>
      section(
        finished
          ? `You joined ${name(program)}: your answers are in.`
          : `You joined ${name(program)}: your form is not finished. It closes ${deadlineToken(program)}.`,
        program.status === 'formed'
          ? undefined
          : button(finished ? 'Change answers' : 'Finish the form', ProgramActions.join, String(program.id)),
      ),
    );
}
