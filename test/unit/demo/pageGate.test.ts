import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageGate } from '../../../src/demo/pageGate';

describe('the demo page answers only once it is ready', () => {
  let server: Server;
  let base: string;
  const gate = pageGate();

  beforeAll(async () => {
    // As the emulator does: mounts first, then its own routes (the Web API answers 405 to a GET it does not know).
    server = createServer((req, res) => {
      if (gate.mount(req, res)) return;
      res.writeHead(405);
      res.end('method not allowed');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    gate.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('holds a request for the page until the page is ready, then answers it from the page', async () => {
    let answered = false;
    const early = fetch(`${base}/demo`).then(async (res) => {
      answered = true;
      return { status: res.status, body: await res.text() };
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    gate.open((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p>page at ${req.url ?? ''}</p>`);
      return true;
    });
    expect(await early).toEqual({ status: 200, body: '<p>page at /demo</p>' });
    expect(await (await fetch(`${base}/demo/api/state`)).text()).toBe('<p>page at /demo/api/state</p>');
  });

  it("answers the browser's icon request and leaves other routes to the Web API", async () => {
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    expect((await fetch(`${base}/api/auth.test`)).status).toBe(405);
  });
});
