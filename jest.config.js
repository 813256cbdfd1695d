const { availableParallelism } = require('node:os');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/**
 * Kysely (and the page's emoji list, gemoji) ship ES modules only. Node loads them from CommonJS
 * (require of ESM), but Jest 29's own module loader does not, so the tests get the same code
 * bundled as one CommonJS file: for `kysely` and `kysely/migration` alike (one copy, so their
 * classes are the same ones).
 */
function bundledForJest(pkg, contents) {
  const { version } = JSON.parse(readFileSync(join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8'));
  const file = join(__dirname, 'node_modules', '.cache', 'jest-esm', `${pkg}-${version}.cjs`);
  if (!existsSync(file)) {
    const [bundle] = require('esbuild').buildSync({
      stdin: { contents, resolveDir: __dirname },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node24',
      sourcemap: 'inline',
      outfile: file,
      write: false,
      logLevel: 'error',
    }).outputFiles;
    // Renamed into place whole, so a Jest started at the same moment never reads half a file.
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${require('node:process').pid}`;
    writeFileSync(partial, bundle.contents);
    renameSync(partial, file);
  }
  return file;
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`'s job; transpiling only keeps the suite fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    '^kysely(/migration)?$': bundledForJest('kysely', "export * from 'kysely'; export * from 'kysely/migration';"),
    '^gemoji$': bundledForJest('gemoji', "export * from 'gemoji';"),
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  testTimeout: 30000,
  // Most test time is waiting on HTTP, timers and the database, so two workers pay even on a
  // two-core machine, where jest would otherwise run one.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};
