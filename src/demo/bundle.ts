import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { PageAsset } from '../sandbox/web';

const WEB = join(__dirname, '..', '..', 'web', 'demo');

/** Bundles the page (Preact, TSX, CSS) in memory at start-up: nothing is written, nothing goes stale. */
export async function bundlePage(): Promise<{ html: string; assets: Record<string, PageAsset> }> {
  const result = await build({
    entryPoints: { app: join(WEB, 'main.tsx') },
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets: Record<string, PageAsset> = {};
  for (const file of result.outputFiles) {
    const name = file.path.split(/[\\/]/).pop() ?? '';
    assets[name] = {
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body: file.text,
    };
  }
  return { html: readFileSync(join(WEB, 'index.html'), 'utf8'), assets };
}
