import { addDays, isValidDate } from '../../time/calendarDate';
import { echo } from '../../core/text';
import { nameArg } from '../model';

/** Splits `/circle pause [name] [until YYYY-MM-DD | for N weeks]` into its parts, checked. */
export type PauseArgs = { ok: true; name: string | null; until: string | null } | { ok: false; error: string };

const MAX_PAUSE_WEEKS = 52;

/**
 * `today` is the date in the circle's (or the person's) time zone; a pause "until" a date
 * resumes at the start of that day there.
 */
export function parsePauseArgs(text: string, today: string): PauseArgs {
  const trimmed = text.trim();
  const untilMatch = /(?:^|\s)until\s+(.+)$/i.exec(trimmed);
  const forMatch = /(?:^|\s)for\s+(\S+)\s+(\S+)$/i.exec(trimmed);
  let until: string | null = null;
  let nameText = trimmed;
  if (untilMatch) {
    const value = untilMatch[1]!.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValidDate(value)) {
      return {
        ok: false,
        error: `"${echo(value)}" is not a date I can read: write it as YYYY-MM-DD, for example \`until ${addDays(today, 14)}\`.`,
      };
    }
    if (value <= today) {
      return {
        ok: false,
        error: `${value} is not in the future (today is ${today}): pick a later date, or leave it out to pause until you resume.`,
      };
    }
    until = value;
    nameText = trimmed.slice(0, untilMatch.index).trim();
  } else if (forMatch) {
    const count = forMatch[1]!;
    const unit = forMatch[2]!;
    if (!/^weeks?$/i.test(unit)) {
      return { ok: false, error: `I can pause for a number of weeks, like \`for 3 weeks\` (not "${echo(unit)}").` };
    }
    if (!/^\d+$/.test(count))
      return { ok: false, error: `"${echo(count)}" is not a number of weeks: write it like \`for 3 weeks\`.` };
    const weeks = Number(count);
    if (weeks < 1) return { ok: false, error: 'A pause needs at least 1 week. To pause with no end, leave the duration out.' };
    if (weeks > MAX_PAUSE_WEEKS) {
      return { ok: false, error: `A pause can last at most ${MAX_PAUSE_WEEKS} weeks; for longer, consider leaving the circle.` };
    }
    until = addDays(today, weeks * 7);
    nameText = trimmed.slice(0, forMatch.index).trim();
  } else if (/(?:^|\s)(until|for)(\s|$)/i.test(trimmed)) {
    return { ok: false, error: 'Write the end of the pause as `until YYYY-MM-DD` or `for N weeks`.' };
  }
  const name = nameArg(nameText);
  if (!name.ok) return name;
  return { ok: true, name: name.name, until };
}
