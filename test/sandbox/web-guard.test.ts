import { request as httpRequest } from 'node:http';
import { CHANNELS, type SlackEmulator, startSlackEmulator, USERS } from '../../src/sandbox';
import { localOnly, webSurface } from '../../src/sandbox/web';
import { MAX_JSON_BYTES } from '../../src/sandbox/web/jsonBody';
import { FakeApp } from './fakeApp';

/**
 * What a web page the developer visits can make their browser send to the demo: requests from
 * its own origin (CSRF), and requests under its own name once that name resolves to 127.0.0.1
 * (DNS rebinding). Raw HTTP, because fetch will not send a Host of its choosing.
 */
describe('the demo page’s server refuses what other web pages send', () => {
  let emu: SlackEmulator;
  let app: FakeApp;
  let port: number;
  const controls: Array<{ name: string; body: unknown }> = [];

  beforeEach(async () => {
    emu = await startSlackEmulator();
    app = await new FakeApp(emu.signingSecret).start();
    emu.mount(localOnly({ hostnames: ['demo.lan'] }));
    emu.mount(
      webSurface({
        emulator: emu,
        driver: emu.driver(app.url),
        page: { html: '<p>page</p>', assets: {} },
        demo: {
          state: () => ({}),
          control: (name, body) => {
            controls.push({ name, body });
            return Promise.resolve({ done: true });
          },
        },
      }),
    );
    port = Number(new URL(emu.baseUrl).port);
    controls.length = 0;
  });
  afterEach(async () => {
    await app.stop();
    await emu.close();
  });

  interface Sent {
    method?: string;
    host?: string;
    headers?: Record<string, string>;
    /** Sent in chunks, without a Content-Length, when an array. */
    body?: string | string[];
  }
  const send = (path: string, sent: Sent = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const body = sent.body;
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: sent.method ?? 'GET',
          headers: {
            host: sent.host ?? `127.0.0.1:${port}`,
            ...(typeof body === 'string' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
            ...sent.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
      else if (body !== undefined) req.write(body);
      req.end();
    });
  const json = { 'content-type': 'application/json' };
  const command = JSON.stringify({ type: 'command', as: USERS.ana, channel: CHANNELS.general, text: '/circle join' });

  it('refuses a POST from another origin, in any content type, before acting on it', async () => {
    for (const headers of [
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { origin: 'https://evil.example', ...json },
      { origin: 'null', ...json },
      // Another port on this machine is another origin too.
      { origin: `http://127.0.0.1:${port + 1}`, ...json },
    ]) {
      const refused = await send('/demo/api/act', { method: 'POST', headers, body: command });
      expect(refused.status).toBe(403);
    }
    expect(
      (
        await send('/demo/api/control/travel', {
          method: 'POST',
          headers: { origin: 'https://evil.example', ...json },
          body: '{}',
        })
      ).status,
    ).toBe(403);
    // Nor does the emulator's Web API take a form another page posts (a token in the body is enough for it).
    const form = `token=${emu.botToken}&channel=${CHANNELS.general}&text=pwned`;
    const posted = await send('/api/chat.postMessage', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(posted.status).toBe(403);
    expect(app.received).toEqual([]);
    expect(controls).toEqual([]);
    expect(emu.messages(CHANNELS.general)).toEqual([]);
  });

  it('refuses a request under another name (DNS rebinding), to the page, its API and the Web API', async () => {
    for (const path of ['/demo', `/demo/api/state?as=${USERS.ana}`, '/demo/api/events']) {
      const res = await send(path, { host: `evil.example:${port}` });
      expect(res).toMatchObject({ status: 403, text: expect.stringContaining('Host evil.example') });
    }
    // Even with the page's own origin, which the rebound page would have.
    const rebound = `evil.example:${port}`;
    expect(
      (
        await send('/demo/api/act', {
          method: 'POST',
          host: rebound,
          headers: { origin: `http://${rebound}`, ...json },
          body: command,
        })
      ).status,
    ).toBe(403);
    expect((await send('/api/auth.test', { host: rebound, headers: { authorization: `Bearer ${emu.botToken}` } })).status).toBe(
      403,
    );
    for (const host of ['127.0.0.1.evil.example', 'localhost.evil.example', 'evil.example@127.0.0.1'])
      expect((await send('/demo', { host })).status).toBe(403);
    expect(app.received).toEqual([]);
  });

  it('serves its own page: loopback names and addresses, the name it was started with, same-origin requests', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`, `demo.lan:${port}`]) {
      expect(await send('/demo', { host })).toEqual({ status: 200, text: '<p>page</p>' });
      const own = await send('/demo/api/control/tour', {
        method: 'POST',
        host,
        headers: { origin: `http://${host}`, ...json },
        body: '{}',
      });
      expect(own).toMatchObject({ status: 200, text: JSON.stringify({ ok: true, result: { done: true } }) });
    }
    // Clients that are not browsers send no Origin: the app's Web API client, for one.
    expect(await send('/api/auth.test', { headers: { authorization: `Bearer ${emu.botToken}` } })).toMatchObject({
      status: 200,
      text: expect.stringContaining('"ok":true'),
    });
  });

  it('takes JSON only, so no page can post to it without a preflight it never passes', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      expect(await send('/demo/api/act', { method: 'POST', headers, body: command })).toMatchObject({
        status: 415,
        text: expect.stringContaining('JSON'),
      });
      expect((await send('/demo/api/control/tour', { method: 'POST', headers, body: '{}' })).status).toBe(415);
    }
    expect((await send('/demo/api/act', { method: 'POST', headers: json, body: '{not json' })).status).toBe(400);
    expect(app.received).toEqual([]);
    expect(controls).toEqual([]);
  });

  it('refuses a body over the cap with 413, whether it says its length or streams', async () => {
    const big = JSON.stringify({ type: 'message', as: USERS.ana, channel: CHANNELS.general, text: 'x'.repeat(MAX_JSON_BYTES) });
    expect(await send('/demo/api/act', { method: 'POST', headers: json, body: big })).toMatchObject({ status: 413 });
    const chunks = Array.from({ length: 40 }, () => ' '.repeat(64 * 1024));
    expect(await send('/demo/api/control/tour', { method: 'POST', headers: json, body: chunks })).toMatchObject({ status: 413 });
    expect(emu.messages(CHANNELS.general)).toEqual([]);
    expect(controls).toEqual([]);
    // Just under the cap is read as usual.
    const fits = JSON.stringify({
      type: 'message',
      as: USERS.ana,
      channel: CHANNELS.general,
      text: 'x'.repeat(MAX_JSON_BYTES - 200),
    });
    expect((await send('/demo/api/act', { method: 'POST', headers: json, body: fits })).status).toBe(200);
  });
});
