import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Report } from './report';

/**
 * The report's chart: attendance and usefulness per session over the cycle, drawn by Vega-Lite to
 * SVG and by resvg (WebAssembly, so no platform-specific binary) to PNG, with the font the
 * project ships so text looks the same on every machine.
 */

const FONT_FAMILY = 'Liberation Sans';
const FONT_FILE = 'assets/fonts/LiberationSans-Regular.ttf';
// From the sources (src/cycles) or the build (dist/src/cycles).
const fontPath = () =>
  [path.resolve(__dirname, '../..', FONT_FILE), path.resolve(__dirname, '../../..', FONT_FILE)].find((p) => existsSync(p)) ??
  path.resolve(__dirname, '../..', FONT_FILE);

// Loaded on the first chart, not at start-up (Vega is hundreds of modules), and the WebAssembly
// compiled once per process.
type Renderer = {
  font: Uint8Array;
  Resvg: typeof import('@resvg/resvg-wasm').Resvg;
  vega: typeof import('vega');
  compile: typeof import('vega-lite').compile;
};
let ready: Promise<Renderer> | undefined;
function renderer(): Promise<Renderer> {
  ready ??= (async () => {
    const [resvg, vega, vegaLite] = await Promise.all([import('@resvg/resvg-wasm'), import('vega'), import('vega-lite')]);
    await resvg.initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return { font: readFileSync(fontPath()), Resvg: resvg.Resvg, vega, compile: vegaLite.compile };
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

export function chartSpec(r: Report): TopLevelSpec {
  const values = r.sessions.flatMap((s) => [
    ...(s.recorded > 0
      ? [{ date: s.startsAt.toISOString(), measure: 'Attendance (%)', value: Math.round((s.present / s.recorded) * 100) }]
      : []),
    ...(s.usefulness !== null ? [{ date: s.startsAt.toISOString(), measure: 'Usefulness (1-5)', value: s.usefulness }] : []),
  ]);
  const panel = (measure: string, domain: [number, number], color: string, xTitle: string | null) => ({
    width: 640,
    height: 150,
    transform: [{ filter: { field: 'measure', equal: measure } }],
    mark: { type: 'line' as const, point: { color }, color },
    encoding: {
      x: { field: 'date', type: 'temporal' as const, title: xTitle, axis: { format: '%b %d' } },
      y: { field: 'value', type: 'quantitative' as const, title: measure, scale: { domain } },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${r.circle.name} · cycle ${r.cycle.number}`,
    background: 'white',
    config: { font: FONT_FAMILY },
    data: { values },
    vconcat: [panel('Attendance (%)', [0, 100], '#4c78a8', null), panel('Usefulness (1-5)', [1, 5], '#f58518', 'Session')],
  } as TopLevelSpec;
}

export async function chartSvg(r: Report): Promise<string> {
  const { vega, compile } = await renderer();
  const view = new vega.View(vega.parse(compile(chartSpec(r)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function chartPng(r: Report): Promise<Buffer> {
  const { font, Resvg } = await renderer();
  const svg = await chartSvg(r);
  const png = new Resvg(svg, {
    font: { fontBuffers: [font], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: 2 },
  });
  try {
    return Buffer.from(png.render().asPng());
  } finally {
    png.free();
  }
}
