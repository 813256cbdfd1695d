import { CircleActions } from '../../src/circles/ids';
import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { CHANNELS, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { lastDm, lastEphemeral, textOf } from '../support/fixtures';

/** What an organizer types into the circle modal; each test says which channel. */
const FILLED = {
  [B.name]: 'Borrowed',
  [B.focus]: 'A circle in a channel someone else made.',
  [B.kind]: 'group',
  [B.startDate]: '2026-12-01',
  [B.cycleLength]: '6',
  [B.frequency]: 'weekly',
  [B.weekday]: 'tuesday',
  [B.time]: '09:00',
  [B.facilitators]: [USERS.owner],
};

/**
 * The app never removes anyone from a channel it did not create: leaving or being removed from a
 * circle takes the person out of its channel only when the app created that channel, or when the
 * channel holds exactly the circle's people. Otherwise a facilitator is told they are still there.
 */
describe('circles: channels the app does not own', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function create(channel: Record<string, unknown>) {
    await t.slack.command(USERS.owner, 'new');
    const [view] = t.emulator.openViewsOf(USERS.owner);
    await t.slack.submitView(USERS.owner, view!.id, { ...FILLED, ...channel });
    return t.db.selectFrom('circles').selectAll().executeTakeFirstOrThrow();
  }

  it('removing a member of a circle linked to an existing public channel does not kick them, and the facilitator is told', async () => {
    const circle = await create({ [B.channelMode]: 'existing', [B.channel]: CHANNELS.random });
    expect(circle).toMatchObject({ channel_id: CHANNELS.random, channel_created: false });
    await t.slack.command(USERS.ben, 'join Borrowed');
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain("You're in *Borrowed*!");

    await t.slack.command(USERS.owner, `remove <@${USERS.ben}|ben> Borrowed`);
    expect(lastEphemeral(t.emulator, USERS.owner)).toBe(`<@${USERS.ben}> is no longer in *Borrowed*, and I've let them know.`);
    expect(t.emulator.callsTo('conversations.kick')).toHaveLength(0);
    expect(t.emulator.workspace.isMember(CHANNELS.random, USERS.ben)).toBe(true);
    const told = lastDm(t.emulator, USERS.owner).text;
    expect(told).toContain(`<@${USERS.ben}> is no longer in *Borrowed*, but is still in <#${CHANNELS.random}>`);
    expect(told).toContain('Remove them yourself if they should not stay.');
    expect(lastDm(t.emulator, USERS.ben).text).toContain(`<@${USERS.owner}> removed you from *Borrowed*`);
  });

  it('someone leaving such a circle stays in the channel, and a facilitator is told', async () => {
    await create({ [B.channelMode]: 'existing', [B.channel]: CHANNELS.random });
    await t.slack.command(USERS.chloe, 'join Borrowed');
    const ask = await t.slack.command(USERS.chloe, 'leave Borrowed');
    await t.slack.clickButton(
      USERS.chloe,
      { ephemeral: { blocks: ask.body.blocks, channelId: CHANNELS.general } },
      CircleActions.leaveConfirm,
    );
    expect(t.emulator.workspace.isMember(CHANNELS.random, USERS.chloe)).toBe(true);
    expect(lastDm(t.emulator, USERS.owner).text).toContain(`<@${USERS.chloe}> is no longer in *Borrowed*, but is still in`);
  });

  it('removes people from a channel the app created for the circle', async () => {
    const circle = await create({ [B.channelMode]: 'new_public' });
    expect(circle.channel_created).toBe(true);
    await t.slack.command(USERS.ben, 'join Borrowed');
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ben)).toBe(true);
    await t.slack.command(USERS.owner, `remove <@${USERS.ben}|ben> Borrowed`);
    expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ben)).toBe(false);
    expect(textOf(t.emulator.dmsTo(USERS.owner).map((m) => m.text))).not.toContain('is still in');
  });

  it('removes people from an existing channel whose members are exactly the circle’s', async () => {
    const own = t.emulator.workspace.addChannel({ name: 'borrowed-circle', is_private: true, members: [USERS.bot, USERS.owner] });
    const circle = await create({ [B.channelMode]: 'existing', [B.channel]: own.id });
    expect(circle).toMatchObject({ channel_id: own.id, channel_created: false });
    await t.slack.command(USERS.ben, 'join Borrowed');
    expect(t.emulator.workspace.isMember(own.id, USERS.ben)).toBe(true);
    await t.slack.command(USERS.owner, `remove <@${USERS.ben}|ben> Borrowed`);
    expect(t.emulator.workspace.isMember(own.id, USERS.ben)).toBe(false);

    // Someone outside the circle joins the channel: from then on the app leaves people there.
    t.emulator.workspace.addMember(own.id, USERS.elena);
    await t.slack.command(USERS.chloe, 'join Borrowed');
    await t.slack.command(USERS.owner, `remove <@${USERS.chloe}|chloe> Borrowed`);
    expect(t.emulator.workspace.isMember(own.id, USERS.chloe)).toBe(true);
    expect(lastDm(t.emulator, USERS.owner).text).toContain(`<@${USERS.chloe}> is no longer in *Borrowed*, but is still in`);
  });
});
