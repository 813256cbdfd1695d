import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { JsonObject } from './types';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Repeated keys collapse to the last value, which is what Slack does with duplicated form fields. */
export function parseForm(raw: string): JsonObject {
  const parsed = parseQuery(raw);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(parsed)) {
    out[key] = Array.isArray(value) ? value[value.length - 1] : value;
  }
  return out;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/** Enough multipart/form-data for what @slack/web-api sends (FormData with string fields and one file). */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = boundaryMatch?.[1] ?? boundaryMatch?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next < 0) break;
    const part = body.subarray(afterDelimiter + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      parts.push({ name, ...(filename !== undefined ? { filename } : {}), data: part.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

/** Parses a Web API body in any encoding Slack accepts; multipart file parts come back as Buffers. */
export function parseApiBody(body: Buffer, contentType: string): JsonObject {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length === 0) return {};
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('JSON body must be an object');
    return { ...parsed };
  }
  if (type === 'multipart/form-data') {
    const out: JsonObject = {};
    for (const part of parseMultipart(body, contentType))
      out[part.name] = part.filename !== undefined ? part.data : part.data.toString('utf8');
    return out;
  }
  return parseForm(body.toString('utf8'));
}
