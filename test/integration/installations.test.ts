import type { Installation } from '@slack/bolt';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { startSlackEmulator } from '../../src/sandbox';
import { createGateway } from '../../src/workspaces/gateway';
import { postgresInstallationStore } from '../../src/workspaces/installationStore';
import { createTestDatabase, type TestDatabase } from '../support/db';

describe('OAuth installations', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  const installation = (teamId: string, token: string): Installation<'v2', false> => ({
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'U0INSTALL1', token: undefined, scopes: undefined },
    bot: { id: 'B0BOT', userId: 'U0BOTUSER', token, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  });

  it('are stored per workspace, replaced on reinstall, and forgotten on uninstall', async () => {
    const store = postgresInstallationStore(t.db, () => new Date('2026-11-23T15:00:00Z'));
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-1'));
    await store.storeInstallation(installation('T0BBB', 'xoxb-bbb-1'));
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-2'));
    const a = await store.fetchInstallation({ teamId: 'T0AAA', isEnterpriseInstall: false, enterpriseId: undefined });
    expect(a.bot?.token).toBe('xoxb-aaa-2');
    const b = await store.fetchInstallation({ teamId: 'T0BBB', isEnterpriseInstall: false, enterpriseId: undefined });
    expect(b.bot?.token).toBe('xoxb-bbb-1');
    await store.deleteInstallation!({ teamId: 'T0AAA', isEnterpriseInstall: false, enterpriseId: undefined });
    await expect(
      store.fetchInstallation({ teamId: 'T0AAA', isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow('No installation for team T0AAA');
    await expect(
      store.storeInstallation({
        ...installation('T0CCC', 'x'),
        team: undefined,
        isEnterpriseInstall: true,
      } as unknown as Installation),
    ).rejects.toThrow(/Enterprise Grid/);
  });

  it('give the scheduler a client with each workspace’s own token', async () => {
    const emulator = await startSlackEmulator();
    try {
      const config = loadConfig({
        SLACK_SIGNING_SECRET: emulator.signingSecret,
        SLACK_CLIENT_ID: '1234567890.0987654321',
        SLACK_CLIENT_SECRET: 'abcdef0123456789',
        SLACK_STATE_SECRET: 'a-long-random-state-secret',
        SLACK_API_URL: emulator.apiUrl,
      });
      const store = postgresInstallationStore(t.db, () => new Date());
      await store.storeInstallation(installation(emulator.teamId, emulator.botToken));
      const gateway = createGateway(config, t.db, createLogger('error'));
      const client = await gateway.client(emulator.teamId);
      expect((await client.auth.test()).team_id).toBe(emulator.teamId);
      await expect(gateway.client('T0NOTHERE')).rejects.toThrow('Peer Circles is not installed in team T0NOTHERE');
    } finally {
      await emulator.close();
    }
  });
});
