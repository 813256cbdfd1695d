import { CHANNELS, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral, seedCircle } from '../support/fixtures';

/** A circle's schedule (its times, warm-up leaders and attendance) is for its members and organizers. */
describe('sessions: who sees /circle schedule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ organizers: [USERS.owner] });
    await seedCircle(t.db, t.emulator, { name: 'Leaders', facilitators: [USERS.ana], members: [USERS.ben] });
    await t.db.updateTable('memberships').set({ status: 'waitlisted' }).where('user_id', '=', USERS.ben).execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['someone outside the circle', USERS.dev],
    ['someone only on its waitlist', USERS.ben],
  ])('refuses %s, by name or from its channel', async (_who, userId) => {
    await t.slack.command(userId, 'schedule Leaders', { channelId: CHANNELS.general });
    expect(lastEphemeral(t.emulator, userId)).toBe('Only the members of *Leaders* and organizers can see its schedule.');
  });

  it('shows it to a member and to an organizer', async () => {
    for (const userId of [USERS.ana, USERS.owner]) {
      await t.slack.command(userId, 'schedule Leaders', { channelId: CHANNELS.general });
      expect(lastEphemeral(t.emulator, userId)).not.toContain('Only the members');
    }
  });
});
