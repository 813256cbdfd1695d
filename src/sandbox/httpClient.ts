import { request } from 'node:http';

export interface HttpResult {
  status: number;
  /** Parsed JSON when the app answered JSON, otherwise the text; '' for an empty body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- it is whatever the app acked; tests inspect it without ceremony
  body: any;
  headers: Record<string, string>;
  rawBody: string;
  elapsedMs: number;
}

/** Plain node:http (not fetch) so jest fake timers or a mocked fetch in the app can't interfere. */
export function postRaw(url: string, body: string, headers: Record<string, string>): Promise<HttpResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const rawBody = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) {
            if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: res.statusCode ?? 0,
            body: decode(rawBody, flat['content-type']),
            headers: flat,
            rawBody,
            elapsedMs: Date.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function decode(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return '';
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}
