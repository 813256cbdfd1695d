import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';

describe('a circle created with its own rhythm', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gets its sessions at once and reminders only at the times chosen', async () => {
    await t.slack.command(USERS.owner, 'new');
    const [view] = t.emulator.openViewsOf(USERS.owner);
    const res = await t.slack.submitView(USERS.owner, view!.id, {
      [B.name]: 'Own Rhythm',
      [B.focus]: 'Leaders who like a day’s notice.',
      [B.kind]: 'group',
      [B.channelMode]: 'new_private',
      [B.facilitators]: [USERS.owner],
      [B.startDate]: '2026-12-01',
      [B.cycleLength]: '4',
      [B.frequency]: 'monthly',
      [B.weekday]: 'thursday',
      [B.week]: 'last',
      [B.time]: '16:30',
      [B.duration]: '60',
      [B.timeZone]: 'Asia/Kolkata',
      [B.format]: 'troika',
      [B.reminders]: ['1440'],
      [B.agendaLead]: '120',
      [B.checkinDelay]: '180',
      [B.lapseThreshold]: '3',
      [B.topics]: 'Delegation\nGiving feedback',
      [B.cooloff]: '1',
      [B.surveyClose]: '30',
      [B.cycleEnd]: ['anonymous'],
    });
    expect(res.body).toBe('');
    const circle = await t.db.selectFrom('circles').selectAll().where('name', '=', 'Own Rhythm').executeTakeFirstOrThrow();
    expect(circle).toMatchObject({
      session_format: 'troika',
      reminder_lead_minutes: [1440],
      agenda_lead_minutes: 120,
      checkin_delay_minutes: 180,
      lapse_threshold: 3,
      topics: ['Delegation', 'Giving feedback'],
      pair_cooloff_cycles: 1,
      survey_close_days: 30,
      evaluations_anonymous: true,
      continue_automatically: false,
    });
    // Stored at once: the last Thursday of Dec 2026 .. Mar 2027 at 16:30 in Kolkata (11:00 UTC).
    const sessions = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circle.id)
      .orderBy('starts_at')
      .execute();
    expect(sessions.map((s) => s.starts_at.toISOString())).toEqual([
      '2026-12-31T11:00:00.000Z',
      '2027-01-28T11:00:00.000Z',
      '2027-02-25T11:00:00.000Z',
    ]);
    await t.slack.command(USERS.ana, 'join Own Rhythm');
    // The welcome carries the member's private calendar feed.
    expect(JSON.stringify(t.emulator.dmsTo(USERS.ana)[0]!.blocks)).toMatch(
      /https:\/\/circles\.test\/calendar\/[A-Za-z0-9_-]+\.ics/,
    );

    for (const at of ['2026-12-24T11:01:00Z', '2026-12-30T11:01:00Z', '2026-12-31T09:01:00Z', '2026-12-31T10:01:00Z'])
      await t.tick(at);
    const reminders = t.emulator.dmsTo(USERS.ana).filter((m) => m.text.startsWith('Reminder:'));
    expect(reminders).toHaveLength(1);
    // The one reminder sent is the day-before one (the text no longer repeats the lead beside the date).
    const sent = await t.db
      .selectFrom('deliveries')
      .select(['payload', 'status'])
      .where('kind', '=', 'reminder')
      .where('user_id', '=', USERS.ana)
      .execute();
    expect(sent.filter((d) => d.status === 'sent').map((d) => d.payload)).toEqual([{ leadMinutes: 1440 }]);
    const agenda = t.emulator.messages(circle.channel_id!).filter((m) => m.text.startsWith('Agenda for Own Rhythm'));
    expect(agenda).toHaveLength(1);
    expect(JSON.stringify(agenda[0]!.blocks)).toContain('Troika');
  });
});
