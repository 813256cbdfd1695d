import { PROMPT_BANK } from '../../../src/sessions/promptBank';
import { type Prompt, pickPrompt, promptsForCircle } from '../../../src/sessions/model';

/** Draws `count` prompts in sequence, feeding each pick back into the history as the app would. */
function draw(available: readonly Prompt[], count: number, seedPrefix = 'circle-1', history: string[] = []): string[] {
  const used = [...history];
  for (let i = 0; i < count; i++) used.push(pickPrompt(available, used, `${seedPrefix}:${used.length}`).id);
  return used.slice(history.length);
}

describe('PROMPT_BANK', () => {
  it('has at least 60 prompts with stable, unique ids', () => {
    expect(PROMPT_BANK.length).toBeGreaterThanOrEqual(60);
    const ids = PROMPT_BANK.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id, i) => {
      expect(id).toBe(`bank-${String(i + 1).padStart(2, '0')}`);
    });
  });

  it('has no duplicate or overlong prompts', () => {
    const normalised = PROMPT_BANK.map((p) =>
      p.text
        .toLowerCase()
        .replace(/[^a-z]+/g, ' ')
        .trim(),
    );
    expect(new Set(normalised).size).toBe(normalised.length);
    for (const p of PROMPT_BANK) {
      expect(p.text.length).toBeLessThanOrEqual(200);
      expect(p.text).toBe(p.text.trim());
      expect(p.text).toMatch(/[?.]$/);
    }
  });
});

describe('pickPrompt', () => {
  const custom: Prompt[] = [
    { id: 'custom-a', text: 'What did you ship this sprint that you want to tell us about?' },
    { id: 'custom-b', text: "What's one thing our circle should try next month?" },
  ];
  const available = promptsForCircle(custom);

  it('never repeats until every prompt, bank and custom, has been used', () => {
    const firstRound = draw(available, available.length);
    expect(new Set(firstRound).size).toBe(available.length);
    expect(firstRound).toEqual(expect.arrayContaining(['custom-a', 'custom-b']));
  });

  it('runs later rounds without repeats too, and keeps recent prompts back', () => {
    const n = available.length;
    const picks = draw(available, 3 * n);
    for (let round = 0; round < 3; round++) {
      expect(new Set(picks.slice(round * n, (round + 1) * n)).size).toBe(n);
    }
    // Across round boundaries, nothing comes back within half a round.
    const lastSeen = new Map<string, number>();
    picks.forEach((id, i) => {
      const previous = lastSeen.get(id);
      if (previous !== undefined) expect(i - previous).toBeGreaterThan(Math.floor(n / 2));
      lastSeen.set(id, i);
    });
  });

  it('is deterministic for a seed and varies between seeds', () => {
    const used = ['bank-01', 'bank-02'];
    expect(pickPrompt(available, used, 'seed-x')).toEqual(pickPrompt(available, used, 'seed-x'));
    expect(draw(available, 30, 'circle-7')).toEqual(draw(available, 30, 'circle-7'));
    const firsts = new Set(Array.from({ length: 20 }, (_, i) => pickPrompt(available, [], `circle-${i}`).id));
    expect(firsts.size).toBeGreaterThan(5);
    expect(draw(available, 10, 'circle-a')).not.toEqual(draw(available, 10, 'circle-b'));
  });

  it('uses a newly added custom prompt before repeating anything', () => {
    const history = draw(PROMPT_BANK, PROMPT_BANK.length + 5);
    const added: Prompt = { id: 'custom-new', text: 'What are you learning right now?' };
    const next = pickPrompt([...PROMPT_BANK, added], history, 'any');
    expect(next.id).toBe('custom-new');
    // And doesn't get stuck on it afterwards.
    const after = draw([...PROMPT_BANK, added], 10, 'circle-1', [...history, next.id]);
    expect(after).not.toContain('custom-new');
    expect(new Set(after).size).toBe(after.length);
  });

  it('picks among the least recently used once everything has been seen', () => {
    const small: Prompt[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id }));
    const history = ['a', 'b', 'c', 'd'];
    for (let s = 0; s < 50; s++) {
      expect(['a', 'b']).toContain(pickPrompt(small, history, `s${s}`).id);
    }
    // Mid-round: only prompts not yet used this round are candidates.
    for (let s = 0; s < 50; s++) {
      expect(['b', 'c']).toContain(pickPrompt(small, [...history, 'a'], `s${s}`).id);
    }
    expect(pickPrompt(small, [...history, 'a', 'b', 'c'], 'x').id).toBe('d');
  });

  it('ignores history for prompts that are no longer available', () => {
    const small: Prompt[] = [
      { id: 'a', text: 'A?' },
      { id: 'b', text: 'B?' },
    ];
    expect(pickPrompt(small, ['gone', 'a', 'gone'], 'x').id).toBe('b');
  });

  it('works with a single prompt and rejects an empty list', () => {
    expect(pickPrompt([{ id: 'only', text: 'Only?' }], ['only', 'only'], 'x').id).toBe('only');
    expect(() => pickPrompt([], [], 'x')).toThrow(RangeError);
  });

  it('keeps bank ids when a custom prompt reuses one', () => {
    const clash = promptsForCircle([{ id: 'bank-01', text: 'Impostor?' }]);
    expect(clash.find((p) => p.id === 'bank-01')?.text).toBe(PROMPT_BANK[0]?.text);
    expect(clash).toHaveLength(PROMPT_BANK.length);
  });
});
