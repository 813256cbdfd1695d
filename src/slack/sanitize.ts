/**
 * Repairs what no Slack client sends but a forged or broken request may, before any listener
 * reads the payload, so each feature's parsing sees the shapes Slack documents:
 * - NUL characters are dropped: PostgreSQL text cannot hold one, so the first query that stores
 *   or even compares such a string would fail;
 * - a modal submission without a state object gets an empty one, so its fields read as missing
 *   (and are answered as such) instead of failing on `state.values`.
 */
export function sanitizePayload(body: unknown): void {
  scrub(body);
  const view = (body as { type?: unknown; view?: { state?: unknown } }).view;
  if ((body as { type?: unknown }).type === 'view_submission' && view && typeof view === 'object') {
    const state = view.state as { values?: unknown } | undefined;
    if (!state || typeof state !== 'object' || !state.values || typeof state.values !== 'object' || Array.isArray(state.values)) {
      view.state = { values: {} };
    }
  }
}

function scrub(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (typeof item === 'string') node[i] = item.replaceAll('\u0000', '');
      else scrub(item);
    });
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        if (value.includes('\u0000')) record[key] = value.replaceAll('\u0000', '');
      } else scrub(value);
    }
  }
}
