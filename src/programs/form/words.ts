import { candidateLabel } from '../../availability';
import { escapeMrkdwn } from '../../core/text';
import { zoneCity } from '../../time/format';
import type { CircleFacts, FieldValue, HardRule, UnplacedReason } from '../formation/types';
import type { WishMet } from './model';
import type { FieldWords, ProgramTime } from './ports';

/**
 * The reasons a circle was formed, and why someone was not placed, in words an organizer reads.
 * Pure. Never mentions avoid-lists or organizations: those stay with the matcher.
 */

/** "Thu 16:00 New York": a time as it reads in its anchor zone. */
export function timeLabel(t: ProgramTime): string {
  return `${candidateLabel(t.candidate)} ${zoneCity(t.candidate.timeZone)}`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

const mention = (id: string) => `<@${id}>`;

function valueWord(field: FieldWords, v: FieldValue): string[] {
  const values = Array.isArray(v) ? v : [v];
  return values.map((x) => escapeMrkdwn(field.value(x)));
}

/** "all mid-career", or "career stage: early-career and mid-career". */
export function alikeWords(field: FieldWords, values: FieldValue[]): string | null {
  const words = [...new Set(values.flatMap((v) => valueWord(field, v)))];
  if (words.length === 0) return null;
  if (words.length === 1) return `all ${words[0]!}`;
  return `${escapeMrkdwn(field.label)}: ${listWords(words)}`;
}

/** "government, business, nonprofit and academia", or "role: finance and operations". */
export function mixedWords(field: FieldWords, values: string[]): string | null {
  const words = [...new Set(values.flatMap((v) => valueWord(field, v)))];
  if (words.length === 0) return null;
  const list = words.length === 1 ? `all ${words[0]!}` : listWords(words);
  return field.bare ? list : `${escapeMrkdwn(field.label)}: ${list}`;
}

export function wishWords(w: WishMet): string {
  return w.both ? `${mention(w.a)} and ${mention(w.b)} asked to be together` : `${mention(w.a)} asked to be with ${mention(w.b)}`;
}

const NUMBERS = ['no one', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const count = (n: number) => NUMBERS[n] ?? String(n);

/** "Thu 16:00 suits everyone", "…, one if need be". */
export function timeWords(timeLabel: string, ifNeedBe: number): string {
  const base = `${timeLabel} suits everyone`;
  return ifNeedBe === 0 ? base : `${base}, ${count(ifNeedBe)} if need be`;
}

/** Every reason a circle is as it is, in the order the organizer weighs them. */
export function reasonWords(
  facts: Pick<CircleFacts, 'alike' | 'mixed' | 'ifNeedBe' | 'repeats'>,
  wishes: WishMet[],
  fields: FieldWords[],
  timeLabel: string,
): string[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const parts: string[] = [];
  for (const a of facts.alike) {
    const field = byKey.get(a.key);
    const words = field ? alikeWords(field, a.values) : null;
    if (words) parts.push(words);
  }
  for (const m of facts.mixed) {
    const field = byKey.get(m.key);
    const words = field ? mixedWords(field, m.values) : null;
    if (words) parts.push(words);
  }
  for (const w of wishes) parts.push(wishWords(w));
  parts.push(timeWords(timeLabel, facts.ifNeedBe.length));
  for (const [a, b] of facts.repeats) parts.push(`${mention(a)} and ${mention(b)} were in a circle together before`);
  return parts;
}

/** Why someone is not in any circle: never naming who or what they conflict with. */
export const UNPLACED_WORDS: Record<UnplacedReason | 'unfinished', string> = {
  no_shared_time: 'no candidate time shared with enough others to make a circle',
  conflicts: 'every circle with room for them would break one of the program’s matching rules',
  not_enough_people: 'not enough people were left to make another circle',
  unfinished: 'did not finish the intake',
};

/** What happens next for them, in the DM they get at Confirm. */
export const NEXT_STEP_WORDS: Record<UnplacedReason | 'unfinished', string> = {
  no_shared_time:
    'None of the program’s meeting times suits enough other people. The organizers will look for a circle with room at a time that suits you, or include you in the next round.',
  conflicts: 'The organizers will look for a circle with room for you, or include you in the next round.',
  not_enough_people: 'The organizers will look for a circle with room for you, or include you in the next round.',
  unfinished: 'The intake is closed for this round; you will be asked again when the next round opens.',
};

/** A hard rule an edit would break, as the organizer reads it (the rule, not who it is about). */
export const BREAK_WORDS: Record<HardRule, string> = {
  size: 'a circle would fall outside the program’s size bounds',
  // Which private rule (an avoid-list, a shared organization) is not said: it would tell on someone.
  organization: 'it would break one of the program’s private matching rules',
  avoid: 'it would break one of the program’s private matching rules',
  shared_time: 'a circle would lose its shared meeting time',
};
