import { PROMPT_BANK } from './promptBank';

export interface Prompt {
  id: string;
  text: string;
}

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
