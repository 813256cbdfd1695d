import { CircleActions } from '../../src/circles/ids';
import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { TEAM, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { lastDm, lastEphemeral, membershipsOf, seedCircle, textOf } from '../support/fixtures';

/** Roles end when membership ends; only people holding a place facilitate; the named can step down. */
describe('circles: facilitator roles', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const rowOf = async (circleId: number, userId: string) =>
    (await membershipsOf(t.db, circleId)).find((m) => m.user_id === userId);

  it('a removed facilitator who rejoins is a member, and can no longer manage the circle', async () => {
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Tiny',
      facilitators: [USERS.ana, USERS.ben],
      members: [USERS.chloe],
    });
    await t.slack.command(USERS.ana, `remove <@${USERS.ben}|ben> Tiny`);
    expect(await rowOf(circle.id, USERS.ben)).toMatchObject({ status: 'left', role: 'member' });

    await t.slack.command(USERS.ben, 'join Tiny');
    expect(lastEphemeral(t.emulator, USERS.ben)).toContain("You're in *Tiny*!");
    expect(await rowOf(circle.id, USERS.ben)).toMatchObject({ status: 'active', role: 'member' });
    await t.slack.command(USERS.ben, `remove <@${USERS.chloe}|chloe> Tiny`);
    expect(lastEphemeral(t.emulator, USERS.ben)).toBe(
      'Only the facilitators of *Tiny* and organizers can remove members. Nothing was changed.',
    );
    expect(await rowOf(circle.id, USERS.chloe)).toMatchObject({ status: 'active' });
  });

  it('a facilitator who leaves is a member when they come back', async () => {
    const circle = await seedCircle(t.db, t.emulator, { name: 'Tiny', facilitators: [USERS.ana] });
    const ask = await t.slack.command(USERS.ana, 'leave Tiny');
    await t.slack.clickButton(
      USERS.ana,
      { ephemeral: { blocks: ask.body.blocks, channelId: circle.channel_id! } },
      CircleActions.leaveConfirm,
    );
    expect(await rowOf(circle.id, USERS.ana)).toMatchObject({ status: 'left', role: 'member' });
    await t.slack.command(USERS.ana, 'join Tiny');
    expect(await rowOf(circle.id, USERS.ana)).toMatchObject({ status: 'active', role: 'member' });
  });

  it('a facilitator row waiting for a place does not count as a facilitator', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Tiny', members: [USERS.chloe, USERS.ben] });
    // As rows could be left before roles ended with the place.
    await t.db
      .updateTable('memberships')
      .set({ role: 'facilitator', status: 'waitlisted' })
      .where('team_id', '=', TEAM.id)
      .where('user_id', '=', USERS.ben)
      .execute();
    await t.slack.command(USERS.ben, `remove <@${USERS.chloe}|chloe> Tiny`);
    expect(lastEphemeral(t.emulator, USERS.ben)).toBe(
      'Only the facilitators of *Tiny* and organizers can remove members. Nothing was changed.',
    );
  });

  it('someone named facilitator is told, with a Step down button that keeps their place as a member', async () => {
    await t.slack.command(USERS.owner, 'new');
    const [view] = t.emulator.openViewsOf(USERS.owner);
    await t.slack.submitView(USERS.owner, view!.id, {
      [B.name]: 'Hosts',
      [B.focus]: 'Hosting well.',
      [B.kind]: 'group',
      [B.channelMode]: 'new_private',
      [B.startDate]: '2026-12-01',
      [B.cycleLength]: '6',
      [B.frequency]: 'weekly',
      [B.weekday]: 'tuesday',
      [B.time]: '09:00',
      [B.facilitators]: [USERS.owner, USERS.ana],
    });
    const circle = await t.db.selectFrom('circles').selectAll().executeTakeFirstOrThrow();
    const told = lastDm(t.emulator, USERS.ana);
    expect(told.text).toBe(`<@${USERS.owner}> made you a facilitator of *Hosts*.`);
    expect(textOf(told.blocks)).toContain('`/circle step-down Hosts`');
    expect(t.emulator.dmsTo(USERS.owner).map((m) => m.text)).not.toContain(
      `<@${USERS.owner}> made you a facilitator of *Hosts*.`,
    );

    const dm = t.emulator.dmsTo(USERS.ana).at(-1)!;
    await t.slack.clickButton(USERS.ana, { channelId: dm.channel, ts: dm.ts }, CircleActions.stepDown);
    expect(await rowOf(circle.id, USERS.ana)).toMatchObject({ status: 'active', role: 'member' });
    expect(lastEphemeral(t.emulator, USERS.ana)).toContain(
      'You are no longer a facilitator of *Hosts*; you keep your place as a member.',
    );

    await t.slack.command(USERS.ana, 'step-down Hosts');
    expect(lastEphemeral(t.emulator, USERS.ana)).toBe(
      'You are not a facilitator of *Hosts*, so there is nothing to step down from.',
    );
    await t.slack.command(USERS.owner, 'step-down');
    expect(lastEphemeral(t.emulator, USERS.owner)).toContain('You are no longer a facilitator of *Hosts*');
    expect(await rowOf(circle.id, USERS.owner)).toMatchObject({ role: 'member' });
  });

  it('/circle help lists step-down', async () => {
    const res = await t.slack.command(USERS.ana, 'help');
    expect(res.body.text).toContain('`/circle step-down [name]`  Stop being a facilitator of a circle');
  });
});
