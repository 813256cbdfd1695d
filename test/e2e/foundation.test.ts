import { sql } from 'kysely';
import { CHANNELS, USERS } from '../../src/sandbox';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { startTestApp, type TestApp } from '../support/app';

describe('foundation: the app as Slack sees it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /circle help privately with every subcommand', async () => {
    const res = await t.slack.command(USERS.ana, 'help', { channelId: CHANNELS.general });
    expect(res.status).toBe(200);
    expect(res.timedOut).toBe(false);
    expect(res.body.response_type).toBe('ephemeral');
    for (const s of SUBCOMMANDS) expect(res.body.text).toContain(`/circle ${s.usage}`);
  });

  it('answers /circle with no text with the usage', async () => {
    const res = await t.slack.command(USERS.ben, '');
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toContain('/circle join [name]');
  });

  it('answers an unknown subcommand by naming it and listing the usage', async () => {
    const res = await t.slack.command(USERS.ana, 'frobnicate now');
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toContain("I don't know `/circle frobnicate`");
    expect(res.body.text).toContain('/circle pause [name] [until YYYY-MM-DD | for N weeks]');
  });

  it('refuses a bad signature with 401 and does nothing', async () => {
    const before = t.emulator.calls.length;
    const workspaces = await t.db.selectFrom('workspaces').selectAll().execute();
    const res = await t.slack.command(USERS.ana, 'help', { signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
    expect(t.emulator.calls.length).toBe(before);
    expect(await t.db.selectFrom('workspaces').selectAll().execute()).toEqual(workspaces);
  });

  it('refuses a request signed more than 5 minutes ago with 401', async () => {
    const before = t.emulator.calls.length;
    const res = await t.slack.command(USERS.ana, 'help', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(t.emulator.calls.length).toBe(before);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await t.slack.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(res.status).toBe(200);
    const challenge = typeof res.body === 'string' ? JSON.parse(res.body).challenge : res.body.challenge;
    expect(challenge).toBe('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('says /healthz is 200 while the database answers', async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'up' });
    await sql`select 1`.execute(t.db);
  });
});

describe('/healthz when the database is gone', () => {
  it('answers 503', async () => {
    const t = await startTestApp();
    try {
      await t.database.db.destroy();
      const res = await fetch(`${t.baseUrl}/healthz`);
      expect(res.status).toBe(503);
    } finally {
      await t.emulator.close();
      await t.app.stop().catch(() => undefined);
      await t.database.close().catch(() => undefined);
    }
  });
});
