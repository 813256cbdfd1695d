import { readFileSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Draws a chart spec to SVG (Vega-Lite and Vega) and to PNG (resvg, WebAssembly: no platform
 * binary), with the font the project ships so text looks the same on every machine. Rendering
 * takes up to seconds of CPU, so the app runs it in a worker thread (this file is its entry):
 * the event loop keeps acking. Self-contained on purpose (no imports of the app's own modules):
 * the worker loads this file as it is, TypeScript under the tests (Node strips the types) or the
 * compiled JavaScript after a build.
 */

export const FONT_FAMILY = 'Liberation Sans';

/** Where the font and resvg's WebAssembly are: found by the caller, since this file may run as an ES module. */
export interface Assets {
  fontPath: string;
  wasmPath: string;
}

export interface ChartJob {
  id: number;
  spec: TopLevelSpec;
  assets: Assets;
}
export type ChartAnswer = { id: number; png: Uint8Array } | { id: number; error: string };

// Loaded on the first chart, not at start-up (Vega is hundreds of modules), and the WebAssembly
// compiled once per thread.
type Renderer = {
  font: Uint8Array;
  Resvg: typeof import('@resvg/resvg-wasm').Resvg;
  vega: typeof import('vega');
  compile: typeof import('vega-lite').compile;
};
let ready: Promise<Renderer> | undefined;
function renderer(assets: Assets): Promise<Renderer> {
  ready ??= (async () => {
    const [resvg, vega, vegaLite] = await Promise.all([import('@resvg/resvg-wasm'), import('vega'), import('vega-lite')]);
    await resvg.initWasm(readFileSync(assets.wasmPath));
    return { font: readFileSync(assets.fontPath), Resvg: resvg.Resvg, vega, compile: vegaLite.compile };
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

export async function specSvg(spec: TopLevelSpec, assets: Assets): Promise<string> {
  const { vega, compile } = await renderer(assets);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function specPng(spec: TopLevelSpec, assets: Assets): Promise<Uint8Array> {
  const { font, Resvg } = await renderer(assets);
  const svg = await specSvg(spec, assets);
  const png = new Resvg(svg, {
    font: { fontBuffers: [font], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: 2 },
  });
  try {
    return png.render().asPng();
  } finally {
    png.free();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: ChartJob) => {
    specPng(job.spec, job.assets).then(
      (png) => port.postMessage({ id: job.id, png } satisfies ChartAnswer, [png.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id: job.id, error: String(error) } satisfies ChartAnswer),
    );
  });
}
