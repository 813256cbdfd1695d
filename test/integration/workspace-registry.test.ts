import { eraseExpiredWorkspaces, markWorkspaceUninstalled, workspaceRegistry } from '../../src/workspaces/service';
import { createTestDatabase, type TestDatabase } from '../support/db';

const now = new Date('2026-12-01T12:00:00Z');
const past = new Date('2026-10-01T12:00:00Z');

describe('the workspaces a process knows', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.close();
  });

  it('do not outlive their row: once a workspace is erased, its next request writes the row again', async () => {
    const registry = workspaceRegistry(t.db);
    await registry.ensure('T0ERASED1', now);
    expect(registry.known('T0ERASED1')).toBe(true);

    await markWorkspaceUninstalled(t.db, 'T0ERASED1', past, past);
    expect((await eraseExpiredWorkspaces(t.db, now)).get('T0ERASED1')).toBe(1);
    expect(registry.known('T0ERASED1')).toBe(false);

    // What the middleware does for the next request, then what a listener writes.
    await registry.ensure('T0ERASED1', now);
    await t.db.insertInto('users').values({ team_id: 'T0ERASED1', user_id: 'U0BACK0001', display_name: 'Back again' }).execute();
    expect(await t.db.selectFrom('workspaces').select('team_id').where('team_id', '=', 'T0ERASED1').execute()).toHaveLength(1);
  });

  it('are checked again after a while: another replica may have erased the row', async () => {
    let ms = 0;
    const registry = workspaceRegistry(t.db, () => ms);
    await registry.ensure('T0SEEN0001', now);
    ms += 9 * 60_000;
    expect(registry.known('T0SEEN0001')).toBe(true);
    ms += 2 * 60_000;
    expect(registry.known('T0SEEN0001')).toBe(false);
  });
});
