import { CircleActions } from '../../src/circles/ids';
import { pauseMembership } from '../../src/circles/membership/service';
import { CheckinActions, CheckinFields as F } from '../../src/checkins/ids';
import { TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { cancelSession, rescheduleSession } from '../../src/sessions/service';
import { startTestApp, type TestApp } from '../support/app';
import { checkinAsks, dmsWithButton, lastOpenView, openFromLatestAsk, submitCheckin } from '../support/checkins';
import { membershipsOf, seedCircle } from '../support/fixtures';

/** Sessions: every other Tuesday 09:00 New York (14:00-15:30 UTC) from 2026-12-01. */
const S1 = '2026-12-01T14:00:00Z';
const S2 = '2026-12-15T14:00:00Z';
const S3 = '2026-12-29T14:00:00Z';

async function tickAt(t: TestApp, at: string): Promise<void> {
  t.clock.set(at);
  const result = await t.tick(at);
  expect(result.failed).toEqual([]);
}

const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** The agenda post of the session starting at `startsAt`. */
function agendaPost(t: TestApp, channel: string, startsAt: string) {
  const seconds = Math.floor(Date.parse(startsAt) / 1000);
  const post = t.emulator.messages(channel).find((m) => m.text.startsWith('Agenda for') && m.text.includes(`<!date^${seconds}^`));
  if (!post) throw new Error(`no agenda post for ${startsAt}`);
  return post;
}

/** A facilitator takes attendance on the agenda post, ticking exactly `present`. */
async function takeAttendance(t: TestApp, facilitator: string, channel: string, startsAt: string, present: string[]) {
  const post = agendaPost(t, channel, startsAt);
  await t.slack.clickButton(facilitator, { channelId: channel, ts: post.ts }, CheckinActions.takeAttendance);
  const view = lastOpenView(t, facilitator);
  await t.slack.submitView(facilitator, view.id, { [`${F.presentPrefix}0`]: present });
}

describe('lapse nudges: missing sessions in a row', () => {
  let t: TestApp;
  let channel = '';
  let circleId = 0;
  const nudges = (u: string) => dmsWithButton(t, u, CheckinActions.nudgeBack);
  /** Every nudge ever sent to the person, whatever became of the message after a button replaced it. */
  const nudgesSent = (u: string) =>
    t.emulator.callsTo('chat.postMessage').filter((c) => {
      const args = c.args as { channel?: string; text?: string };
      return args.channel === u && (args.text ?? '').startsWith("We've missed you");
    });
  const headsUps = (facilitator: string, about: string) =>
    t.emulator.dmsTo(facilitator).filter((m) => m.text.startsWith(':eyes: Heads-up') && m.text.includes(`<@${about}>`));

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Lapse',
      facilitators: [USERS.ana, USERS.hiro],
      members: [USERS.ben, USERS.chloe, USERS.dev, USERS.elena, USERS.farid, USERS.grace],
    });
    circleId = circle.id;
    channel = circle.channel_id!;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    // Farid pauses before the first session: he is never counted as missing, and never nudged.
    await pauseMembership(t.db, TEAM.id, circle, USERS.farid, null, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('one missed session is not a lapse', async () => {
    await tickAt(t, at(S1, -24 * 60 + 1));
    await tickAt(t, at(S1, 1));
    await tickAt(t, at(S1, 106));
    expect(checkinAsks(t, USERS.farid)).toEqual([]);
    // Chloe, Dev and Elena say they were not there; Grace says nothing.
    for (const u of [USERS.chloe, USERS.dev, USERS.elena])
      await submitCheckin(t, u, await openFromLatestAsk(t, u), { attended: 'no' });
    await submitCheckin(t, USERS.ben, await openFromLatestAsk(t, USERS.ben), { attended: 'yes', usefulness: 4 });
    for (const u of [USERS.chloe, USERS.dev, USERS.elena, USERS.grace]) expect(nudges(u)).toEqual([]);
  });

  it('missing two in a row brings exactly one nudge, and each facilitator exactly one heads-up', async () => {
    await tickAt(t, at(S2, -24 * 60 + 1));
    await tickAt(t, at(S2, 1));
    await tickAt(t, at(S2, 106));
    // Only Ben and the facilitators were there. Grace's first session has no record, so one miss is all she has.
    await takeAttendance(t, USERS.ana, channel, S2, [USERS.ana, USERS.hiro, USERS.ben]);
    for (const u of [USERS.chloe, USERS.dev, USERS.elena]) {
      expect(nudges(u)).toHaveLength(1);
      expect(nudges(u)[0]!.text).toContain("We've missed you in Lapse");
      expect(headsUps(USERS.ana, u)).toHaveLength(1);
      expect(headsUps(USERS.hiro, u)).toHaveLength(1);
    }
    for (const u of [USERS.grace, USERS.farid, USERS.ben]) {
      expect(nudges(u)).toEqual([]);
      expect(headsUps(USERS.ana, u)).toEqual([]);
    }
    // Saving attendance again, or a third miss, is the same run: nobody is told twice.
    await takeAttendance(t, USERS.hiro, channel, S2, [USERS.ana, USERS.hiro, USERS.ben]);
    for (const u of [USERS.chloe, USERS.dev, USERS.elena]) {
      expect(nudges(u)).toHaveLength(1);
      expect(headsUps(USERS.ana, u)).toHaveLength(1);
    }
  });

  it("each of the nudge's buttons does what it says", async () => {
    const press = async (u: string, actionId: string) => {
      const nudge = nudges(u)[0]!;
      await t.slack.clickButton(u, { channelId: nudge.channel, ts: nudge.ts }, actionId);
      return t.emulator.messages(nudge.channel).find((m) => m.ts === nudge.ts)!;
    };
    const status = async (u: string) => (await membershipsOf(t.db, circleId)).find((m) => m.user_id === u)?.status;

    const back = await press(USERS.dev, CheckinActions.nudgeBack);
    expect(back.text).toContain('see you <!date^');
    expect(await status(USERS.dev)).toBe('active');

    const paused = await press(USERS.chloe, CheckinActions.nudgePause);
    expect(paused.text).toContain('Paused: you keep your place in *Lapse*');
    expect(await status(USERS.chloe)).toBe('paused');

    // Leaving asks to confirm, exactly as `/circle leave` does.
    const leave = await press(USERS.elena, CheckinActions.nudgeLeave);
    expect(JSON.stringify(leave.blocks)).toContain(CircleActions.leaveConfirm);
    await t.slack.clickButton(USERS.elena, { channelId: leave.channel, ts: leave.ts }, CircleActions.leaveConfirm);
    expect(await status(USERS.elena)).toBe('left');
  });

  it('a paused member is never nudged, a third miss of the same run tells nobody again, and silence never counted', async () => {
    await tickAt(t, at(S3, -24 * 60 + 1));
    await tickAt(t, at(S3, 1));
    await tickAt(t, at(S3, 106));
    // Chloe paused: not on the list, so not missing. Dev missed again: the same run as before.
    await takeAttendance(t, USERS.ana, channel, S3, [USERS.ana, USERS.hiro, USERS.ben]);
    expect(nudgesSent(USERS.dev)).toHaveLength(1);
    expect(headsUps(USERS.ana, USERS.dev)).toHaveLength(1);
    expect(nudgesSent(USERS.chloe)).toHaveLength(1);
    expect(nudgesSent(USERS.farid)).toEqual([]);
    expect(checkinAsks(t, USERS.farid)).toEqual([]);
    expect(checkinAsks(t, USERS.chloe)).toHaveLength(2);
    const ledger = await t.db
      .selectFrom('deliveries')
      .select(['kind', 'status'])
      .where('kind', 'in', ['lapse-nudge', 'lapse-heads-up'])
      .execute();
    // Grace, silent at the first session, has now missed the two recorded since: her own first run.
    expect(nudgesSent(USERS.grace)).toHaveLength(1);
    expect(ledger.filter((d) => d.kind === 'lapse-nudge')).toHaveLength(4);
    expect(ledger.filter((d) => d.kind === 'lapse-heads-up')).toHaveLength(8);
  });
});

describe('the gentle follow-up', () => {
  let t: TestApp;
  let circleId = 0;
  const followUps = (u: string) => t.emulator.dmsTo(u).filter((m) => m.text.startsWith('A gentle nudge'));

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Follow',
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe],
    });
    circleId = circle.id;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('goes once, two days later, to those who have not checked in', async () => {
    await tickAt(t, at(S1, 1));
    await tickAt(t, at(S1, 106));
    await submitCheckin(t, USERS.ben, await openFromLatestAsk(t, USERS.ben), { attended: 'yes', usefulness: 5 });
    await tickAt(t, at(S1, 105 + 2 * 24 * 60 - 2));
    expect(followUps(USERS.chloe)).toEqual([]);
    await tickAt(t, at(S1, 105 + 2 * 24 * 60 + 1));
    await tickAt(t, at(S1, 105 + 2 * 24 * 60 + 30));
    expect(followUps(USERS.chloe)).toHaveLength(1);
    expect(followUps(USERS.ana)).toHaveLength(1);
    expect(followUps(USERS.ben)).toEqual([]);
    // It opens the same check-in.
    const view = await openFromLatestAsk(t, USERS.chloe);
    expect(view.view.private_metadata).toContain('sessionId');
  });

  it('is not sent once the next session has begun', async () => {
    const sessions = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circleId)
      .orderBy('starts_at')
      .execute();
    const [, s2, s3] = sessions;
    const circle = await t.db.selectFrom('circles').selectAll().where('id', '=', circleId).executeTakeFirstOrThrow();
    // The session after S2 is moved to the next day, before S2's follow-up would be due.
    await rescheduleSession(
      t.db,
      t.services.features.sessions.effects,
      circle,
      s3!.id,
      new Date('2026-12-16T16:00:00Z'),
      t.clock.now(),
    );
    await tickAt(t, at(S2, 1));
    await tickAt(t, at(S2, 106));
    expect(checkinAsks(t, USERS.chloe)).toHaveLength(2);
    await tickAt(t, '2026-12-16T16:01:00Z');
    await tickAt(t, at(S2, 105 + 2 * 24 * 60 + 1));
    expect(followUps(USERS.chloe)).toHaveLength(1);
    const planned = await t.db
      .selectFrom('deliveries')
      .select('status')
      .where('kind', '=', 'checkin-followup')
      .where('session_id', '=', s2!.id)
      .execute();
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((d) => d.status === 'skipped')).toBe(true);
  });

  it('a cancelled session gets no check-in', async () => {
    const circle = await t.db.selectFrom('circles').selectAll().where('id', '=', circleId).executeTakeFirstOrThrow();
    const s4 = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circleId)
      .where('starts_at', '=', new Date(S3))
      .executeTakeFirst();
    // S3's slot moved; the session after it (January) is cancelled before it happens.
    const next = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circleId)
      .where('starts_at', '>', new Date('2027-01-01'))
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    expect(s4).toBeUndefined();
    await cancelSession(t.db, t.services.features.sessions.effects, circle, next.id, t.clock.now());
    const before = checkinAsks(t, USERS.ben).length;
    await tickAt(t, at(next.starts_at.toISOString(), 1));
    await tickAt(t, at(next.starts_at.toISOString(), 106));
    await tickAt(t, at(next.starts_at.toISOString(), 3 * 24 * 60));
    expect(checkinAsks(t, USERS.ben)).toHaveLength(before);
    expect(
      await t.db
        .selectFrom('deliveries')
        .select('id')
        .where('session_id', '=', next.id)
        .where('kind', 'like', 'checkin%')
        .execute(),
    ).toEqual([]);
  });
});
