import { z } from 'zod';
import { PROMPT_BANK, type Prompt } from './promptBank';

/** The sessions' pure rules: warm-up rotation, prompt picking, and what people type. */

// ---------------------------------------------------------------------------------------------
// Warm-up rotation

export type MemberStatus = 'active' | 'paused' | 'waitlisted' | 'left';

export interface LeaderCandidate {
  userId: string;
  joinedAt: Date;
  status: MemberStatus;
  lastLedAt: Date | null;
}

export interface NextLeaderOptions {
  /** Members to skip this time, e.g. someone who passed the warm-up on. */
  exclude?: string[];
}

/**
 * Who leads the next warm-up: the active member who led least recently. Ordering by
 * lastLedAt (rather than counting turns) means a newcomer, who has never led, goes
 * before anyone takes a second turn, and someone returning from a pause or passing
 * a turn keeps their place instead of being pushed to the back.
 */
export function nextLeader(candidates: LeaderCandidate[], opts: NextLeaderOptions = {}): string | null {
  const excluded = new Set(opts.exclude ?? []);
  let best: LeaderCandidate | null = null;
  for (const c of candidates) {
    if (c.status !== 'active' || excluded.has(c.userId)) continue;
    if (best === null || comesBefore(c, best)) best = c;
  }
  return best?.userId ?? null;
}

function comesBefore(a: LeaderCandidate, b: LeaderCandidate): boolean {
  const led = compareLastLed(a.lastLedAt, b.lastLedAt);
  if (led !== 0) return led < 0;
  const joined = a.joinedAt.getTime() - b.joinedAt.getTime();
  if (joined !== 0) return joined < 0;
  // Code-unit comparison, not localeCompare, so the order never depends on the host's locale.
  return a.userId < b.userId;
}

function compareLastLed(a: Date | null, b: Date | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return a.getTime() - b.getTime();
}

// ---------------------------------------------------------------------------------------------
// Prompts

export type { Prompt };

/** The built-in bank followed by a circle's own prompts; a custom id never shadows a bank id. */
export function promptsForCircle(custom: readonly Prompt[]): Prompt[] {
  return dedupeById([...PROMPT_BANK, ...custom]);
}

/**
 * Picks the next warm-up prompt.
 *
 * `used` is the circle's history of prompt ids, oldest first. Prompts the circle has
 * never seen always come first, so a custom prompt added mid-way is used soon. Once all
 * have been seen, draws continue in rounds: nothing repeats until every prompt has
 * had its turn in the round, and within a round the pick is limited to the older half
 * of what's left, so the prompts that closed the previous round come last.
 *
 * Deterministic: the same inputs and seed give the same prompt, so a retried job or a
 * re-rendered message shows the same question.
 */
export function pickPrompt(available: readonly Prompt[], used: readonly string[], seed: string): Prompt {
  const prompts = dedupeById(available);
  if (prompts.length === 0) throw new RangeError('pickPrompt needs at least one prompt');
  const ids = new Set(prompts.map((p) => p.id));

  const lastUse = new Map<string, number>();
  used.forEach((id, index) => {
    if (ids.has(id)) lastUse.set(id, index);
  });

  const unseen = prompts.filter((p) => !lastUse.has(p.id));
  let pool = unseen;
  if (pool.length === 0) {
    const round = currentRound(used, ids);
    pool = prompts.filter((p) => !round.has(p.id));
  }

  const lastOf = (p: Prompt): number => lastUse.get(p.id) ?? -1;
  const byAge = pool.map(lastOf).sort((a, b) => a - b);
  const cutoff = byAge[Math.ceil(byAge.length / 2) - 1] ?? -1;
  const candidates = pool.filter((p) => lastOf(p) <= cutoff);

  const chosen = candidates[hash32(seed) % candidates.length];
  if (chosen === undefined) throw new Error('unreachable: candidate pool is never empty');
  return chosen;
}

/**
 * Ids used so far in the round in progress. Replays history: a round closes once every
 * available prompt has appeared in it, and a repeat (possible in history written before
 * a prompt was added or removed) starts a new round at that point.
 */
function currentRound(used: readonly string[], ids: ReadonlySet<string>): Set<string> {
  let round = new Set<string>();
  for (const id of used) {
    if (!ids.has(id)) continue;
    if (round.has(id)) {
      round = new Set([id]);
      continue;
    }
    round.add(id);
    if (round.size === ids.size) round = new Set();
  }
  return round;
}

function dedupeById(prompts: readonly Prompt[]): Prompt[] {
  const seen = new Set<string>();
  return prompts.filter((p) => {
    if (seen.has(p.id)) return false;
    seen.add(p.id);
    return true;
  });
}

/** FNV-1a: tiny, stable across runtimes, and spreads short similar seeds well enough here. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const AGENDA_ITEM_MAX = 500;
export const PROMPT_MIN = 3;
export const PROMPT_MAX = 300;

// ---------------------------------------------------------------------------------------------
// Command arguments

/**
 * `[name] [add TEXT]`: the first standalone word "add" separates the optional circle name from
 * the text. `add` is null when the word is absent (show, don't add), '' when nothing follows it.
 */
export function splitAddArgs(rest: string): { nameText: string; add: string | null } {
  const m = /(^|\s)add(\s|$)/i.exec(rest);
  if (!m) return { nameText: rest.trim(), add: null };
  return { nameText: rest.slice(0, m.index).trim(), add: rest.slice(m.index + m[0].length).trim() };
}

export type AgendaItemInput = { kind: 'item' | 'reading'; text: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// With should_escape on, Slack sends a link as <https://…> or <https://…|label>.
const WRAPPED_LINK = /^<(https?:\/\/[^\s<>|]+)(?:\|[^<>]*)?>$/;
// No <, > or | so a reading, which the agenda shows as a live link, cannot smuggle in mentions.
const BARE_LINK = /^https?:\/\/[^\s<>|]+$/;

const agendaTextSchema = z
  .string()
  .trim()
  .min(1, { error: 'Write the item after `add`, for example `/circle agenda add A hiring case I would like advice on`.' })
  .max(AGENDA_ITEM_MAX, {
    error: (issue) =>
      `That item is ${String(issue.input).trim().length} characters; an agenda item can be at most ${AGENDA_ITEM_MAX}. Shorten it, or share the detail in the channel. Nothing was added.`,
  });

/** An agenda item as typed: a lone http(s) link is a reading, anything else an item. */
export function parseAgendaItem(raw: string): Checked<AgendaItemInput> {
  const parsed = agendaTextSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'That item cannot be added.' };
  const text = parsed.data;
  const link = WRAPPED_LINK.exec(text)?.[1] ?? (BARE_LINK.test(text) ? text : undefined);
  return { ok: true, value: link ? { kind: 'reading', text: link } : { kind: 'item', text } };
}

const promptSchema = z
  .string()
  .trim()
  .min(PROMPT_MIN, {
    error: `Write the prompt after \`add\` (${PROMPT_MIN} to ${PROMPT_MAX} characters), for example \`/circle prompts add What did you learn from your first manager?\`. Nothing was added.`,
  })
  .max(PROMPT_MAX, {
    error: (issue) =>
      `That prompt is ${String(issue.input).trim().length} characters; a prompt can be at most ${PROMPT_MAX}. Nothing was added.`,
  });

export function parsePrompt(raw: string): Checked<string> {
  const parsed = promptSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: parsed.error.issues[0]?.message ?? 'That prompt cannot be added.' };
}

export const promptsUsageText = (command = '/circle'): string =>
  `Add a get-to-know-you prompt to your circle's own bank: \`${command} prompts [name] add TEXT\` (${PROMPT_MIN} to ${PROMPT_MAX} characters). Warm-up leaders draw from it alongside the built-in prompts, new ones first.`;

/** A circle picked for `/circle agenda` or `/circle prompts`, with the text to add if one was given. */
export const pickSchema = z.object({
  circleId: z.number().int().positive(),
  add: z.string().max(2000).optional(),
});
export type Pick = z.infer<typeof pickSchema>;

export const pickValue = (pick: Pick): string => JSON.stringify(pick);

// ---------------------------------------------------------------------------------------------
// Schedule

/** Why a circle has no sessions to show. */
export type EmptyReason =
  | { kind: 'pairs' }
  | { kind: 'ended' }
  | { kind: 'no-rhythm' }
  | { kind: 'no-cycle' }
  | { kind: 'cycle-over'; endDate: string; ended: boolean }
  | { kind: 'not-started'; startDate: string }
  | { kind: 'none' };
