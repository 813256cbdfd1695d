import { pauseMembership } from '../../src/circles/membership/service';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { cancelSession, rescheduleSession } from '../../src/sessions/service';
import { ensureWarmup } from '../../src/sessions/warmup';
import { upcomingSessions } from '../../src/sessions/store';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle, textOf } from '../support/fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEMBERS = [USERS.ana, USERS.ben, USERS.chloe, USERS.dev, USERS.elena, USERS.farid];

interface Sent {
  at: string;
  method: string;
  channel: string;
  text: string;
}

describe('the rhythm: a circle of 6 (one paused) through three sessions', () => {
  let t: TestApp;
  const log: Sent[] = [];

  /** One scheduler pass at `at`, noting every message it sent. */
  async function tickAt(at: Date): Promise<void> {
    const before = t.emulator.calls.length;
    const result = await t.tick(at);
    expect(result.failed).toEqual([]);
    for (const call of t.emulator.calls.slice(before)) {
      if (call.method !== 'chat.postMessage' && call.method !== 'chat.update') continue;
      const args = call.args as { channel: string; text: string };
      // Posting to a user id lands in their DM; Slack answers with that DM's channel id.
      const channel = (call.response as { channel?: string }).channel ?? args.channel;
      log.push({ at: at.toISOString(), method: call.method, channel, text: args.text });
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends each reminder, agenda and warm-up turn once, at its time, to the right people', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Rhythm', members: MEMBERS });
    const channel = circle.channel_id!;
    await pauseMembership(t.db, TEAM.id, circle, USERS.dev, null, t.clock.now());
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    const sessions = await upcomingSessions(t.db, TEAM.id, circle.id, t.clock.now(), 3);
    // Every 2 weeks on Tuesday at 09:00 New York (EST, UTC-5), from 2026-12-01.
    expect(sessions.map((s) => s.starts_at.toISOString())).toEqual([
      '2026-12-01T14:00:00.000Z',
      '2026-12-15T14:00:00.000Z',
      '2026-12-29T14:00:00.000Z',
    ]);
    const [s1, s2, s3] = sessions as [(typeof sessions)[0], (typeof sessions)[0], (typeof sessions)[0]];

    // The third session is skipped and the second moved to Wednesday 16:00 UTC before anything went out.
    await cancelSession(t.db, t.services.features.sessions.effects, circle, s3.id, t.clock.now());
    const moved = new Date('2026-12-16T16:00:00Z');
    await rescheduleSession(t.db, t.services.features.sessions.effects, circle, s2.id, moved, t.clock.now());

    // A pass every hour from now until after the last session, as the cron loop would (coarser, same result).
    for (let at = t.clock.now().getTime(); at <= Date.parse('2026-12-30T00:00:00Z'); at += HOUR) {
      await tickAt(new Date(at + 60_000));
    }

    const active = MEMBERS.filter((u) => u !== USERS.dev).map((u) => t.emulator.dmChannelOf(u));
    const dmsAt = (at: Date) =>
      log.filter(
        (l) =>
          l.method === 'chat.postMessage' &&
          active.includes(l.channel) &&
          Date.parse(l.at) - at.getTime() < HOUR &&
          Date.parse(l.at) >= at.getTime(),
      );
    const reminders = log.filter((l) => l.text.startsWith('Reminder:'));

    // Session 1: a week and an hour before, to the five active members; nothing to the paused one.
    for (const due of [new Date(s1.starts_at.getTime() - 7 * DAY), new Date(s1.starts_at.getTime() - HOUR)]) {
      const sent = dmsAt(due).filter((l) => l.text.startsWith('Reminder:'));
      expect(sent.map((l) => l.channel).sort()).toEqual([...active].sort());
    }
    // Session 2 at its new time: the week-ahead reminder went out 7 days before the new time.
    for (const due of [new Date(moved.getTime() - 7 * DAY), new Date(moved.getTime() - HOUR)]) {
      expect(
        dmsAt(due)
          .filter((l) => l.text.startsWith('Reminder:'))
          .map((l) => l.channel)
          .sort(),
      ).toEqual([...active].sort());
    }
    expect(reminders).toHaveLength(4 * 5);
    expect(log.some((l) => l.channel === t.emulator.dmChannelOf(USERS.dev))).toBe(false);
    // Nothing at all for the skipped session.
    expect(log.filter((l) => l.text.includes(`<!date^${Math.floor(s3.starts_at.getTime() / 1000)}^`))).toEqual([]);

    // Agenda posts in the channel, 24 hours before each session that takes place.
    const agendas = log.filter((l) => l.channel === channel && l.method === 'chat.postMessage');
    expect(agendas.map((l) => l.at)).toEqual([
      new Date(s1.starts_at.getTime() - DAY + 60_000).toISOString(),
      new Date(moved.getTime() - DAY + 60_000).toISOString(),
    ]);
    expect(t.emulator.messages(channel).filter((m) => m.text.startsWith('Agenda for Rhythm'))).toHaveLength(2);

    // Warm-up: two different leaders, never the paused member, each told three days ahead with a prompt.
    const after = await t.db.selectFrom('sessions').selectAll().where('circle_id', '=', circle.id).orderBy('starts_at').execute();
    const held = after.filter((s) => s.starts_at < new Date('2026-12-30T00:00:00Z') && s.status !== 'cancelled');
    // Once over, each meeting is marked held; the skipped one stays cancelled.
    expect(after.filter((s) => s.starts_at < new Date('2026-12-30T00:00:00Z')).map((s) => s.status)).toEqual([
      'held',
      'held',
      'cancelled',
    ]);
    const leaders = held.map((s) => s.leader_user_id);
    expect(new Set(leaders).size).toBe(2);
    expect(leaders).not.toContain(USERS.dev);
    expect(leaders.every((l) => l !== null && MEMBERS.includes(l as (typeof MEMBERS)[number]))).toBe(true);
    expect(new Set(held.map((s) => s.prompt_key)).size).toBe(2);
    for (const s of held) {
      const turn = log.filter(
        (l) => l.channel === t.emulator.dmChannelOf(s.leader_user_id!) && l.text.startsWith('You lead the warm-up'),
      );
      expect(turn).toHaveLength(1);
      expect(turn[0]!.at).toBe(new Date(s.starts_at.getTime() - 3 * DAY + 60_000).toISOString());
      expect(textOf(t.emulator.dmsTo(s.leader_user_id!).find((m) => m.text.startsWith('You lead'))?.blocks)).toContain(
        s.prompt_text!,
      );
    }

    // Exactly once: every delivery is sent or skipped, none pending, and no key twice.
    const deliveries = await t.db.selectFrom('deliveries').selectAll().execute();
    expect(deliveries.filter((d) => d.status === 'pending' || d.status === 'sending')).toEqual([]);
    const sent = deliveries.filter((d) => d.status === 'sent');
    expect(sent.filter((d) => !d.kind.startsWith('checkin-'))).toHaveLength(20 + 2 + 2);
    // And after each held session, the five active members are asked to check in, then followed up (nobody answered).
    expect(sent.filter((d) => d.kind === 'checkin-ask')).toHaveLength(2 * 5);
    expect(sent.filter((d) => d.kind === 'checkin-followup')).toHaveLength(2 * 5);
    // Some 900 scheduler passes, each planning and sending for every kind: more than the default 30 s on a busy machine.
  }, 120_000);

  it('shows each member the next meeting and their warm-up turn on the App Home', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Home Circle', members: [USERS.grace, USERS.hiro] });
    t.clock.set('2026-11-25T00:00:00Z');
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    const [next] = await upcomingSessions(t.db, TEAM.id, circle.id, t.clock.now(), 1);
    const withLeader = await ensureWarmup(t.db, next!);
    const leader = withLeader.leader_user_id!;
    const other = leader === USERS.grace ? USERS.hiro : USERS.grace;
    const when = `<!date^${Math.floor(next!.starts_at.getTime() / 1000)}^`;
    await t.slack.appHomeOpened(leader);
    expect(textOf(t.emulator.homeOf(leader))).toContain(`Next meeting: ${when}`);
    expect(textOf(t.emulator.homeOf(leader))).toContain(`You lead the warm-up: ${when}`);
    await t.slack.appHomeOpened(other);
    expect(textOf(t.emulator.homeOf(other))).toContain(`Next meeting: ${when}`);
    expect(textOf(t.emulator.homeOf(other))).not.toContain('You lead the warm-up');
  });
});
