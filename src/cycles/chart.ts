import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { zoneOfStoredCadence } from '../time/cadence';
import { type Assets, type ChartAnswer, type ChartJob, FONT_FAMILY, specSvg } from './chartWorker';
import type { Report } from './report';

/**
 * The report's chart: attendance and usefulness at each session of the cycle, every session on
 * the axis (its date in the circle's zone), the ones nobody recorded marked so, and a sentence
 * instead of empty axes when nothing was recorded at all. Drawn in a worker thread.
 */

export const EMPTY_CHART = 'No attendance or check-ins recorded yet';
const NOT_RECORDED = 'not recorded';

const FONT_FILE = 'assets/fonts/LiberationSans-Regular.ttf';
// From the sources (src/cycles) or the build (dist/src/cycles).
const fontPath = () =>
  [path.resolve(__dirname, '../..', FONT_FILE), path.resolve(__dirname, '../../..', FONT_FILE)].find((p) => existsSync(p)) ??
  path.resolve(__dirname, '../..', FONT_FILE);
const assets = (): Assets => ({ fontPath: fontPath(), wasmPath: require.resolve('@resvg/resvg-wasm/index_bg.wasm') });

/** Each session's label on the axis: its number in the cycle and its date where the circle meets. */
export function sessionLabels(r: Report): string[] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zoneOfStoredCadence(r.circle.cadence),
    month: 'short',
    day: 'numeric',
  });
  return r.sessions.map((s, i) => `#${i + 1} ${format.format(s.startsAt)}`);
}

export function chartSpec(r: Report): TopLevelSpec {
  const title = `${r.circle.name} · cycle ${r.cycle.number}`;
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    background: 'white',
    config: { font: FONT_FAMILY },
  };
  if (!r.sessions.some((s) => s.noted)) {
    return {
      ...base,
      width: 640,
      height: 150,
      data: { values: [{ text: EMPTY_CHART }] },
      mark: { type: 'text', fontSize: 16, color: '#555' },
      encoding: { text: { field: 'text', type: 'nominal' } },
    } as TopLevelSpec;
  }
  const labels = sessionLabels(r);
  const values = r.sessions.flatMap((s, i): Array<{ session: string; measure: string; value: number | null }> => {
    const session = labels[i]!;
    if (!s.noted) return [{ session, measure: 'none', value: null }];
    return [
      ...(s.recorded > 0 ? [{ session, measure: 'Attendance (%)', value: Math.round((s.present / s.recorded) * 100) }] : []),
      ...(s.usefulness !== null ? [{ session, measure: 'Usefulness (1-5)', value: s.usefulness }] : []),
    ];
  });
  const x = (xTitle: string | null) => ({
    field: 'session',
    type: 'ordinal' as const,
    title: xTitle,
    sort: labels,
    scale: { domain: labels },
    axis: { labelAngle: 0 },
  });
  const panel = (measure: string, domain: [number, number], color: string, xTitle: string | null) => ({
    width: 640,
    height: 150,
    layer: [
      {
        transform: [{ filter: { field: 'measure', equal: measure } }],
        mark: { type: 'line' as const, point: { color }, color },
        encoding: { x: x(xTitle), y: { field: 'value', type: 'quantitative' as const, title: measure, scale: { domain } } },
      },
      {
        // Sessions nobody recorded: a word where the point would be, not a silent gap.
        transform: [{ filter: { field: 'measure', equal: 'none' } }, { calculate: `${(domain[0] + domain[1]) / 2}`, as: 'mid' }],
        mark: { type: 'text' as const, text: NOT_RECORDED, color: '#999', fontSize: 10 },
        encoding: { x: x(xTitle), y: { field: 'mid', type: 'quantitative' as const, scale: { domain } } },
      },
    ],
  });
  return {
    ...base,
    data: { values },
    vconcat: [panel('Attendance (%)', [0, 100], '#4c78a8', null), panel('Usefulness (1-5)', [1, 5], '#f58518', 'Session')],
  } as TopLevelSpec;
}

/** The chart as SVG, drawn in this thread: for tests and tools, not for requests. */
export async function chartSvg(r: Report): Promise<string> {
  return specSvg(chartSpec(r), assets());
}

// One worker for the process, started on the first chart; charts queue in it one at a time.
let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (png: Buffer) => void; reject: (e: Error) => void }>();

/** The worker's entry beside this file: TypeScript under the tests, JavaScript after a build. */
const fromSources = path.extname(__filename) === '.ts';
const workerEntry = () => path.join(__dirname, `chartWorker${fromSources ? '.ts' : '.js'}`);

function chartWorker(): Worker {
  if (worker) return worker;
  // From the sources Node strips the types and, seeing \`import\`, loads the file as an ES module:
  // it says so once per worker unless told that is expected.
  const started = new Worker(workerEntry(), fromSources ? { execArgv: ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'] } : {});
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    if (worker === started) worker = undefined;
  };
  started.on('message', (answer: ChartAnswer) => {
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (waiting.size === 0) started.unref();
    if (!w) return;
    if ('error' in answer) w.reject(new Error(`Chart rendering failed: ${answer.error}`));
    else w.resolve(Buffer.from(answer.png));
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`The chart worker exited (${code})`)));
  worker = started;
  return started;
}

/** The chart as PNG, rendered off the event loop. */
export function chartPng(r: Report): Promise<Buffer> {
  const spec = chartSpec(r);
  const w = chartWorker();
  const id = ++nextId;
  return new Promise<Buffer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    // Held open while a chart is due, let go once none is, so it never keeps a process alive.
    w.ref();
    w.postMessage({ id, spec, assets: assets() } satisfies ChartJob);
  });
}

/** Stops the worker (tests, shutdown). */
export async function stopChartWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
