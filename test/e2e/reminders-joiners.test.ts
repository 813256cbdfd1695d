import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Someone who takes a place after a reminder's lead has passed still hears of the next session:
 * the reminder that lead would have sent comes at once, only the latest one passed, and nobody
 * who had it on time gets it again. Tuesdays 09:00 in New York are 14:00 UTC.
 */
jest.setTimeout(120_000);

describe('reminders for people who join inside a lead', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-20T12:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  const at = async (when: string) => {
    t.clock.set(when);
    const result = await t.tick(when);
    expect(result.failed).toEqual([]);
  };
  const remindersTo = (userId: string) => t.emulator.dmsTo(userId).filter((m) => m.text.startsWith('Reminder: Joiners'));
  const leadsSentTo = async (userId: string) =>
    (
      await t.db
        .selectFrom('deliveries')
        .select(['payload', 'due_at'])
        .where('kind', '=', 'reminder')
        .where('user_id', '=', userId)
        .where('status', '=', 'sent')
        .orderBy('due_at')
        .execute()
    ).map((d) => (d.payload as { leadMinutes: number }).leadMinutes);

  it('sends the latest passed reminder at once to a newcomer, and nothing twice to anyone', async () => {
    await t.slack.command(USERS.owner, 'new');
    const [view] = t.emulator.openViewsOf(USERS.owner);
    const res = await t.slack.submitView(USERS.owner, view!.id, {
      [B.name]: 'Joiners',
      [B.focus]: 'People who come and go.',
      [B.kind]: 'group',
      [B.channelMode]: 'new_private',
      [B.facilitators]: [USERS.owner],
      [B.startDate]: '2026-12-01',
      [B.cycleLength]: '4',
      [B.frequency]: 'weekly',
      [B.weekday]: 'tuesday',
      [B.time]: '09:00',
      [B.timeZone]: 'America/New_York',
      [B.reminders]: ['10080', '60'],
    });
    expect(res.body).toBe('');
    await t.settle();
    await at('2026-11-20T12:01:00Z');
    await t.slack.command(USERS.ana, 'join Joiners');
    await t.settle();

    // The week-before reminder of 1 December goes to the members of the time.
    await at('2026-11-24T14:01:00Z');
    expect(remindersTo(USERS.ana)).toHaveLength(1);

    // Ben joins on Friday, inside the week lead: the reminder comes with the next pass, once.
    t.clock.set('2026-11-27T10:00:00Z');
    await t.slack.command(USERS.ben, 'join Joiners');
    await t.settle();
    await at('2026-11-27T10:01:00Z');
    const [benFirst, ...benMore] = remindersTo(USERS.ben);
    expect(benMore).toEqual([]);
    expect(benFirst!.text).toContain(`<!date^${Date.parse('2026-12-01T14:00:00Z') / 1000}^`);
    await at('2026-11-27T10:30:00Z');
    await at('2026-11-28T10:30:00Z');
    expect(remindersTo(USERS.ben)).toHaveLength(1);
    expect(remindersTo(USERS.ana)).toHaveLength(1);

    // The hour-before reminder goes to both, on time.
    await at('2026-12-01T13:01:00Z');
    expect(remindersTo(USERS.ana)).toHaveLength(2);
    expect(remindersTo(USERS.ben)).toHaveLength(2);

    // Chloe joins half an hour before: only the hour's reminder, not last week's too.
    t.clock.set('2026-12-01T13:30:00Z');
    await t.slack.command(USERS.chloe, 'join Joiners');
    await t.settle();
    await at('2026-12-01T13:31:00Z');
    await at('2026-12-01T13:45:00Z');
    expect(remindersTo(USERS.chloe)).toHaveLength(1);

    expect(await leadsSentTo(USERS.ana)).toEqual([10080, 60]);
    expect(await leadsSentTo(USERS.ben)).toEqual([10080, 60]);
    expect(await leadsSentTo(USERS.chloe)).toEqual([60]);

    // The next week's reminders follow the usual rhythm for all three.
    await at('2026-12-01T14:01:00Z');
    expect(remindersTo(USERS.chloe)).toHaveLength(2);
  });
});
