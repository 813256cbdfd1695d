import type { IncomingMessage } from 'node:http';

/** The largest body the page's API reads: far above what it sends (Slack caps a message at 40,000 characters). */
export const MAX_JSON_BYTES = 1024 * 1024;

/** A request the page's API will not read, with the HTTP status that says why. */
export class RefusedBody extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The JSON body of a POST to the page's API. Only `application/json`: a browser sends that type
 * across origins only after a preflight this server never answers, while `text/plain` and form
 * bodies go without asking. A body past `max` bytes is refused as it arrives, not buffered.
 */
export function readJsonBody(req: IncomingMessage, max = MAX_JSON_BYTES): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return Promise.reject(new RefusedBody(415, 'The demo API takes JSON only (Content-Type: application/json).'));
  const tooLarge = () => new RefusedBody(413, `The body is over ${max} bytes.`);
  if (Number(req.headers['content-length'] ?? 0) > max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      // The rest is read and dropped, so the client gets the answer rather than a reset connection.
      req.off('data', onData);
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      if (size > max) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? (JSON.parse(text) as unknown) : {});
      } catch {
        reject(new RefusedBody(400, 'The body is not JSON.'));
      }
    });
  });
}
