import { TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { freePort } from '../support/processes';

const TOKEN = '7d1e0c9b8a7f6e5d4c3b2a1908f7e6d5';

describe('/metrics and /readyz, which name workspaces, are not for everyone', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const get = (url: string, token?: string) =>
    fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

  it('answer only requests bearing OPS_TOKEN when it is set; /healthz stays open', async () => {
    t = await startTestApp({ env: { OPS_TOKEN: TOKEN } });
    // A command makes the workspace show up in the figures.
    await t.slack.command(USERS.ana, 'help');
    for (const path of ['/metrics', '/readyz']) {
      for (const token of [undefined, 'wrong-token-of-the-same-length-000', TOKEN.slice(0, -1)]) {
        const refused = await get(`${t.baseUrl}${path}`, token);
        expect({ path, token, status: refused.status }).toEqual({ path, token, status: 401 });
        expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await refused.text()).not.toContain(TEAM.id);
      }
      expect((await get(`${t.baseUrl}${path}`, TOKEN)).status).toBe(200);
    }
    expect(await (await get(`${t.baseUrl}/metrics`, TOKEN)).text()).toContain('peer_circles_commands_seconds_count');
    expect((await get(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it('are served on OPS_PORT alone when it is set, not beside /slack/events', async () => {
    const opsPort = await freePort();
    t = await startTestApp({ env: { OPS_PORT: String(opsPort) } });
    expect(t.opsUrl).toBe(`http://127.0.0.1:${opsPort}`);
    for (const path of ['/metrics', '/readyz']) {
      expect({ path, status: (await get(`${t.baseUrl}${path}`)).status }).toEqual({ path, status: 404 });
      expect({ path, status: (await get(`${t.opsUrl}${path}`)).status }).toEqual({ path, status: 200 });
    }
    expect(await (await get(`${t.opsUrl}/readyz`)).json()).toMatchObject({ ok: true, database: 'up' });
    // Only those two there: Slack's endpoint and the calendar feeds are not served on it.
    expect((await fetch(`${t.opsUrl}/slack/events`, { method: 'POST' })).status).toBe(404);
    expect((await get(`${t.opsUrl}/calendar/abc.ics`)).status).toBe(404);
    expect((await get(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it('can be both: on OPS_PORT and behind OPS_TOKEN', async () => {
    const opsPort = await freePort();
    t = await startTestApp({ env: { OPS_PORT: String(opsPort), OPS_TOKEN: TOKEN } });
    expect((await get(`${t.opsUrl}/metrics`)).status).toBe(401);
    expect((await get(`${t.opsUrl}/metrics`, TOKEN)).status).toBe(200);
  });
});
