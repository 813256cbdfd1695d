import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const folder = path.resolve(__dirname, '../../../src/availability');
const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));

describe('the availability model stays pure', () => {
  it.each(files)('%s imports only zod, time/ and its own folder, and never reads the clock', (file) => {
    const source = readFileSync(path.join(folder, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((i) => !/^(zod|\.\/[A-Za-z]+|\.\.\/time\/[A-Za-z]+)$/.test(i ?? ''))).toEqual([]);
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)/);
  });
});
