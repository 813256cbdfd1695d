import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
// The command `npm run deps` runs; its file inside the package moves between versions.
const cli = path.join(root, 'node_modules/.bin/depcruise');

/** Runs the import check CI runs, from `cwd`, and returns its exit code and report. */
async function check(cwd: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [cli, 'src', '--config', path.join(root, '.dependency-cruiser.js')], { cwd });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? 1, out: e.stdout ?? '' };
  }
}

describe('the import rules', () => {
  it("fail on a tree where two features import each other and one reads the other's store", async () => {
    const { code, out } = await check(path.join(root, 'test/fixtures/deps'));
    expect(code).not.toBe(0);
    expect(out).toContain('no-circular');
    expect(out).toContain('no-feature-cycle');
    expect(out).toContain('no-foreign-store: src/alpha/service.ts → src/beta/store.ts');
  });

  it('pass on the app itself', async () => {
    const { code, out } = await check(root);
    expect(out).toContain('no dependency violations found');
    expect(code).toBe(0);
  });
});
