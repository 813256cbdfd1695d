import { CheckinActions, CheckinFields as F } from '../../src/checkins/ids';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { lastOpenView, openFromLatestAsk, submitCheckin } from '../support/checkins';
import { seedCircle, textOf } from '../support/fixtures';

/**
 * A lapse is nudged whenever it becomes true (issue 21): a "no" for session 1, then the facilitator
 * marks the member absent during session 2, while the Take attendance button is offered. Nothing
 * is told while session 2 runs (it is not over); once it has ended, exactly one nudge and one
 * heads-up go out, and the report lists the same person. Sessions every other Tuesday 09:00 New
 * York (14:00-15:30 UTC).
 */
const S1 = '2026-12-01T14:00:00Z';
const S2 = '2026-12-15T14:00:00Z';
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describe('lapses: checked once the session has ended', () => {
  let t: TestApp;
  let channel = '';
  const nudgesSent = (u: string) =>
    t.emulator.callsTo('chat.postMessage').filter((c) => {
      const args = c.args as { channel?: string; text?: string };
      return args.channel === u && (args.text ?? '').startsWith("We've missed you");
    });
  const headsUpsSent = (facilitator: string, about: string) =>
    t.emulator.callsTo('chat.postMessage').filter((c) => {
      const args = c.args as { channel?: string; text?: string };
      return (
        args.channel === facilitator &&
        (args.text ?? '').startsWith(':eyes: Heads-up') &&
        (args.text ?? '').includes(`<@${about}>`)
      );
    });
  const tickAt = async (when: string) => {
    t.clock.set(when);
    expect((await t.tick(when)).failed).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z', organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Ended',
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe],
    });
    channel = circle.channel_id!;
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('attendance marked during session 2 after a "no" for session 1: one nudge and one heads-up once it has ended', async () => {
    await tickAt(at(S1, -24 * 60 + 1));
    await tickAt(at(S1, 1));
    await tickAt(at(S1, 106));
    await submitCheckin(t, USERS.chloe, await openFromLatestAsk(t, USERS.chloe), { attended: 'no' });
    await tickAt(at(S2, -24 * 60 + 1));
    await tickAt(at(S2, 1));

    // During session 2, on its agenda post: Ben is there, Chloe is not.
    t.clock.set(at(S2, 30));
    const seconds = Math.floor(Date.parse(S2) / 1000);
    const post = t.emulator
      .messages(channel)
      .find((m) => m.text.startsWith('Agenda for') && m.text.includes(`<!date^${seconds}^`))!;
    await t.slack.clickButton(USERS.ana, { channelId: channel, ts: post.ts }, CheckinActions.takeAttendance);
    await t.slack.submitView(USERS.ana, lastOpenView(t, USERS.ana).id, { [`${F.presentPrefix}0`]: [USERS.ana, USERS.ben] });

    // Saving is confirmed where the facilitator is: in the channel, to them alone.
    const confirmation = t.emulator.callsTo('chat.postEphemeral').at(-1)?.args as {
      channel?: string;
      user?: string;
      text?: string;
    };
    expect(confirmation).toMatchObject({ channel, user: USERS.ana });
    expect(confirmation.text).toContain('Attendance saved for *Ended*');
    expect(confirmation.text).toContain('2 of 3 there');

    // Not over yet: nothing is told.
    await tickAt(at(S2, 45));
    expect(nudgesSent(USERS.chloe)).toEqual([]);
    expect(headsUpsSent(USERS.ana, USERS.chloe)).toEqual([]);

    // Ended: told once, however many passes follow.
    await tickAt(at(S2, 91));
    await tickAt(at(S2, 106));
    await tickAt(at(S2, 24 * 60));
    expect(nudgesSent(USERS.chloe)).toHaveLength(1);
    expect(headsUpsSent(USERS.ana, USERS.chloe)).toHaveLength(1);
    expect(nudgesSent(USERS.ben)).toEqual([]);

    // The report counts the same lapse.
    await t.slack.command(USERS.ana, 'report Ended', { channelId: CHANNELS.general });
    expect(textOf(t.emulator.ephemeralsTo(USERS.ana).at(-1)?.blocks)).toContain(`*Lapses* <@${USERS.chloe}>`);
  }, 120_000);
});
