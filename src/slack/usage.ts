import { echo } from '../core/text';

/** Every /circle subcommand, in the order the help lists them. */
export const SUBCOMMANDS = [
  { name: 'help', usage: 'help', summary: 'Show this list.' },
  { name: 'list', usage: 'list', summary: 'Circles you can join, with their focus, rhythm and open places.' },
  { name: 'join', usage: 'join [name]', summary: "Join a circle (in a circle's channel the name can be left out)." },
  { name: 'leave', usage: 'leave [name]', summary: 'Leave a circle (asks to confirm).' },
  {
    name: 'pause',
    usage: 'pause [name] [until YYYY-MM-DD | for N weeks]',
    summary: 'Take a break: keep your place, get no reminders.',
  },
  { name: 'resume', usage: 'resume [name]', summary: 'Come back from a pause.' },
  {
    name: 'step-down',
    usage: 'step-down [name]',
    summary: 'Stop being a facilitator of a circle; you keep your place as a member.',
  },
  {
    name: 'remove',
    usage: 'remove @person [name]',
    summary: 'Take someone out of a circle; they are told (facilitators and organizers).',
  },
  { name: 'new', usage: 'new', summary: 'Create a circle or coaching program (organizers).' },
  {
    name: 'program',
    usage: 'program [new | edit NAME | post NAME | invite #channel NAME | join NAME]',
    summary:
      'Programs: recruit a cohort with one intake, matched into circles. Create, edit, post with a Join button, invite a channel by DM (organizers); join.',
  },
  { name: 'edit', usage: 'edit [name]', summary: "Change a circle's settings (facilitators and organizers)." },
  { name: 'schedule', usage: 'schedule [name]', summary: 'The next sessions, in your time zone.' },
  { name: 'skip', usage: 'skip [name]', summary: 'Cancel the next session (facilitators and organizers).' },
  { name: 'agenda', usage: 'agenda [name] [add TEXT]', summary: "See the next session's agenda, or add an item to it." },
  { name: 'prompts', usage: 'prompts [name] add TEXT', summary: "Add a get-to-know-you prompt to a circle's own bank." },
  {
    name: 'checkin',
    usage: 'checkin [name] [@person]',
    summary:
      "Check in for the latest session: were you there, what you'll do before the next one. With @person: their attendance (facilitators).",
  },
  {
    name: 'form',
    usage: 'form [program]',
    summary:
      "Form a program's circles from its intakes: preview, move or swap people, lock, shuffle, download a CSV, confirm (organizers).",
  },
  {
    name: 'time',
    usage: 'time [name]',
    summary:
      'Find a meeting time: a poll of candidate times, each shown in every member’s zone; pick one, or a rotation (facilitators and organizers).',
  },
  {
    name: 'match',
    usage: 'match [name]',
    summary: 'Match a coaching program into pairs: survey status, preview, shuffle, swap, confirm (facilitators and organizers).',
  },
  {
    name: 'cycle',
    usage: 'cycle next [name]',
    summary: "Open a circle's next cycle once the current one has ended (organizers).",
  },
  {
    name: 'report',
    usage: 'report [name]',
    summary: 'Attendance, check-ins and evaluations, with a CSV and a chart (organizers and facilitators).',
  },
  { name: 'me', usage: 'me', summary: 'Everything the app keeps about you.' },
  { name: 'forget-me', usage: 'forget-me', summary: 'Delete what the app keeps about you.' },
] as const;

export type SubcommandName = (typeof SUBCOMMANDS)[number]['name'];

export const isSubcommand = (word: string): word is SubcommandName => SUBCOMMANDS.some((s) => s.name === word);

/** The usage as plain mrkdwn text, one line per subcommand. */
export function usageText(command = '/circle'): string {
  const lines = SUBCOMMANDS.map((s) => `\`${command} ${s.usage}\`  ${s.summary}`);
  return ['*Peer Circles* — run peer learning circles and coaching pairs.', ...lines].join('\n');
}

/** What to say when the first word is not a subcommand. */
export function unknownSubcommandText(word: string, command = '/circle'): string {
  return `I don't know \`${command} ${echo(word)}\`. Here is what I can do:\n\n${usageText(command)}`;
}
