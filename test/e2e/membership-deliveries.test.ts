import { CircleActions } from '../../src/circles/ids';
import { CHANNELS, USERS } from '../../src/sandbox';
import { claimDue } from '../../src/scheduler/ledger';
import { LEASE_MS } from '../../src/scheduler/sender';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral, seedCircle } from '../support/fixtures';

/** What follows a change of membership goes through the delivery ledger: out of the channel, and the news, exactly once. */
describe('membership: channel and messages through the ledger', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const promotedDms = (userId: string) =>
    t.emulator.dmsTo(userId).filter((m) => m.text.includes("a place opened up in *Tiny* and you're in!"));
  const deliveries = (kind: string) => t.db.selectFrom('deliveries').selectAll().where('kind', '=', kind).execute();

  async function leave(userId: string, name: string) {
    const ask = await t.slack.command(userId, `leave ${name}`);
    await t.slack.clickButton(
      userId,
      { ephemeral: { blocks: ask.body.blocks, channelId: CHANNELS.general } },
      CircleActions.leaveConfirm,
    );
  }

  it('leaving takes the person out of a private circle channel', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', isPrivate: true, members: [USERS.ben, USERS.chloe] });
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ben)).toBe(true);
    await leave(USERS.ben, 'Tiny');
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain("You've left *Tiny*");
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ben)).toBe(false);
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.chloe)).toBe(true);
    expect((await deliveries('channel-kick')).map((d) => [d.user_id, d.status])).toEqual([[USERS.ben, 'sent']]);
  });

  it('being removed takes the person out of a private circle channel, and they are told', async () => {
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Tiny',
      isPrivate: true,
      facilitators: [USERS.ana],
      members: [USERS.ben],
    });
    await t.slack.command(USERS.ana, `remove <@${USERS.ben}> Tiny`);
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain(`<@${USERS.ben}> is no longer in *Tiny*`);
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ben)).toBe(false);
    expect(t.emulator.dmsTo(USERS.ben).at(-1)?.text).toContain(`<@${USERS.ana}> removed you from *Tiny*`);
  });

  it('leaving the waitlist touches no channel', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await t.slack.command(USERS.ana, 'join Tiny');
    await leave(USERS.ana, 'Tiny');
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain("You've left the waitlist of *Tiny*");
    expect(t.emulator.callsTo('conversations.kick')).toHaveLength(0);
    expect(await deliveries('channel-kick')).toHaveLength(0);
  });

  it('the promotion DM goes out exactly once when Slack answers the first try with a 429', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await t.slack.command(USERS.ana, 'join Tiny');
    t.emulator.fail('chat.postMessage', { status: 429, retryAfter: 30 }, 1);
    await leave(USERS.ben, 'Tiny');
    // Right after the leave: the invite went out, the DM was told to come back in 30 s.
    expect(t.emulator.workspace.isMember((await seededChannel()) ?? '', USERS.ana)).toBe(true);
    expect(promotedDms(USERS.ana)).toHaveLength(0);
    const [promoted] = await deliveries('waitlist-promoted');
    expect(promoted).toMatchObject({ status: 'pending', last_error: 'ratelimited', attempts: 1 });

    await t.tick(new Date(t.clock.now().getTime() + 10_000));
    expect(promotedDms(USERS.ana)).toHaveLength(0);
    await t.tick(new Date(t.clock.now().getTime() + 31_000));
    expect(promotedDms(USERS.ana)).toHaveLength(1);
    await t.tick(new Date(t.clock.now().getTime() + 3_600_000));
    expect(promotedDms(USERS.ana)).toHaveLength(1);
    expect((await deliveries('waitlist-promoted')).map((d) => [d.status, d.attempts])).toEqual([['sent', 2]]);
  });

  it('the promotion DM goes out exactly once when the process dies after claiming it', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await t.slack.command(USERS.ana, 'join Tiny');
    // The sender of the leave request claims the message, then the process dies before sending it.
    const now = t.clock.now();
    const realFlush = t.services.deps.outbox.flush;
    t.services.deps.outbox.flush = async (teamId) => {
      await claimDue(t.db, now, 100, LEASE_MS);
      return new Map([[teamId, 'retried']]);
    };
    await leave(USERS.ben, 'Tiny');
    t.services.deps.outbox.flush = realFlush;
    expect(promotedDms(USERS.ana)).toHaveLength(0);
    expect((await deliveries('waitlist-promoted')).map((d) => d.status)).toEqual(['sending']);

    await t.tick(new Date(now.getTime() + 60_000)); // still leased to the dead process
    expect(promotedDms(USERS.ana)).toHaveLength(0);
    await t.tick(new Date(now.getTime() + LEASE_MS + 60_000));
    expect(promotedDms(USERS.ana)).toHaveLength(1);
    await t.tick(new Date(now.getTime() + LEASE_MS + 120_000));
    expect(promotedDms(USERS.ana)).toHaveLength(1);
  });

  async function seededChannel(): Promise<string | null> {
    const row = await t.db.selectFrom('circles').select('channel_id').where('name', '=', 'Tiny').executeTakeFirst();
    return row?.channel_id ?? null;
  }
});
