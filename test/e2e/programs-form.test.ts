import { candidateKey } from '../../src/availability';
import { previewEdit } from '../../src/programs/formation';
import type { Arrangement } from '../../src/programs/formation/types';
import { FormActions, FormFields as FF, FormViews } from '../../src/programs/form/ids';
import { IntakeFields as I, ProgramActions, ProgramFields as F } from '../../src/programs/ids';
import { CHANNELS, type StoredView, TEAM, USERS } from '../../src/sandbox';
import { instantToZonedParts } from '../../src/time/zonedTime';
import { startTestApp, type TestApp } from '../support/app';
import { textOf } from '../support/fixtures';
import { ephemeralWith, lastOpenView, tickAt } from '../support/pairs';

const { owner } = USERS;
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'America/Los_Angeles'];
const TIMES = [
  { kind: 'weekly', weekday: 'tuesday', localTime: '09:00', timeZone: 'America/New_York', durationMinutes: 60 },
  { kind: 'weekly', weekday: 'thursday', localTime: '16:00', timeZone: 'America/New_York', durationMinutes: 60 },
  { kind: 'weekly', weekday: 'wednesday', localTime: '12:00', timeZone: 'America/New_York', durationMinutes: 60 },
] as const;
const WED = candidateKey({ ...TIMES[2] });

/** Thirty people: fourteen can meet on Tuesday, thirteen on Thursday, one only on Wednesday, two never finish. */
const PEOPLE = Array.from({ length: 30 }, (_, i) => `U0FORM${String(i).padStart(3, '0')}`);
const LONER = PEOPLE[27]!;
const UNFINISHED = [PEOPLE[28]!, PEOPLE[29]!];
const SECTORS = ['government', 'business', 'nonprofit', 'academia'];
const ROLES = ['Policy', 'Finance', 'Operations'];

function intake(i: number): Record<string, unknown> {
  const tue = i <= 13 ? (i === 2 ? 'ifneedbe' : 'yes') : 'no';
  const thu = i >= 14 && i <= 26 ? 'yes' : 'no';
  const wed = i === 27 ? 'yes' : 'no';
  return {
    [I.stage]: String(1 + (i % 3)),
    [I.sector]: SECTORS[i % 4],
    // Twenty organizations: i and i + 20 share one, and 13 works where 1 does.
    [I.organization]: `Org ${i === 13 ? 1 : i % 20}`,
    [I.role]: ROLES[i % 3],
    [I.topics]: 'strategy, people',
    [I.timeZone]: ZONES[i % 4],
    [`${I.timePrefix}0`]: tue,
    [`${I.timePrefix}1`]: thu,
    [`${I.timePrefix}2`]: wed,
    ...(i === 0 ? { [I.wishes]: [PEOPLE[1]] } : {}),
    ...(i === 1 ? { [I.wishes]: [PEOPLE[0]] } : {}),
    ...([0, 7, 14, 21].includes(i) ? { [I.volunteer]: ['yes'] } : {}),
  };
}

/**
 * Forming a program's circles as Slack would drive it: an organizer creates a program with three
 * candidate times in New York; thirty people in four zones from twenty organizations join and answer
 * the intake (two never finish, one shares no time with anyone); `/circle form` previews the circles;
 * the organizer swaps two people, seeing the change before it applies; Confirm creates the circles
 * (channels, members, sessions at the chosen time), welcomes them and tells the unplaced why.
 * Nothing is announced before Confirm, and a second Confirm creates nothing more.
 */
describe('programs: /circle form previews, edits and confirms circles', () => {
  let t: TestApp;
  let programId: number;
  const draft = () => t.db.selectFrom('formation_drafts').selectAll().executeTakeFirstOrThrow();
  const announced = () =>
    t.emulator.calls.filter(
      (c) =>
        c.method === 'conversations.create' ||
        c.method === 'conversations.invite' ||
        (c.method === 'chat.postMessage' && PEOPLE.includes(String((c.args as { channel?: string }).channel))),
    ).length;

  beforeAll(async () => {
    t = await startTestApp({ start: '2027-01-04T15:00:00Z', organizers: [owner] });
    PEOPLE.forEach((id, i) =>
      t.emulator.workspace.addUser({ id, real_name: `Fellow ${i}`, tz: ZONES[i % 4]!, channels: [CHANNELS.random] }),
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('an organizer creates and posts a program; thirty people join; twenty-eight answer the intake', async () => {
    await t.slack.command(owner, 'program new', { channelId: CHANNELS.random });
    const created = await t.slack.submitView(owner, lastOpenView(t, owner).id, {
      [F.name]: 'Fellows 2027',
      [F.purpose]: 'Alumni of the fellowship learning from each other',
      [F.times]: 'Tue 09:00\nThu 16:00\nWed 12:00',
      [F.deadline]: '2027-01-20',
    });
    expect(created.body).toBe('');
    programId = (await t.db.selectFrom('programs').select('id').executeTakeFirstOrThrow()).id;
    await t.slack.command(owner, 'program post Fellows 2027', { channelId: CHANNELS.random });
    const post = t.emulator.messages(CHANNELS.random).find((m) => JSON.stringify(m.blocks).includes(ProgramActions.join))!;
    // Everyone joins first, so wishes can name anyone who joined.
    for (const id of PEOPLE) await t.slack.clickButton(id, { channelId: CHANNELS.random, ts: post.ts }, ProgramActions.join);
    for (const [i, id] of PEOPLE.entries()) {
      const view: StoredView = lastOpenView(t, id);
      if (UNFINISHED.includes(id)) await t.slack.closeView(id, view.id);
      else expect((await t.slack.submitView(id, view.id, intake(i))).body).toBe('');
    }
    const input = await t.services.features.programs.formation.input(TEAM.id, programId);
    expect(input.instance.people).toHaveLength(28);
    expect(input.unfinished.sort()).toEqual(UNFINISHED);
  }, 120_000);

  let before: number;
  it('`/circle form` previews circles with their times, scores and reasons, and everyone not placed with why', async () => {
    await t.slack.command(PEOPLE[0]!, 'form Fellows 2027', { channelId: CHANNELS.random });
    expect(t.emulator.ephemeralsTo(PEOPLE[0]!).at(-1)!.text).toContain('Only organizers');
    before = announced();
    await t.slack.command(owner, 'form Fellows 2027', { channelId: CHANNELS.random });
    const preview = ephemeralWith(t, owner, FormActions.confirm);
    const text = textOf(preview.blocks);
    expect(text).toContain('4 circles, 27 of 28 people placed, 1 of 1 wish to be together met, total score');
    expect(text).toMatch(/\*Circle 1\* · (Tue 09:00|Thu 16:00) New York \(first meeting <!date\^\d+\^/);
    expect(text).toContain('Tue 09:00 New York suits everyone, one if need be');
    expect(text).toContain('Thu 16:00 New York suits everyone');
    expect(text).toContain(`<@${PEOPLE[0]}> and <@${PEOPLE[1]}> asked to be together`);
    expect(text).toMatch(/government, business|business, government/);
    expect(text).toContain(`<@${LONER}>: no candidate time shared with enough others`);
    for (const id of UNFINISHED) expect(text).toContain(`<@${id}>: did not finish the intake`);
    // Private rules stay private.
    expect(text).not.toMatch(/organi[sz]ation|avoid|Org \d/i);
    const d = await draft();
    const circles = (d.arrangement as Arrangement).circles;
    // One organization is never twice in a circle.
    expect(circles.some((c) => c.members.includes(PEOPLE[1]!) && c.members.includes(PEOPLE[13]!))).toBe(false);
    expect(announced()).toBe(before);
  });

  it("the whole arrangement downloads as a CSV file in the organizer's DM", async () => {
    await t.slack.clickButton(owner, { ephemeral: ephemeralWith(t, owner, FormActions.csv) }, FormActions.csv);
    const file = t.emulator.files().at(-1)!;
    expect(file.filename).toBe('Fellows-2027-circles.csv');
    const rows = file.content.trim().split('\n');
    expect(rows[0]).toBe('circle,time,first_meeting,score,member,name,role,time_answer,reasons');
    expect(rows).toHaveLength(1 + 30);
    expect(rows.find((r) => r.includes(LONER))).toContain('not placed,,no candidate time shared with enough others');
    expect(file.content).not.toMatch(/Org \d|<@/);
    expect(announced()).toBe(before);
  });

  it('the organizer swaps two people, sees what changes first, then applies it; still nothing is announced', async () => {
    const d = await draft();
    const arrangement = d.arrangement as Arrangement;
    const input = await t.services.features.programs.formation.input(TEAM.id, programId);
    // Two people in different circles at the same time whose swap breaks no rule.
    const [c0, c1] = arrangement.circles.filter((c) => c.time === arrangement.circles[0]!.time);
    let pair: [string, string] | undefined;
    for (const a of c0!.members)
      for (const b of c1!.members)
        if (!pair && previewEdit(input.instance, arrangement, { kind: 'swap', a, b }).breaks.length === 0) pair = [a, b];
    const [a, b] = pair!;
    await t.slack.clickButton(owner, { ephemeral: ephemeralWith(t, owner, FormActions.edit) }, FormActions.edit);
    const modal = lastOpenView(t, owner);
    expect(modal.view.callback_id).toBe(FormViews.edit);
    const seen = await t.slack.submitView(owner, modal.id, { [FF.person]: a, [FF.swapWith]: b });
    expect(seen.body).toMatchObject({ response_action: 'update' });
    const change = textOf(lastOpenView(t, owner).view.blocks);
    expect(change).toContain(`Swap <@${a}> and <@${b}>`);
    expect(change).toMatch(/Circle \d+: score [\d.-]+ → [\d.-]+; keeps (Tue 09:00|Thu 16:00) New York/);
    // Seen, not applied.
    expect((await draft()).arrangement).toEqual(arrangement);
    expect(await t.slack.submitView(owner, lastOpenView(t, owner).id, {})).toMatchObject({ body: '' });
    const after = (await draft()).arrangement as Arrangement;
    expect(after.circles.find((c) => c.members.includes(a))!.members).toContain(c1!.members.find((m) => m !== b));
    expect(textOf(t.emulator.dmsTo(owner).at(-1)!.blocks)).toContain(`Applied: Swap <@${a}> and <@${b}>. Nobody has been told.`);
    expect(announced()).toBe(before);
    expect(await t.db.selectFrom('circles').selectAll().execute()).toEqual([]);
  });

  it('Confirm creates the circles: channels with the right members, sessions at the chosen time in its zone', async () => {
    const dm = t.emulator.dmsTo(owner).at(-1)!;
    const arrangement = (await draft()).arrangement as Arrangement;
    await t.slack.clickButton(owner, { channelId: dm.channel, ts: dm.ts }, FormActions.confirm);
    const circles = await t.db.selectFrom('circles').selectAll().orderBy('id').execute();
    expect(circles.map((c) => c.name)).toEqual(['Fellows 2027 1', 'Fellows 2027 2', 'Fellows 2027 3', 'Fellows 2027 4']);
    for (const [i, c] of arrangement.circles.entries()) {
      const circle = circles[i]!;
      const members = await t.db
        .selectFrom('memberships')
        .select(['user_id', 'role'])
        .where('circle_id', '=', circle.id)
        .where('status', '=', 'active')
        .execute();
      expect(
        members
          .map((m) => m.user_id)
          .filter((id) => id !== owner)
          .sort(),
      ).toEqual([...c.members].sort());
      // A volunteer facilitates where there is one; otherwise the organizer stands in.
      const facilitator = members.find((m) => m.role === 'facilitator')!.user_id;
      expect([...c.members, owner]).toContain(facilitator);
      const channel = t.emulator.workspace.channel(circle.channel_id!)!;
      expect(channel.is_private).toBe(true);
      for (const id of c.members) expect(channel.members.has(id)).toBe(true);
      const welcome = t.emulator.messages(circle.channel_id!).at(-1)!.text;
      expect(welcome).toContain('Why you are together:');
      expect(welcome).toContain('suits everyone');
      const time = TIMES.find((x) => candidateKey({ ...x }) === c.time)!;
      const sessions = await t.db.selectFrom('sessions').selectAll().where('circle_id', '=', circle.id).execute();
      expect(sessions.length).toBeGreaterThan(10);
      for (const s of sessions) {
        const local = instantToZonedParts(s.starts_at, 'America/New_York');
        expect([local.weekday, local.time]).toEqual([time.weekday, time.localTime]);
      }
      for (const id of c.members) expect(t.emulator.dmsTo(id).at(-1)!.text).toContain(`You are in *${circle.name}*`);
    }
    // Nobody meets at the time only one person could make.
    expect(arrangement.circles.map((c) => c.time)).not.toContain(WED);
    expect(await t.db.selectFrom('programs').select('status').executeTakeFirstOrThrow()).toEqual({ status: 'formed' });
  });

  it('the unplaced are told why and what happens next', async () => {
    const loner = t.emulator.dmsTo(LONER).at(-1)!.text;
    expect(loner).toContain('no candidate time shared with enough others');
    expect(loner).toContain('next round');
    for (const id of UNFINISHED) expect(t.emulator.dmsTo(id).at(-1)!.text).toContain('did not finish the intake');
  });

  it('a second Confirm press creates nothing more', async () => {
    // The pressed message was replaced; an older copy of the preview still carries a Confirm button.
    const channels = t.emulator.calls.filter((c) => c.method === 'conversations.create').length;
    await t.slack.clickButton(owner, { ephemeral: ephemeralWith(t, owner, FormActions.confirm) }, FormActions.confirm);
    expect(t.emulator.ephemeralsTo(owner).at(-1)!.text).toContain('is already formed');
    expect(await t.db.selectFrom('circles').selectAll().execute()).toHaveLength(4);
    expect(t.emulator.calls.filter((c) => c.method === 'conversations.create')).toHaveLength(channels);
  });

  it("reminders of the first session come at each member's local time", async () => {
    const circle = await t.db.selectFrom('circles').selectAll().where('name', '=', 'Fellows 2027 1').executeTakeFirstOrThrow();
    const first = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circle.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    await tickAt(t, new Date(first.starts_at.getTime() - 59 * 60_000).toISOString());
    const members = await t.db
      .selectFrom('memberships')
      .select('user_id')
      .where('circle_id', '=', circle.id)
      .where('role', '=', 'member')
      .execute();
    const cadence = circle.cadence as { weekday: 'tuesday' | 'thursday' };
    // In January: New York is UTC-5, London UTC, Kolkata UTC+5:30, Los Angeles UTC-8.
    const expected: Record<string, Record<string, string>> = {
      tuesday: {
        'America/New_York': 'tuesday 09:00',
        'Europe/London': 'tuesday 14:00',
        'Asia/Kolkata': 'tuesday 19:30',
        'America/Los_Angeles': 'tuesday 06:00',
      },
      thursday: {
        'America/New_York': 'thursday 16:00',
        'Europe/London': 'thursday 21:00',
        'Asia/Kolkata': 'friday 02:30',
        'America/Los_Angeles': 'thursday 13:00',
      },
    };
    expect(members.length).toBeGreaterThanOrEqual(5);
    for (const { user_id } of members) {
      const reminder = t.emulator.dmsTo(user_id).at(-1)!.text;
      expect(reminder).toContain(`Reminder: ${circle.name} meets`);
      // Slack shows the token in the reader's own zone: the instant it carries is that local time there.
      const seconds = Number(/<!date\^(\d+)\^/.exec(reminder)![1]);
      expect(seconds * 1000).toBe(first.starts_at.getTime());
      const zone = ZONES[PEOPLE.indexOf(user_id) % 4]!;
      const local = instantToZonedParts(new Date(seconds * 1000), zone);
      expect(`${local.weekday} ${local.time}`).toBe(expected[cadence.weekday]![zone]);
    }
  });
});
