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

export async function control(
  name: 'travel' | 'tour',
  body: { jump?: TravelJump } = {},
): Promise<{ ok: boolean; error?: string }> {
  const res = await fetch(`${BASE}/control/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; error?: string };
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
