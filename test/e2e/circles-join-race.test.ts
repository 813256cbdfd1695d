import { CircleActions } from '../../src/circles/ids';
import { CHANNELS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { itOnPostgres } from '../support/db';
import { lastEphemeral, membershipsOf, seedCircle } from '../support/fixtures';

describe('on PostgreSQL only: 20 people pressing Join at the same moment on a circle capped at 8', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  itOnPostgres('seats exactly 8, waitlists 12 in arrival order, and duplicates no one', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Popular', sizeCap: 8 });
    const people = Array.from({ length: 20 }, (_, i) => t.emulator.workspace.addUser({ real_name: `Person ${i + 1}` }).id);
    const list = await t.slack.command(people[0]!, 'list', { channelId: CHANNELS.general });
    const where = { ephemeral: { blocks: list.body.blocks, channelId: CHANNELS.general } };

    // Every click is in flight at once; on PostgreSQL they run on separate pooled connections.
    await Promise.all(people.map((p) => t.slack.clickButton(p, where, CircleActions.join)));

    const rows = await membershipsOf(t.db, circle.id);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(20);
    const active = rows.filter((r) => r.status === 'active');
    const waiting = rows.filter((r) => r.status === 'waitlisted');
    expect(active).toHaveLength(8);
    expect(waiting).toHaveLength(12);
    // Arrival order is the order people got through the circle's lock: the seated came first,
    // and each waiting person was told the place in line the database holds for them.
    const lastSeated = Math.max(...active.map((r) => r.queued_at.getTime()));
    expect(waiting.every((r) => r.queued_at.getTime() >= lastSeated)).toBe(true);
    waiting.forEach((r, i) => {
      expect(lastEphemeral(t.emulator, r.user_id)).toContain(`You're *#${i + 1}* on the waitlist`);
    });
    for (const r of active) expect(lastEphemeral(t.emulator, r.user_id)).toContain("You're in *Popular*!");

    // And again: nobody moves, nobody is added twice.
    await Promise.all(people.map((p) => t.slack.clickButton(p, where, CircleActions.join)));
    expect(await membershipsOf(t.db, circle.id)).toEqual(rows);
  });
});
