import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Decoded like Bolt does: JSON body, or form body with an optional JSON `payload` field. */
  body: Record<string, unknown>;
  signatureValid: boolean;
}

export interface Reply {
  status?: number;
  body?: unknown;
}

/**
 * A stand-in app that verifies Slack signatures on its own (independently of the emulator's
 * signing code) and answers with whatever the test scripts.
 */
export class FakeApp {
  readonly received: ReceivedRequest[] = [];
  reply: (req: ReceivedRequest) => Reply | Promise<Reply> = () => ({ status: 200 });
  private server: Server | undefined;
  url = '';

  constructor(private readonly signingSecret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const received: ReceivedRequest = {
          headers: req.headers,
          rawBody,
          body: decode(rawBody, req.headers['content-type']),
          signatureValid: this.verify(req.headers, rawBody),
        };
        this.received.push(received);
        void Promise.resolve(this.reply(received)).then(({ status = 200, body }) => {
          if (body === undefined) {
            res.writeHead(status);
            res.end();
          } else if (typeof body === 'string') {
            res.writeHead(status, { 'content-type': 'text/plain' });
            res.end(body);
          } else {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
          }
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo; // TCP listen always yields AddressInfo
    this.url = `http://127.0.0.1:${port}/slack/events`;
    return this;
  }

  last(): ReceivedRequest {
    const last = this.received[this.received.length - 1];
    if (!last) throw new Error('the fake app received nothing');
    return last;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** Slack's documented algorithm, written out here so the test doesn't trust the emulator's own signer. */
  private verify(headers: IncomingHttpHeaders, rawBody: string): boolean {
    const ts = headers['x-slack-request-timestamp'];
    const sig = headers['x-slack-signature'];
    if (typeof ts !== 'string' || typeof sig !== 'string') return false;
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
    const expected = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${ts}:${rawBody}`).digest('hex')}`;
    return expected.length === sig.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sig));
  }
}

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('json')) return JSON.parse(raw) as Record<string, unknown>; // the driver only sends JSON objects
  const form = Object.fromEntries(new URLSearchParams(raw));
  return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
}
