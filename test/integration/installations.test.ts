import { createCipheriv, randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { sql } from 'kysely';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { startSlackEmulator } from '../../src/sandbox';
import { createGateway, WorkspaceUninstalledError } from '../../src/workspaces/gateway';
import { postgresInstallationStore } from '../../src/workspaces/installationStore';
import { installations } from '../../src/workspaces/installations';
import { createPacer } from '../../src/workspaces/pacer';
import { createSealer, fingerprint, SealError } from '../../src/workspaces/sealing';
import { updateSealed } from '../../src/workspaces/store';
import { markWorkspaceUninstalled } from '../../src/workspaces/service';
import { createTestDatabase, itOnPostgres, type TestDatabase } from '../support/db';

const clock = () => new Date('2026-11-23T15:00:00Z');
const keyA = randomBytes(32);
const keyB = randomBytes(32);

const installation = (teamId: string, token: string): Installation<'v2', false> => ({
  team: { id: teamId, name: `Team ${teamId}` },
  enterprise: undefined,
  user: { id: 'U0INSTALL1', token: undefined, scopes: undefined },
  bot: { id: 'B0BOT', userId: 'U0BOTUSER', token, scopes: ['chat:write'], refreshToken: `xoxe-1-refresh-${teamId}` },
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

const query = (teamId: string) => ({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });

async function everything(t: TestDatabase): Promise<string> {
  const { rows } = await sql<{ row: string }>`SELECT row_to_json(w)::text AS row FROM workspaces w`.execute(t.db);
  const { rows: org } = await sql<{ row: string }>`SELECT row_to_json(e)::text AS row FROM enterprise_installations e`.execute(
    t.db,
  );
  return [...rows, ...org].map((r) => r.row).join('\n');
}

/** As the first version sealed a value: no associated data (the v1 format). */
function sealedTheOldWay(key: Buffer, plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    fingerprint(key),
    nonce.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

describe('OAuth installations', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('are stored per workspace, sealed (no token in clear), replaced on reinstall', async () => {
    const store = postgresInstallationStore(installations(t.db, createSealer([keyA]), clock));
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-1'));
    await store.storeInstallation(installation('T0BBB', 'xoxb-bbb-1'));
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-2'));
    expect((await store.fetchInstallation(query('T0AAA'))).bot?.token).toBe('xoxb-aaa-2');
    expect((await store.fetchInstallation(query('T0BBB'))).bot?.token).toBe('xoxb-bbb-1');
    const raw = await everything(t);
    expect(raw).toContain('T0AAA');
    expect(raw).not.toMatch(/xoxb-|xoxe-|refresh/);
    await expect(store.fetchInstallation(query('T0NONE'))).rejects.toThrow('No installation for team T0NONE');
  });

  it('open with any listed key and are re-sealed with the newest when read (key rotation)', async () => {
    await installations(t.db, createSealer([keyA]), clock).save(installation('T0AAA', 'xoxb-aaa-1'));
    const sealedWith = async () =>
      (await t.db.selectFrom('workspaces').select('sealed_installation').where('team_id', '=', 'T0AAA').executeTakeFirstOrThrow())
        .sealed_installation!;
    const before = await sealedWith();
    // Rotation: the new key first, the old one still listed.
    const rotated = installations(t.db, createSealer([keyB, keyA]), clock);
    const found = await rotated.forTeam('T0AAA');
    expect(found.state === 'installed' && found.installation.bot?.token).toBe('xoxb-aaa-1');
    const after = await sealedWith();
    expect(after).not.toBe(before);
    // Once re-sealed, the old key can go.
    const onlyNew = installations(t.db, createSealer([keyB]), clock);
    const again = await onlyNew.forTeam('T0AAA');
    expect(again.state === 'installed' && again.installation.bot?.token).toBe('xoxb-aaa-1');
    // A key that sealed nothing here opens nothing, and says so without naming a key.
    await expect(installations(t.db, createSealer([randomBytes(32)]), clock).forTeam('T0AAA')).rejects.toThrow(SealError);
  });

  it('do not open in another workspace’s row: a sealed value is bound to its workspace', async () => {
    const stored = installations(t.db, createSealer([keyA]), clock);
    await stored.save(installation('T0AAA', 'xoxb-aaa-1'));
    await stored.save(installation('T0BBB', 'xoxb-bbb-1'));
    const sealedA = (
      await t.db.selectFrom('workspaces').select('sealed_installation').where('team_id', '=', 'T0AAA').executeTakeFirstOrThrow()
    ).sealed_installation!;
    // Someone with write access to the table swaps A's tokens into B's row.
    await t.db.updateTable('workspaces').set({ sealed_installation: sealedA }).where('team_id', '=', 'T0BBB').execute();
    await expect(stored.forTeam('T0BBB')).rejects.toThrow(SealError);
    const a = await stored.forTeam('T0AAA');
    expect(a.state === 'installed' && a.installation.bot?.token).toBe('xoxb-aaa-1');
  });

  it('sealed the old way still open, and are sealed again, bound to their workspace, when read', async () => {
    await t.db
      .insertInto('workspaces')
      .values({
        team_id: 'T0AAA',
        sealed_installation: sealedTheOldWay(keyA, JSON.stringify(installation('T0AAA', 'xoxb-old-1'))),
      })
      .execute();
    const stored = installations(t.db, createSealer([keyA]), clock);
    const found = await stored.forTeam('T0AAA');
    expect(found.state === 'installed' && found.installation.bot?.token).toBe('xoxb-old-1');
    const row = await t.db
      .selectFrom('workspaces')
      .select('sealed_installation')
      .where('team_id', '=', 'T0AAA')
      .executeTakeFirstOrThrow();
    expect(row.sealed_installation).toMatch(/^v2\./);
    expect(createSealer([keyA]).open(row.sealed_installation!, 'team:T0AAA')).toContain('xoxb-old-1');
  });

  itOnPostgres('are re-sealed on read only if unchanged: a token refreshed meanwhile is kept (on PostgreSQL only)', async () => {
    await installations(t.db, createSealer([keyA]), clock).save(installation('T0AAA', 'xoxb-aaa-1'));
    // Rotation makes the stored value stale, so reading it re-seals it.
    const rotated = installations(t.db, createSealer([keyB, keyA]), clock);
    const refreshed = createSealer([keyB]).seal(JSON.stringify(installation('T0AAA', 'xoxb-aaa-refreshed')), 'team:T0AAA');
    const replica = t.connect(2);
    try {
      let read: Promise<Awaited<ReturnType<typeof rotated.forTeam>>> | undefined;
      // Another replica holds the row while it refreshes the token (as gateway.ts does, row-locked)...
      await replica.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM workspaces WHERE team_id = 'T0AAA' FOR UPDATE`.execute(trx);
        // ...this one reads the old value meanwhile and waits to write its re-sealed copy...
        read = rotated.forTeam('T0AAA');
        for (let i = 0; i < 200; i++) {
          const { rows } = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(replica);
          if (rows[0]!.n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        // ...and the refresh is committed first.
        await updateSealed(trx, 'T0AAA', refreshed, clock());
      });
      const found = await read!;
      expect(found.state === 'installed' && found.installation.bot?.token).toBe('xoxb-aaa-refreshed');
      const again = await installations(t.db, createSealer([keyB]), clock).forTeam('T0AAA');
      expect(again.state === 'installed' && again.installation.bot?.token).toBe('xoxb-aaa-refreshed');
    } finally {
      await replica.destroy();
    }
  });

  it('keep an org-wide (Enterprise Grid) install, which serves every workspace of the org', async () => {
    const stored = installations(t.db, createSealer([keyA]), clock);
    const store = postgresInstallationStore(stored);
    await store.storeInstallation({
      ...installation('unused', 'xoxb-org-1'),
      team: undefined,
      enterprise: { id: 'E0ORG', name: 'Org' },
      isEnterpriseInstall: true,
    } as unknown as Installation);
    const org = await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true });
    expect(org.bot?.token).toBe('xoxb-org-1');
    // A workspace of the org, seen through a request, is served by the org's install.
    await t.db.insertInto('workspaces').values({ team_id: 'T0INORG', enterprise_id: 'E0ORG' }).execute();
    const found = await stored.forTeam('T0INORG');
    expect(found.state === 'installed' && found.installation.bot?.token).toBe('xoxb-org-1');
    expect(await everything(t)).not.toMatch(/xoxb-/);
  });

  it('give the scheduler a client with each workspace’s own token, and none once uninstalled', async () => {
    const emulator = await startSlackEmulator();
    try {
      const config = loadConfig({
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_CLIENT_ID: '1234567890.0987654321',
        SLACK_CLIENT_SECRET: 'abcdef0123456789',
        SLACK_STATE_SECRET: 'a-long-random-state-secret',
        SLACK_API_URL: emulator.apiUrl,
        TOKEN_ENCRYPTION_KEY: keyA.toString('base64'),
      });
      const stored = installations(t.db, createSealer(config.installations.encryptionKeys), clock);
      await stored.save(installation(emulator.teamId, emulator.botToken));
      const logger = createLogger('error');
      const gateway = createGateway({ config, logger, clock, pacer: createPacer(t.db, clock), installations: stored });
      const client = await gateway.client(emulator.teamId);
      expect((await client.auth.test()).team_id).toBe(emulator.teamId);
      await expect(gateway.client('T0NOTHERE')).rejects.toThrow('Peer Circles is not installed in team T0NOTHERE');
      await markWorkspaceUninstalled(t.db, emulator.teamId, clock(), clock());
      gateway.forget(emulator.teamId);
      await expect(gateway.client(emulator.teamId)).rejects.toThrow(WorkspaceUninstalledError);
    } finally {
      await emulator.close();
    }
  });
});
