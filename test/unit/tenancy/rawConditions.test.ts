import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Kysely joins `.where()` clauses with AND as they are written, so `.where('team_id', '=', t)
 * .where(sql\`a OR b\`)` reads "team_id = t AND a OR b": every workspace's rows where b holds.
 * A raw condition with an OR in it must be in parentheses (or built with `eb.or`).
 */
/** Whether the whole condition is one parenthesized group: `(a OR b)`, not `(a) OR (b)`. */
function wrapped(condition: string): boolean {
  if (!condition.startsWith('(')) return false;
  let depth = 0;
  for (let i = 0; i < condition.length; i++) {
    if (condition[i] === '(') depth += 1;
    if (condition[i] === ')') depth -= 1;
    if (depth === 0) return i === condition.length - 1;
  }
  return false;
}

describe('raw SQL conditions keep the workspace filter', () => {
  it('puts every OR of a raw where condition in parentheses', () => {
    const root = join(__dirname, '..', '..', '..', 'src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('sandbox'),
    );
    const bare: string[] = [];
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const match of source.matchAll(/\.where\(\s*sql(?:<[^>]*>)?`/g)) {
        // To the backtick that closes the template: a nested one (`${`%${id}%`}`) closes with `},
        // the condition's own with `)` or, when it is the left side of a comparison, with `,`.
        const start = match.index + match[0].length;
        const rest = source.slice(start);
        const condition = rest.slice(0, rest.search(/`\s*[,)]/)).trim();
        if (/\bor\b/i.test(condition) && !wrapped(condition)) {
          bare.push(`${file}: ${condition}`);
        }
      }
    }
    expect(bare).toEqual([]);
  });
});
