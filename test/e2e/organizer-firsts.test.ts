import { CheckinActions, CheckinViews } from '../../src/checkins/ids';
import { CircleActions } from '../../src/circles/ids';
import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { CHANNELS, type StoredMessage, USERS } from '../../src/sandbox';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle, textOf } from '../support/fixtures';

/**
 * What a new organizer meets first, end to end: a circle created the afternoon before its first
 * session, the confirmation where `/circle new` was typed, and `/circle list` knowing who asks.
 * The owner's zone is New York; Tuesdays 09:00 there are 14:00 UTC.
 */
const FILLED = {
  [B.name]: 'Late Starters',
  [B.focus]: 'A circle set up the day before it first meets.',
  [B.kind]: 'group',
  [B.channelMode]: 'new_public',
  [B.startDate]: '2026-12-01',
  [B.cycleLength]: '6',
  [B.frequency]: 'weekly',
  [B.weekday]: 'tuesday',
  [B.time]: '09:00',
};

const FIRST_SESSION = '2026-12-01T14:00:00Z';

jest.setTimeout(120_000);

describe('organizer: a circle created inside its agenda lead', () => {
  let t: TestApp;
  beforeEach(async () => {
    // Monday 30 November, 12:01 in New York: less than 24 h (the agenda lead) before the first session.
    t = await startTestApp({ start: '2026-11-30T17:01:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  const tickAt = async (at: string) => {
    t.clock.set(at);
    const result = await t.tick(at);
    expect(result.failed).toEqual([]);
  };

  async function createCircle(values: Record<string, unknown> = {}) {
    await t.slack.command(USERS.owner, 'new', { channelId: CHANNELS.general });
    const [view] = t.emulator.openViewsOf(USERS.owner);
    const res = await t.slack.submitView(USERS.owner, view!.id, { ...FILLED, ...values });
    expect(res.body).toBe('');
    await t.settle();
    return t.db
      .selectFrom('circles')
      .selectAll()
      .where('name', '=', String(values[B.name] ?? FILLED[B.name]))
      .executeTakeFirstOrThrow();
  }

  const agendaPosts = (channel: string): StoredMessage[] =>
    t.emulator.messages(channel).filter((m) => m.text.startsWith('Agenda for Late Starters'));

  it('gets its agenda post with the facilitators’ buttons before the first session starts', async () => {
    // The scheduler has been running all along: its last pass was a minute before the circle existed.
    await tickAt('2026-11-30T17:00:00Z');
    const circle = await createCircle();
    await tickAt('2026-11-30T17:02:00Z');
    const [post, ...more] = agendaPosts(circle.channel_id!);
    expect(more).toEqual([]);
    expect(post).toBeDefined();
    expect(post!.text).toContain(`<!date^${Date.parse(FIRST_SESSION) / 1000}^`);
    const ids = JSON.stringify(post!.blocks);
    expect(ids).toContain(CheckinActions.takeAttendance);
    expect(ids).toContain(CheckinActions.shareNotes);

    // Later passes post nothing more for it.
    await tickAt('2026-11-30T18:00:00Z');
    await tickAt('2026-12-01T13:59:00Z');
    expect(agendaPosts(circle.channel_id!)).toHaveLength(1);

    // Once it has begun, the facilitator takes attendance from the post.
    t.clock.set('2026-12-01T14:05:00Z');
    await t.slack.clickButton(USERS.owner, { channelId: circle.channel_id!, ts: post!.ts }, CheckinActions.takeAttendance);
    await t.settle();
    const views = t.emulator.openViewsOf(USERS.owner);
    expect(views.map((v) => v.view.callback_id)).toEqual([CheckinViews.attendance]);
  });

  it('/circle new confirms in the channel where it was typed: name, channel and first session', async () => {
    const circle = await createCircle();
    const here = t.emulator.ephemeralsTo(USERS.owner).filter((e) => e.channel === CHANNELS.general);
    expect(here).toHaveLength(1);
    expect(here[0]!.text).toContain('*Late Starters*');
    expect(here[0]!.text).toContain(`<#${circle.channel_id}>`);
    expect(here[0]!.text).toContain(`First session: <!date^${Date.parse(FIRST_SESSION) / 1000}^`);
    // Besides the DM, which keeps the details.
    expect(
      t.emulator
        .dmsTo(USERS.owner)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('What happens next');
  });

  it('a session moved to inside the lead gets its agenda post at once', async () => {
    await tickAt('2026-11-30T17:00:00Z');
    // Mondays: the first session is a week out, so its agenda is not due yet.
    const circle = await createCircle({ [B.weekday]: 'monday' });
    await tickAt('2026-11-30T17:02:00Z');
    expect(agendaPosts(circle.channel_id!)).toEqual([]);
    // The rhythm changes to Tuesdays: the cycle's first session is now tomorrow, inside the lead.
    await t.slack.command(USERS.owner, 'edit Late Starters');
    const [view] = t.emulator.openViewsOf(USERS.owner);
    const res = await t.slack.submitView(USERS.owner, view!.id, { [B.weekday]: 'tuesday', [B.cycleLength]: null });
    expect(res.body).toBe('');
    await t.settle();
    await tickAt('2026-11-30T17:04:00Z');
    const [post, ...more] = agendaPosts(circle.channel_id!);
    expect(more).toEqual([]);
    expect(post!.text).toContain(`<!date^${Date.parse(FIRST_SESSION) / 1000}^`);
  });

  it('facilitators can take attendance and share notes for a held session from /circle schedule', async () => {
    const circle = await createCircle();
    await tickAt('2026-12-01T15:31:00Z');
    await t.slack.command(USERS.owner, 'schedule Late Starters');
    await t.settle();
    const reply = t.emulator.ephemeralsTo(USERS.owner).at(-1)!;
    expect(textOf(reply.blocks)).toContain('Past sessions');
    const ids = JSON.stringify(reply.blocks);
    expect(ids).toContain(CheckinActions.takeAttendance);
    expect(ids).toContain(CheckinActions.shareNotes);
    await t.slack.clickButton(USERS.owner, { ephemeral: reply }, CheckinActions.shareNotes);
    await t.settle();
    expect(t.emulator.openViewsOf(USERS.owner).map((v) => v.view.callback_id)).toEqual([CheckinViews.notes]);
    expect(circle.id).toBeGreaterThan(0);
  });
});

describe('organizer: /circle list and /circle new know who is asking', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  /** Each circle's line in the list, by name, and whether it has a Join button. */
  async function listAs(userId: string): Promise<Map<string, { text: string; join: boolean }>> {
    const res = await t.slack.command(userId, 'list', { channelId: CHANNELS.general });
    const lines = new Map<string, { text: string; join: boolean }>();
    for (const block of res.body.blocks as Array<{ text?: { text: string }; accessory?: { action_id?: string } }>) {
      const name = /^\*([^*]+)\* ·/.exec(block.text?.text ?? '')?.[1];
      if (name) lines.set(name, { text: block.text!.text, join: block.accessory?.action_id === CircleActions.join });
    }
    return lines;
  }

  it("shows the asker's own place instead of a Join button: active, paused or waitlisted", async () => {
    await seedCircle(t.db, t.emulator, { name: 'Mine', members: [USERS.ana, USERS.ben] });
    await seedCircle(t.db, t.emulator, { name: 'Paused Here', members: [USERS.ana] });
    await seedCircle(t.db, t.emulator, { name: 'Tiny', sizeCap: 2, members: [USERS.ben, USERS.chloe] });
    await seedCircle(t.db, t.emulator, { name: 'Not Mine', members: [USERS.ben] });
    await t.slack.command(USERS.ana, 'pause Paused Here', { channelId: CHANNELS.general });
    await t.slack.command(USERS.ana, 'join Tiny', { channelId: CHANNELS.general });
    await t.settle();

    const ana = await listAs(USERS.ana);
    expect(ana.get('Mine')).toMatchObject({ join: false, text: expect.stringContaining("You're in") });
    expect(ana.get('Paused Here')).toMatchObject({ join: false, text: expect.stringContaining("You're in, paused") });
    expect(ana.get('Tiny')).toMatchObject({ join: false, text: expect.stringContaining("You're on the waitlist") });
    expect(ana.get('Not Mine')).toMatchObject({ join: true });
    expect(ana.get('Not Mine')!.text).not.toContain("You're");

    // The same list, asked by someone else straight after (from memory), shows their places, not Ana's.
    const dev = await listAs(USERS.dev);
    expect([...dev.values()].every((line) => line.join && !line.text.includes("You're"))).toBe(true);
  });
});

describe('organizer: a coaching program is not a circle that meets', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  const blockIds = (view: { view: { blocks?: unknown } }) =>
    (view.view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id).filter(Boolean);

  it("a pairs circle's modal has no weekday, time, length, format or agenda fields, and its welcome DM promises no session reminders", async () => {
    await t.slack.command(USERS.owner, 'new', { channelId: CHANNELS.general });
    const [opened] = t.emulator.openViewsOf(USERS.owner);
    // A learning circle asks for all of them.
    for (const id of [B.weekday, B.time, B.duration, B.format, B.agendaLead]) expect(blockIds(opened!)).toContain(id);

    await t.slack.clickButton(USERS.owner, { viewId: opened!.id }, B.kind, {
      selectedOption: 'pairs',
      values: { [B.name]: 'Coaching Pairs', [B.kind]: 'pairs' },
    });
    await t.settle();
    const [program] = t.emulator.openViewsOf(USERS.owner);
    const ids = blockIds(program!);
    for (const id of [B.weekday, B.week, B.time, B.duration, B.format, B.reminders, B.agendaLead, B.checkinDelay])
      expect(ids).not.toContain(id);
    for (const id of [B.frequency, B.topics, B.cooloff, B.startDate]) expect(ids).toContain(id);
    expect(textOf(program!.view.blocks)).toContain('How often pairs are asked "did you meet?"');
    // What was typed before the switch is kept.
    expect(JSON.stringify(program!.view.blocks)).toContain('"initial_value":"Coaching Pairs"');

    const res = await t.slack.submitView(USERS.owner, program!.id, {
      [B.name]: 'Coaching Pairs',
      [B.focus]: 'New managers coaching each other in pairs.',
      [B.kind]: 'pairs',
      [B.channelMode]: 'new_public',
      [B.startDate]: '2026-12-01',
      [B.cycleLength]: '6',
      [B.frequency]: 'every_2_weeks',
      [B.topics]: 'Giving feedback\nDelegation',
    });
    expect(res.body).toBe('');
    await t.settle();
    const circle = await t.db.selectFrom('circles').selectAll().executeTakeFirstOrThrow();
    expect(circle.kind).toBe('pairs');
    // Its "did you meet?" check falls on the first cycle's weekday (a Tuesday).
    expect(circle.cadence).toMatchObject({ kind: 'weekly', everyWeeks: 2, weekday: 'tuesday' });

    // The organizer's "what happens next" speaks of the survey, the matching and the pairs' own meetings.
    const next = t.emulator.dmsTo(USERS.owner).at(-1)!.text;
    expect(next).toContain('matching survey');
    expect(next).toContain('/circle match');
    expect(next).not.toMatch(/Sessions:|session/i);

    await t.slack.command(USERS.ana, 'join Coaching Pairs', { channelId: CHANNELS.general });
    await t.settle();
    const welcome = t.emulator.dmsTo(USERS.ana).find((m) => m.text.startsWith('Welcome to *Coaching Pairs*'))!;
    const words = textOf(welcome.blocks);
    expect(words).toContain('matching survey');
    expect(words).toContain('/circle match');
    expect(words).toContain('meet on your own');
    expect(words).not.toMatch(/reminder|When it meets|each session/i);
  });
});
