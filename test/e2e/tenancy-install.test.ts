import { sql } from 'kysely';
import { welcomeKind } from '../../src/install/deliveries';
import { TEAM, USERS } from '../../src/sandbox';
import type { RecordedCall } from '../../src/sandbox';
import { textOf } from '../support/fixtures';
import { installThroughBrowser, OAUTH, type OAuthTestApp, startOAuthApp } from '../support/oauth';

const HOUR = 3_600_000;

describe('OAuth install, end to end through the emulator', () => {
  let t: OAuthTestApp;
  const logged: string[] = [];
  const writes: Array<jest.SpyInstance> = [];

  beforeEach(async () => {
    logged.length = 0;
    // Every line anything prints, from our logger, Bolt, the WebClient or the console.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      writes.push(
        jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
          logged.push(String(chunk));
          return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write),
      );
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      writes.push(
        jest.spyOn(console, level).mockImplementation((...parts: unknown[]) => logged.push(parts.map(String).join(' '))),
      );
    }
    t = await startOAuthApp({ env: { LOG_LEVEL: 'debug' } });
  });
  afterEach(async () => {
    await t?.close();
    for (const spy of writes.splice(0)) spy.mockRestore();
  });

  const oauthCalls = (grant?: string): RecordedCall[] =>
    t.emulator.callsTo('oauth.v2.access').filter((c) => (grant ? c.args.grant_type === grant : c.args.grant_type === undefined));

  it('installs from the Add to Slack page, welcomes the installer, serves commands with its own token, refreshes it before use, and never logs a secret', async () => {
    const trip = await installThroughBrowser(t, { user: USERS.owner });

    // The install page and Slack's authorize page.
    expect(trip.installPage).toContain('Add to Slack');
    const authorize = new URL(trip.addToSlackHref);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${t.emulator.baseUrl}/oauth/v2/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(authorize.searchParams.get('scope')?.split(',')).toContain('chat:write');
    expect(trip.redirect).toMatch(/^https:\/\/circles\.test\/slack\/oauth_redirect\?code=/);
    expect(trip.finalStatus).toBe(200);
    expect(trip.finalPage).toContain(`Peer Circles is installed in ${TEAM.name}`);
    expect(oauthCalls()).toHaveLength(1);

    // The welcome DM: the first three steps.
    const welcome = t.emulator.dmsTo(USERS.owner);
    expect(welcome).toHaveLength(1);
    const text = textOf(welcome[0]!.blocks);
    expect(text).toContain('1. Create a circle.');
    expect(text).toContain('/circle new');
    expect(text).toContain('2. Invite people.');
    expect(text).toContain('3. What members receive.');

    // Stored sealed: the row holds no token.
    const issued = [...t.emulator.issuedTokens().keys()];
    expect(issued).toHaveLength(1);
    const { rows } = await sql<{ row: string }>`SELECT row_to_json(w)::text AS row FROM workspaces w`.execute(t.db);
    expect(rows.map((r) => r.row).join('\n')).not.toContain(issued[0]!.slice(8));
    expect(rows.map((r) => r.row).join('\n')).not.toMatch(/xox[bpe]/);

    // A command and the App Home work with the installed token (the app has no other).
    const help = await t.slack.command(USERS.ana, 'help');
    expect(help.status).toBe(200);
    await t.slack.appHomeOpened(USERS.ana);
    expect(t.emulator.callsTo('views.publish').filter((c) => (c.response as { ok: boolean }).ok).length).toBeGreaterThan(0);

    // Eleven hours on, the token has under two hours left: the scheduler refreshes it before sending.
    t.clock.advance(11 * HOUR);
    await t.services.deps.outbox.enqueue(t.db, welcomeKind, [
      { teamId: TEAM.id, key: 'install-welcome:test-later', userId: USERS.admin, dueAt: t.clock.now(), payload: {} },
    ]);
    const pass = await t.tick();
    expect(pass.failed).toEqual([]);
    expect(pass.reports['send-deliveries']).toMatchObject({ sent: 1 });
    expect(oauthCalls('refresh_token')).toHaveLength(1);
    expect(t.emulator.dmsTo(USERS.admin)).toHaveLength(1);
    expect(t.emulator.issuedTokens().size).toBe(2);

    // Past the first token's twelve hours, only the refreshed one works, and the scheduler uses it.
    t.clock.advance(2 * HOUR);
    await t.services.deps.outbox.enqueue(t.db, welcomeKind, [
      { teamId: TEAM.id, key: 'install-welcome:test-after-expiry', userId: USERS.ben, dueAt: t.clock.now(), payload: {} },
    ]);
    expect((await t.tick()).reports['send-deliveries']).toMatchObject({ sent: 1 });
    expect(t.emulator.dmsTo(USERS.ben)).toHaveLength(1);
    expect(t.emulator.calls.some((c) => (c.response as { error?: string }).error === 'token_expired')).toBe(false);

    // Nothing printed during the whole run holds a token or a secret.
    const refreshTokens = t.emulator
      .callsTo('oauth.v2.access')
      .map((c) => (c.response as { refresh_token?: string }).refresh_token)
      .filter((r): r is string => Boolean(r));
    const secrets = [
      OAUTH.clientSecret,
      OAUTH.stateSecret,
      t.emulator.signingSecret,
      t.emulator.botToken,
      t.encryptionKey,
      ...t.emulator.issuedTokens().keys(),
      ...refreshTokens,
    ];
    expect(refreshTokens.length).toBeGreaterThanOrEqual(2);
    expect(logged.length).toBeGreaterThan(20);
    const all = logged.join('\n');
    for (const secret of secrets) expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    // ...nor a long enough piece of one.
    for (const secret of secrets) expect(all).not.toContain(secret.slice(-12));
  });
});

describe('Enterprise Grid org-wide install through the emulator', () => {
  let t: OAuthTestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('stores the org’s install (sealed) and serves a workspace of the org with it', async () => {
    t = await startOAuthApp();
    const trip = await installThroughBrowser(t, { user: USERS.owner, enterprise: 'E0GRIDORG1', orgWide: true });
    expect(trip.finalStatus).toBe(200);
    expect(trip.finalPage).toContain('Peer Circles is installed in Org E0GRIDORG1');
    const org = await t.db.selectFrom('enterprise_installations').selectAll().executeTakeFirstOrThrow();
    expect(org).toMatchObject({ enterprise_id: 'E0GRIDORG1', uninstalled_at: null });
    expect(org.sealed_installation).not.toMatch(/xox/);
    // No workspace was named, so no one is welcomed in one; a workspace of the org, once seen, is served.
    expect(t.emulator.dmsTo(USERS.owner)).toHaveLength(0);
    await t.db.insertInto('workspaces').values({ team_id: 'T0GRIDWS01', enterprise_id: 'E0GRIDORG1' }).execute();
    const client = await t.services.deps.gateway.client('T0GRIDWS01');
    expect((await client.auth.test()).ok).toBe(true);
  });
});
