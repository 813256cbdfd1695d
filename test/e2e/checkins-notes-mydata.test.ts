import { checkinsPersonalData } from '../../src/checkins/privacy';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle } from '../support/fixtures';

/**
 * `/circle me` lists the session notes a person shared by their session's circle and date, oldest
 * first: the notes are check-ins' rows, the sessions and circles are read from their owners.
 */
describe('check-ins: the notes a person shared, in their data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('names each note’s circle and date, oldest first, and only the author’s', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Notes Circle', facilitators: [USERS.ana], members: [USERS.ben] });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    const sessions = await t.db
      .selectFrom('sessions')
      .select(['id', 'starts_at'])
      .where('circle_id', '=', circle.id)
      .orderBy('starts_at')
      .limit(2)
      .execute();
    expect(sessions).toHaveLength(2);
    const [first, second] = sessions;
    const at = t.clock.now();
    // The later session's notes first, so the order shown is the sessions', not the rows'.
    for (const [s, author, text] of [
      [second!, USERS.ana, 'Second notes'],
      [first!, USERS.ana, 'First notes'],
    ] as const)
      await t.db
        .insertInto('session_notes')
        .values({ team_id: TEAM.id, session_id: s.id, text, author_id: author, shared_at: at, updated_at: at })
        .execute();

    const parts = await checkinsPersonalData.describe(t.db, TEAM.id, USERS.ana);
    const notes = parts.find((p) => p.title.startsWith('Session notes you shared'));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(notes?.lines).toEqual([
      `Notes Circle, ${day(first!.starts_at)}: First notes`,
      `Notes Circle, ${day(second!.starts_at)}: Second notes`,
    ]);
    const others = await checkinsPersonalData.describe(t.db, TEAM.id, USERS.ben);
    expect(others.find((p) => p.title.startsWith('Session notes you shared'))?.lines).toEqual([]);
  });
});
