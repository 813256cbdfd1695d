import { listSections, SECTION_TEXT_MAX } from '../../../src/slack/blocks';

const textOf = (b: { text?: { text: string } }) => b.text?.text ?? '';

describe('listSections', () => {
  it('keeps a short list in one section under its title', () => {
    const { blocks, omitted } = listSections('*Items*', ['• one', '• two'], 5);
    expect(blocks.map(textOf)).toEqual(['*Items*\n• one\n• two']);
    expect(omitted).toBe(0);
  });

  it('splits a long list between lines so no section passes 3,000 characters, and loses none', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `• item ${i} ${'x'.repeat(480)}`);
    const { blocks, omitted } = listSections('*Items*', lines, 15);
    expect(omitted).toBe(0);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(textOf(b).length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    const shown = blocks.map(textOf).join('\n');
    for (const line of lines) expect(shown).toContain(line);
  });

  it('says how many lines did not fit in the sections allowed', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `• ${i} ${'y'.repeat(990)}`);
    const { blocks, omitted } = listSections('*Items*', lines, 3);
    expect(blocks).toHaveLength(3);
    const shownCount = blocks
      .map(textOf)
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('• ')).length;
    expect(shownCount + omitted).toBe(100);
    expect(omitted).toBeGreaterThan(0);
  });

  it('cuts a single line longer than a section, with an ellipsis', () => {
    const { blocks } = listSections('', ['z'.repeat(5000)], 2);
    expect(textOf(blocks[0]!)).toHaveLength(SECTION_TEXT_MAX - 1);
    expect(textOf(blocks[0]!).endsWith('…')).toBe(true);
  });
});
