import type { DemoStatus, TravelJump } from '../../src/demo/status';
import type { ActRequest, ActResponse, PageState } from '../../src/sandbox/web/types';

const BASE = '/demo/api';

export function fileUrl(id: string, download = false): string {
  return `${BASE}/files/${encodeURIComponent(id)}${download ? '?download' : ''}`;
}

export async function fetchState(as: string, conversation: string | undefined): Promise<PageState> {
  const query = new URLSearchParams({ as, ...(conversation ? { conversation } : {}) });
  const res = await fetch(`${BASE}/state?${query.toString()}`);
  if (!res.ok) throw new Error(`The workspace did not answer (${res.status})`);
  return (await res.json()) as PageState;
}

export async function act(request: ActRequest): Promise<ActResponse> {
  const res = await fetch(`${BASE}/act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return (await res.json()) as ActResponse;
}

export type ControlName = 'travel' | 'tour' | 'tour-pause' | 'tour-next' | 'tour-back' | 'tour-close';

export async function control(
  name: ControlName,
  body: { jump?: TravelJump; date?: string; timeZone?: string; channel?: string; act?: number; paused?: boolean } = {},
): Promise<{ ok: boolean; error?: string; result?: unknown }> {
  const res = await fetch(`${BASE}/control/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; error?: string; result?: unknown };
}

/** Calls `onChange` whenever the workspace may have changed; returns a function that stops listening. */
export function subscribe(onChange: () => void): () => void {
  const source = new EventSource(`${BASE}/events`);
  source.addEventListener('change', onChange);
  return () => source.close();
}

export function demoStatus(state: PageState | undefined): DemoStatus | undefined {
  const demo = state?.demo;
  if (typeof demo !== 'object' || demo === null || !('tour' in demo)) return undefined;
  return demo as DemoStatus;
}
