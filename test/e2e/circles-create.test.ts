import { DEFAULT_PROGRAM } from '../../src/circles/settings/program';
import { DEFAULT_RHYTHM } from '../../src/circles/settings/rhythm';
import { CircleActions, CircleViews } from '../../src/circles/ids';
import { joinCircle } from '../../src/circles/membership/service';
import { SettingsBlocks } from '../../src/circles/settings/model';
import { createCircle } from '../../src/circles/settings/service';
import { refreshPerson } from '../../src/people/service';
import { CHANNELS, type StoredMessage, type StoredView, TEAM, USERS } from '../../src/sandbox';
import { cadenceSchema } from '../../src/time/cadence';
import { clientFor } from '../sandbox/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral } from '../support/fixtures';

const B = SettingsBlocks;

/** What an organizer types into the modal for a weekly circle; tests override what they are about. */
const FILLED = {
  [B.name]: 'New Managers',
  [B.focus]: 'First-time managers learning from each other.',
  [B.kind]: 'group',
  [B.channelMode]: 'new_public',
  [B.startDate]: '2026-12-01',
  [B.cycleLength]: '6',
  [B.frequency]: 'weekly',
  [B.weekday]: 'tuesday',
  [B.time]: '09:00',
};

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; elements?: Array<Record<string, unknown>> };

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.text === 'string') return o.text;
    return Object.values(o).map(textOf).filter(Boolean).join('\n');
  }
  return '';
}

/** The value an input starts with, whatever its element type. */
function initialOf(view: StoredView, blockId: string): unknown {
  const block = (view.view.blocks as Block[]).find((b) => b.block_id === blockId);
  const el = block?.element ?? {};
  const option = el.initial_option as { value: string } | undefined;
  return (
    el.initial_value ??
    option?.value ??
    el.initial_users ??
    el.initial_date ??
    el.initial_time ??
    el.initial_conversation ??
    undefined
  );
}

function joinButtonOf(message: StoredMessage): Record<string, unknown> | undefined {
  const actions = (message.blocks as Block[]).find((b) => b.type === 'actions');
  return actions?.elements?.find((e) => e.action_id === CircleActions.join);
}

describe('circles: create and edit', () => {
  let t: TestApp;
  /** A fresh app and database per test, for tests that store something. */
  function freshAppPerTest() {
    beforeEach(async () => {
      t = await startTestApp();
    });
    afterEach(async () => {
      await t.close();
    });
  }

  const circles = () => t.db.selectFrom('circles').selectAll().orderBy('id').execute();
  const cyclesOf = (circleId: number) => t.db.selectFrom('cycles').selectAll().where('circle_id', '=', circleId).execute();
  const membershipsOf = (circleId: number) =>
    t.db.selectFrom('memberships').selectAll().where('circle_id', '=', circleId).orderBy('id').execute();

  async function openNew(userId: string = USERS.owner): Promise<StoredView> {
    const res = await t.slack.command(userId, 'new');
    expect(res.status).toBe(200);
    const views = t.emulator.openViewsOf(userId);
    expect(views).toHaveLength(1);
    return views[0]!;
  }

  async function create(values: Record<string, unknown> = {}, userId: string = USERS.owner) {
    const view = await openNew(userId);
    const res = await t.slack.submitView(userId, view.id, { ...FILLED, ...values });
    return { view, res };
  }

  async function openEdit(userId: string, text = 'edit', channelId?: string): Promise<StoredView> {
    await t.slack.command(userId, text, channelId ? { channelId } : {});
    const views = t.emulator.openViewsOf(userId);
    expect(views).toHaveLength(1);
    return views[0]!;
  }

  describe('/circle new', () => {
    freshAppPerTest();

    it('opens the modal for an organizer, prefilled with them as facilitator and their time zone', async () => {
      const res = await t.slack.command(USERS.owner, 'new');
      expect(res.body).toBe('');
      expect(t.emulator.callsTo('views.open')).toHaveLength(1);
      const [view] = t.emulator.openViewsOf(USERS.owner);
      expect(view!.view.callback_id).toBe(CircleViews.settings);
      expect(view!.view.title).toMatchObject({ text: 'New circle' });
      expect(initialOf(view!, B.facilitators)).toEqual([USERS.owner]);
      expect(initialOf(view!, B.timeZone)).toBe('America/New_York');
      expect(initialOf(view!, B.sizeCap)).toBe('8');
      expect(textOf(view!.view.blocks)).toContain('6-8 people for circles that meet online for two hours or less; up to 20');
    });

    it('refuses a non-organizer privately and opens nothing', async () => {
      // Never seen before, so their roles come from Slack: after the ack, by response_url.
      const res = await t.slack.command(USERS.ana, 'new');
      expect(res.body).toBe('');
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('Only organizers');
      expect(t.emulator.callsTo('views.open')).toHaveLength(0);
      expect(t.emulator.openViewsOf(USERS.ana)).toHaveLength(0);
      // Seen a moment ago: the refusal comes inside the ack.
      const again = await t.slack.command(USERS.ana, 'new');
      expect(again.body.response_type).toBe('ephemeral');
      expect(again.body.text).toContain('Only organizers');
      expect(t.emulator.openViewsOf(USERS.ana)).toHaveLength(0);
    });

    it.each([
      {
        what: 'a learning circle meeting every week, in a new public channel, for 6 months',
        values: { [B.kind]: 'group', [B.channelMode]: 'new_public', [B.frequency]: 'weekly', [B.cycleLength]: '6' },
        cadence: { kind: 'weekly', everyWeeks: 1 },
        cycle: ['2026-12-01', '2027-06-01'],
        isPrivate: false,
      },
      {
        what: 'a coaching program every 2 weeks, in a new private channel, with an end date',
        values: {
          [B.kind]: 'pairs',
          [B.channelMode]: 'new_private',
          [B.frequency]: 'every_2_weeks',
          [B.cycleLength]: null,
          [B.endDate]: '2027-03-31',
        },
        cadence: { kind: 'weekly', everyWeeks: 2 },
        cycle: ['2026-12-01', '2027-03-31'],
        isPrivate: true,
      },
      {
        what: 'a circle meeting monthly on the 2nd Tuesday, for 12 months',
        values: { [B.frequency]: 'monthly', [B.week]: '2', [B.cycleLength]: '12' },
        cadence: { kind: 'monthly', everyMonths: 1, nth: 2 },
        cycle: ['2026-12-01', '2027-12-01'],
        isPrivate: false,
      },
      {
        what: 'a circle meeting monthly on the last Tuesday, for 4 months',
        values: { [B.frequency]: 'monthly', [B.week]: 'last', [B.cycleLength]: '4' },
        cadence: { kind: 'monthly', everyMonths: 1, nth: -1 },
        cycle: ['2026-12-01', '2027-04-01'],
        isPrivate: false,
      },
      {
        what: 'a coaching program every 2 months on the 1st Tuesday, for 24 months',
        values: { [B.kind]: 'pairs', [B.frequency]: 'every_2_months', [B.week]: '1', [B.cycleLength]: '24' },
        cadence: { kind: 'monthly', everyMonths: 2, nth: 1 },
        cycle: ['2026-12-01', '2028-12-01'],
        isPrivate: false,
      },
    ])('creates $what', async ({ values, cadence, cycle, isPrivate }) => {
      const { view, res } = await create({
        ...values,
        [B.facilitators]: [USERS.owner, USERS.ana],
        [B.duration]: '120',
        [B.timeZone]: 'Europe/London',
        [B.sizeCap]: '7',
        [B.videoLink]: 'https://meet.example.com/new-managers',
      });
      expect(res.body).toBe('');
      expect(t.emulator.openViewsOf(USERS.owner)).toHaveLength(0);
      expect(t.emulator.view(view.id)?.isOpen).toBe(false);

      const [circle, ...others] = await circles();
      expect(others).toHaveLength(0);
      expect(circle).toMatchObject({
        team_id: TEAM.id,
        name: 'New Managers',
        focus: 'First-time managers learning from each other.',
        kind: values[B.kind] ?? 'group',
        status: 'open',
        size_cap: 7,
        video_link: 'https://meet.example.com/new-managers',
        created_by: USERS.owner,
      });
      expect(circle!.cadence).toEqual({
        ...cadence,
        weekday: 'tuesday',
        localTime: '09:00',
        durationMinutes: 120,
        timeZone: 'Europe/London',
      });
      const cycles = await cyclesOf(circle!.id);
      expect(cycles.map((c) => [c.number, c.start_date, c.end_date])).toEqual([[1, ...cycle]]);
      const members = await membershipsOf(circle!.id);
      expect(members.map((m) => [m.user_id, m.role, m.status, m.joined_at?.toISOString()])).toEqual([
        [USERS.owner, 'facilitator', 'active', '2026-11-23T15:00:00.000Z'],
        [USERS.ana, 'facilitator', 'active', '2026-11-23T15:00:00.000Z'],
      ]);

      const [createCall, ...moreCreates] = t.emulator.callsTo('conversations.create');
      expect(moreCreates).toHaveLength(0);
      expect(createCall!.args.name).toBe('circle-new-managers');
      expect(String(createCall!.args.is_private)).toBe(String(isPrivate));
      const channelId = circle!.channel_id!;
      const channel = t.emulator.workspace.channel(channelId)!;
      expect(channel).toMatchObject({ name: 'circle-new-managers', is_private: isPrivate });
      expect([...channel.members].sort()).toEqual([USERS.ana, USERS.bot, USERS.owner].sort());

      const [announcement, ...moreMessages] = t.emulator.messages(channelId);
      expect(moreMessages).toHaveLength(0);
      const announced = textOf(announcement!.blocks);
      expect(announced).toContain('New Managers');
      expect(announced).toContain('First-time managers learning from each other.');
      expect(announced).toContain('Up to 7');
      expect(joinButtonOf(announcement!)).toMatchObject({ value: String(circle!.id), text: { text: 'Join' } });

      const dms = t.emulator.dmsTo(USERS.owner);
      expect(dms).toHaveLength(1);
      expect(dms[0]!.text).toContain(`*New Managers* is ready in <#${channelId}>.`);
      expect(dms[0]!.text).toContain('What happens next');
      expect(dms[0]!.text).toContain('/circle join New Managers');
    });

    it('describes the rhythm in words in the announcement, and its Join button joins', async () => {
      await create({ [B.frequency]: 'monthly', [B.week]: 'last', [B.weekday]: 'friday', [B.time]: '16:30', [B.duration]: '60' });
      const [circle] = await circles();
      const [announcement] = t.emulator.messages(circle!.channel_id!);
      const text = textOf(announcement!.blocks);
      expect(text).toContain('Monthly on the last Friday at 16:30 (America/New_York), 60 min');
      expect(text).toContain('Tue 1 Dec 2026 to Tue 1 Jun 2027');
      expect(text).toContain('Learning circle');

      t.emulator.workspace.addMember(circle!.channel_id!, USERS.ben);
      await t.slack.clickButton(USERS.ben, { channelId: circle!.channel_id!, ts: announcement!.ts }, CircleActions.join);
      const ben = (await membershipsOf(circle!.id)).find((m) => m.user_id === USERS.ben);
      expect(ben).toMatchObject({ status: 'active', role: 'member' });
    });

    it('names the channel circle-NAME-2 when circle-NAME is taken', async () => {
      t.emulator.workspace.addChannel({ name: 'circle-new-managers', members: [USERS.owner] });
      await create();
      const [circle] = await circles();
      expect(t.emulator.callsTo('conversations.create').map((c) => c.args.name)).toEqual([
        'circle-new-managers',
        'circle-new-managers-2',
      ]);
      expect(t.emulator.workspace.channel(circle!.channel_id!)?.name).toBe('circle-new-managers-2');
    });

    it('joins an existing public channel, invites the facilitators and announces there', async () => {
      expect(t.emulator.workspace.isMember(CHANNELS.general, USERS.bot)).toBe(false);
      t.emulator.workspace.removeMember(CHANNELS.random, USERS.owner);
      await create({ [B.channelMode]: 'existing', [B.channel]: CHANNELS.random, [B.facilitators]: [USERS.owner, USERS.ana] });
      const [circle] = await circles();
      expect(circle!.channel_id).toBe(CHANNELS.random);
      expect(t.emulator.callsTo('conversations.create')).toHaveLength(0);
      expect(t.emulator.workspace.isMember(CHANNELS.random, USERS.owner)).toBe(true);
      expect(joinButtonOf(t.emulator.messages(CHANNELS.random).at(-1)!)).toMatchObject({ value: String(circle!.id) });

      await t.slack.submitView(USERS.owner, (await openNew()).id, {
        ...FILLED,
        [B.name]: 'Second Circle',
        [B.channelMode]: 'existing',
        [B.channel]: CHANNELS.general,
      });
      const second = (await circles())[1]!;
      expect(second.channel_id).toBe(CHANNELS.general);
      expect(t.emulator.callsTo('conversations.join').map((c) => c.args.channel)).toEqual([CHANNELS.general]);
      expect(t.emulator.workspace.isMember(CHANNELS.general, USERS.bot)).toBe(true);
      expect(joinButtonOf(t.emulator.messages(CHANNELS.general).at(-1)!)).toMatchObject({ value: String(second.id) });
      expect(t.emulator.dmsTo(USERS.owner).at(-1)!.text).toContain(`*Second Circle* is ready in <#${CHANNELS.general}>.`);
    });

    it('uses an existing private channel the bot is in, without trying to join it', async () => {
      await create({ [B.channelMode]: 'existing', [B.channel]: CHANNELS.leadership });
      const [circle] = await circles();
      expect(circle!.channel_id).toBe(CHANNELS.leadership);
      expect(t.emulator.callsTo('conversations.join')).toHaveLength(0);
      expect(joinButtonOf(t.emulator.messages(CHANNELS.leadership).at(-1)!)).toBeDefined();
    });

    it('a name another circle has, whatever its case', async () => {
      await create();
      const { res } = await create({ [B.name]: 'new  MANAGERS' });
      expect(res.body).toEqual({
        response_action: 'errors',
        errors: { [B.name]: 'There is already a circle called "New Managers". Pick another name.' },
      });
      expect(await circles()).toHaveLength(1);
    });

    it('a name saved by someone else a moment earlier (the database settles the race)', async () => {
      await create();
      const [first] = await circles();
      const settings = {
        name: 'NEW MANAGERS',
        focus: 'x',
        kind: 'group' as const,
        channel: { mode: 'new' as const, isPrivate: false },
        sizeCap: 8,
        facilitators: [USERS.owner],
        cycle: { startDate: '2026-12-01', endDate: '2027-06-01', lengthMonths: 6 },
        cadence: cadenceSchema.parse(first!.cadence),
        videoLink: null,
        rhythm: DEFAULT_RHYTHM,
        program: DEFAULT_PROGRAM,
      };
      const outcome = await createCircle(t.db, TEAM.id, USERS.owner, settings, t.clock.now());
      expect(outcome).toEqual({
        ok: false,
        errors: { [B.name]: 'There is already a circle called "New Managers". Pick another name.' },
      });
      expect(await circles()).toHaveLength(1);
    });
    it('checks with Slack after the ack: a facilitator never seen before who is deactivated is taken off, and the creator told', async () => {
      const { res } = await create({ [B.facilitators]: [USERS.owner, USERS.former] });
      expect(res.body).toBe('');
      const [circle] = await circles();
      expect((await membershipsOf(circle!.id)).map((m) => [m.user_id, m.role, m.status])).toEqual([
        [USERS.owner, 'facilitator', 'active'],
        [USERS.former, 'member', 'left'],
      ]);
      expect(t.emulator.workspace.isMember(circle!.channel_id!, USERS.former)).toBe(false);
      const dm = t.emulator.dmsTo(USERS.owner).at(-1)!.text;
      expect(dm).toContain('account is deactivated, so they are not a facilitator');
    });

    it('a private channel the bot cannot see: the circle is saved, and the creator is told to invite the bot', async () => {
      const { res } = await create({ [B.channelMode]: 'existing', [B.channel]: CHANNELS.confidential });
      expect(res.body).toBe('');
      const [circle] = await circles();
      expect(circle!.channel_id).toBeNull();
      const dm = t.emulator.dmsTo(USERS.owner).at(-1)!.text;
      expect(dm).toContain("I can't see <#" + CHANNELS.confidential + '>');
      expect(dm).toContain('/invite @Peer Circles');
      expect(dm).toContain('Nothing is lost');
    });

    it('keeps the circle when Slack refuses the channel, tells the creator how to fix it, and /circle edit sets it', async () => {
      t.emulator.fail('conversations.create', { error: 'restricted_action' });
      await create();
      const [circle] = await circles();
      expect(circle!.channel_id).toBeNull();
      expect(await cyclesOf(circle!.id)).toHaveLength(1);
      const dm = t.emulator.dmsTo(USERS.owner).at(-1)!.text;
      expect(dm).toContain('*New Managers* is saved');
      expect(dm).toContain("I couldn't create a channel for it (Slack said `restricted_action`)");
      expect(dm).toContain('Nothing is lost');
      expect(dm).toContain('/circle edit New Managers');

      const view = await openEdit(USERS.owner, 'edit New Managers');
      expect(initialOf(view, B.channelMode)).toBe('new_public');
      const res = await t.slack.submitView(USERS.owner, view.id, {});
      expect(res.body).toBe('');
      const [after] = await circles();
      expect(after!.channel_id).not.toBeNull();
      expect(t.emulator.workspace.channel(after!.channel_id!)?.name).toBe('circle-new-managers');
      expect(joinButtonOf(t.emulator.messages(after!.channel_id!).at(-1)!)).toMatchObject({ value: String(circle!.id) });
    });
  });

  describe('/circle new: validation errors come back on their field and store nothing', () => {
    // Nothing here stores anything, so one app serves every case (starting one costs seconds).
    beforeAll(async () => {
      t = await startTestApp();
      // The answer to a submission comes from the database alone: these two were looked up before.
      const client = clientFor(t.emulator);
      await t.db.insertInto('workspaces').values({ team_id: TEAM.id }).execute();
      for (const user of [USERS.former, USERS.otherBot]) await refreshPerson(t.db, client, TEAM.id, user, t.clock.now());
    });
    afterAll(async () => {
      await t.close();
    });
    afterEach(async () => {
      for (const view of t.emulator.openViewsOf(USERS.owner)) await t.slack.closeView(USERS.owner, view.id);
      t.emulator.reset();
    });

    it.each([
      [
        'a start date in the past',
        { [B.startDate]: '2026-11-22' },
        B.startDate,
        'The start date has passed (today is 2026-11-23',
      ],
      [
        'an end date before the start',
        { [B.cycleLength]: null, [B.endDate]: '2026-11-30' },
        B.endDate,
        'must come after the start date',
      ],
      [
        'an end date equal to the start',
        { [B.cycleLength]: null, [B.endDate]: '2026-12-01' },
        B.endDate,
        'must come after the start date',
      ],
      ['an unknown time zone', { [B.timeZone]: 'Mars/Olympus_Mons' }, B.timeZone, 'is not a time zone I know'],
      ['a name too short', { [B.name]: 'NM' }, B.name, 'at least 3 characters'],
      ['a name too long', { [B.name]: 'N'.repeat(61) }, B.name, 'at most 60 characters'],
      ['the existing-channel mode without a channel', { [B.channelMode]: 'existing' }, B.channel, 'Pick the existing channel'],
      ['both an end date and a length', { [B.endDate]: '2027-03-01' }, [B.endDate, B.cycleLength], 'not both'],
      ['neither an end date nor a length', { [B.cycleLength]: null }, [B.endDate, B.cycleLength], 'an end date or a length'],
      ['a monthly rhythm without a week', { [B.frequency]: 'monthly' }, B.week, 'which week of the month'],
      ['an every-2-months rhythm without a week', { [B.frequency]: 'every_2_months' }, B.week, 'which week of the month'],
      ['a video link that is not https', { [B.videoLink]: 'http://meet.example.com/x' }, B.videoLink, 'must start with https://'],
      ['a deactivated facilitator', { [B.facilitators]: [USERS.owner, USERS.former] }, B.facilitators, 'deactivated'],
      ['a bot as facilitator', { [B.facilitators]: [USERS.otherBot] }, B.facilitators, 'is a bot'],
    ])('%s', async (_what, values, blockIds, message) => {
      const { view, res } = await create(values);
      const ids = typeof blockIds === 'string' ? [blockIds] : blockIds;
      const errors = Object.fromEntries(ids.map((id) => [id, expect.stringContaining(message)]));
      expect(res.body).toEqual({ response_action: 'errors', errors });
      expect(t.emulator.view(view.id)?.isOpen).toBe(true);
      expect(await circles()).toHaveLength(0);
      expect(await t.db.selectFrom('cycles').selectAll().execute()).toHaveLength(0);
      expect(await t.db.selectFrom('memberships').selectAll().execute()).toHaveLength(0);
      expect(t.emulator.callsTo('conversations.create')).toHaveLength(0);
      expect(t.emulator.dmsTo(USERS.owner)).toHaveLength(0);
    });

    it('every problem at once', async () => {
      const { res } = await create({
        [B.name]: 'NM',
        [B.startDate]: '2026-11-01',
        [B.timeZone]: 'Nowhere/Special',
        [B.frequency]: 'every_2_months',
        [B.videoLink]: 'http://x.example.com',
        [B.facilitators]: [USERS.former],
      });
      expect(res.body.response_action).toBe('errors');
      expect(Object.keys(res.body.errors).sort()).toEqual(
        [B.name, B.startDate, B.timeZone, B.week, B.videoLink, B.facilitators].sort(),
      );
      expect(await circles()).toHaveLength(0);
    });
  });

  describe('App Home buttons', () => {
    freshAppPerTest();

    it('Create opens the modal for an organizer; Edit opens the prefilled modal for a facilitator', async () => {
      await t.slack.appHomeOpened(USERS.owner);
      const home = t.emulator.homeOf(USERS.owner);
      expect(home).toBeDefined();
      await t.slack.clickButton(USERS.owner, { viewId: String(home!.id) }, CircleActions.create);
      const [modal] = t.emulator.openViewsOf(USERS.owner);
      expect(modal!.view.callback_id).toBe(CircleViews.settings);
      await t.slack.submitView(USERS.owner, modal!.id, { ...FILLED, [B.facilitators]: [USERS.ana] });
      const [circle] = await circles();

      await t.slack.appHomeOpened(USERS.ana);
      const anaHome = t.emulator.homeOf(USERS.ana)!;
      await t.slack.clickButton(USERS.ana, { viewId: String(anaHome.id) }, CircleActions.edit, { value: String(circle!.id) });
      const [edit] = t.emulator.openViewsOf(USERS.ana);
      expect(edit!.view.private_metadata).toBe(JSON.stringify({ circleId: circle!.id }));
      expect(initialOf(edit!, B.name)).toBe('New Managers');
    });
  });

  describe('/circle edit', () => {
    freshAppPerTest();

    async function seed(values: Record<string, unknown> = {}) {
      await create({ [B.facilitators]: [USERS.owner, USERS.ana], ...values });
      const [circle] = await circles();
      t.emulator.reset();
      return circle!;
    }

    it('a facilitator in the circle channel gets the prefilled modal and saves changes', async () => {
      const circle = await seed({ [B.frequency]: 'monthly', [B.week]: '3', [B.videoLink]: 'https://meet.example.com/a' });
      const view = await openEdit(USERS.ana, 'edit', circle.channel_id!);
      expect(view.view.title).toMatchObject({ text: 'Edit circle' });
      expect(view.view.private_metadata).toBe(JSON.stringify({ circleId: circle.id }));
      expect(initialOf(view, B.name)).toBe('New Managers');
      expect(initialOf(view, B.focus)).toBe('First-time managers learning from each other.');
      expect(initialOf(view, B.kind)).toBe('group');
      expect(initialOf(view, B.channelMode)).toBe('existing');
      expect(initialOf(view, B.channel)).toBe(circle.channel_id);
      expect(initialOf(view, B.sizeCap)).toBe('8');
      expect(initialOf(view, B.facilitators)).toEqual([USERS.owner, USERS.ana]);
      expect(initialOf(view, B.startDate)).toBe('2026-12-01');
      expect(initialOf(view, B.endDate)).toBe('2027-06-01');
      expect(initialOf(view, B.frequency)).toBe('monthly');
      expect(initialOf(view, B.week)).toBe('3');
      expect(initialOf(view, B.weekday)).toBe('tuesday');
      expect(initialOf(view, B.time)).toBe('09:00');
      expect(initialOf(view, B.duration)).toBe('90');
      expect(initialOf(view, B.timeZone)).toBe('America/New_York');
      expect(initialOf(view, B.videoLink)).toBe('https://meet.example.com/a');

      const res = await t.slack.submitView(USERS.ana, view.id, {
        [B.name]: 'new managers circle',
        [B.frequency]: 'every_2_weeks',
        [B.time]: '10:30',
        [B.endDate]: '2027-05-15',
        [B.facilitators]: [USERS.ana, USERS.ben],
      });
      expect(res.body).toBe('');
      const [after] = await circles();
      expect(after).toMatchObject({ id: circle.id, name: 'new managers circle', channel_id: circle.channel_id, kind: 'group' });
      expect(after!.cadence).toEqual({
        kind: 'weekly',
        everyWeeks: 2,
        weekday: 'tuesday',
        localTime: '10:30',
        durationMinutes: 90,
        timeZone: 'America/New_York',
      });
      expect((await cyclesOf(circle.id)).map((c) => [c.number, c.start_date, c.end_date])).toEqual([
        [1, '2026-12-01', '2027-05-15'],
      ]);
      const roles = (await membershipsOf(circle.id)).map((m) => [m.user_id, m.role, m.status]);
      expect(roles).toEqual([
        [USERS.owner, 'member', 'active'],
        [USERS.ana, 'facilitator', 'active'],
        [USERS.ben, 'facilitator', 'active'],
      ]);
      expect(t.emulator.workspace.isMember(circle.channel_id!, USERS.ben)).toBe(true);
      expect(t.emulator.callsTo('conversations.create')).toHaveLength(0);
      expect(t.emulator.messages(circle.channel_id!)).toHaveLength(1);
      const dm = t.emulator.dmsTo(USERS.ana).at(-1)!.text;
      expect(dm).toContain(`Saved the changes to *new managers circle* (<#${circle.channel_id}>)`);
      expect(dm).toContain('Every 2 weeks on Tuesday at 10:30 (America/New_York), 90 min');
    });

    it('keeps a start date that has passed once the cycle is running', async () => {
      const circle = await seed();
      t.clock.set('2027-01-10T12:00:00Z');
      const view = await openEdit(USERS.owner, 'edit New Managers');
      const res = await t.slack.submitView(USERS.owner, view.id, { [B.focus]: 'Still growing.' });
      expect(res.body).toBe('');
      expect((await circles())[0]!.focus).toBe('Still growing.');
      expect((await cyclesOf(circle.id))[0]!.start_date).toBe('2026-12-01');
    });

    it('finds the circle by name from anywhere, and the one circle a facilitator hosts without a name', async () => {
      await seed();
      const byName = await openEdit(USERS.owner, 'edit  new MANAGERS');
      expect(initialOf(byName, B.name)).toBe('New Managers');
      await t.slack.closeView(USERS.owner, byName.id);
      const hosted = await openEdit(USERS.ana, 'edit', CHANNELS.general);
      expect(initialOf(hosted, B.name)).toBe('New Managers');
    });

    it('suggests close names for an unknown one', async () => {
      await seed();
      const res = await t.slack.command(USERS.owner, 'edit New Managrs');
      expect(res.body.text).toBe('I can\'t find a circle called "New Managrs". Did you mean *New Managers*?');
      expect(t.emulator.callsTo('views.open')).toHaveLength(0);
    });

    it('refuses an ordinary member, privately, and opens nothing', async () => {
      const circle = await seed();
      t.emulator.workspace.addMember(circle.channel_id!, USERS.ben);
      await t.slack.command(USERS.ben, 'edit', { channelId: circle.channel_id! });
      expect(lastEphemeral(t.emulator, USERS.ben)).toBe(
        'Only the facilitators of *New Managers* and organizers can change its settings. Nothing was changed.',
      );
      expect(t.emulator.callsTo('views.open')).toHaveLength(0);
      const bare = await t.slack.command(USERS.ben, 'edit');
      expect(bare.body.text).toContain('Which circle?');
    });

    it("does not flag the circle's own name as taken, but does flag another circle's", async () => {
      await seed();
      await create({ [B.name]: 'Second Circle' });
      const view = await openEdit(USERS.owner, 'edit New Managers');
      const clash = await t.slack.submitView(USERS.owner, view.id, { [B.name]: 'second circle' });
      expect(clash.body).toEqual({
        response_action: 'errors',
        errors: { [B.name]: 'There is already a circle called "Second Circle". Pick another name.' },
      });
      const same = await t.slack.submitView(USERS.owner, view.id, { [B.name]: 'NEW MANAGERS' });
      expect(same.body).toBe('');
      expect((await circles()).map((c) => c.name)).toEqual(['NEW MANAGERS', 'Second Circle']);
    });

    it('lets the kind change only until the circle has met', async () => {
      const circle = await seed();
      const view = await openEdit(USERS.owner, 'edit New Managers');
      expect((await t.slack.submitView(USERS.owner, view.id, { [B.kind]: 'pairs' })).body).toBe('');
      expect((await circles())[0]!.kind).toBe('pairs');

      const [cycle] = await cyclesOf(circle.id);
      await t.db
        .insertInto('sessions')
        .values({
          team_id: TEAM.id,
          circle_id: circle.id,
          cycle_id: cycle!.id,
          pair_id: null,
          occurrence_date: '2026-11-20',
          starts_at: '2026-11-20T14:00:00Z',
          ends_at: '2026-11-20T15:30:00Z',
          leader_user_id: null,
          prompt_key: null,
          prompt_text: null,
          agenda_channel_id: null,
          agenda_ts: null,
        })
        .execute();
      const again = await openEdit(USERS.owner, 'edit New Managers');
      const res = await t.slack.submitView(USERS.owner, again.id, { [B.kind]: 'group' });
      expect(res.body).toEqual({
        response_action: 'errors',
        errors: { [B.kind]: expect.stringContaining('has already met') },
      });
      expect((await circles())[0]!.kind).toBe('pairs');
    });

    it('raising the cap moves the waitlist up and tells those who got in', async () => {
      const circle = await seed({ [B.sizeCap]: '3' });
      const client = clientFor(t.emulator);
      const now = t.clock.now();
      for (const user of [USERS.ben, USERS.chloe, USERS.dev, USERS.elena]) {
        await refreshPerson(t.db, client, TEAM.id, user, now);
      }
      expect((await joinCircle(t.db, t.services.features.membership.effects, TEAM.id, circle.id, USERS.ben, now)).kind).toBe(
        'joined',
      );
      expect((await joinCircle(t.db, t.services.features.membership.effects, TEAM.id, circle.id, USERS.chloe, now)).kind).toBe(
        'waitlisted',
      );
      expect((await joinCircle(t.db, t.services.features.membership.effects, TEAM.id, circle.id, USERS.dev, now)).kind).toBe(
        'waitlisted',
      );
      expect((await joinCircle(t.db, t.services.features.membership.effects, TEAM.id, circle.id, USERS.elena, now)).kind).toBe(
        'waitlisted',
      );

      const view = await openEdit(USERS.ana, 'edit New Managers');
      const res = await t.slack.submitView(USERS.ana, view.id, { [B.sizeCap]: '5' });
      expect(res.body).toBe('');
      const statuses = Object.fromEntries((await membershipsOf(circle.id)).map((m) => [m.user_id, m.status]));
      expect(statuses).toEqual({
        [USERS.owner]: 'active',
        [USERS.ana]: 'active',
        [USERS.ben]: 'active',
        [USERS.chloe]: 'active',
        [USERS.dev]: 'active',
        [USERS.elena]: 'waitlisted',
      });
      for (const user of [USERS.chloe, USERS.dev]) {
        expect(
          t.emulator
            .dmsTo(user)
            .map((m) => m.text)
            .join('\n'),
        ).toContain('a place opened up in *New Managers*');
        expect(t.emulator.workspace.isMember(circle.channel_id!, user)).toBe(true);
      }
      expect(t.emulator.dmsTo(USERS.elena)).toHaveLength(0);
      expect(t.emulator.dmsTo(USERS.ana).at(-1)!.text).toContain(`<@${USERS.chloe}>, <@${USERS.dev}> moved up from the waitlist`);
    });

    it('moves the circle to a newly picked channel, inviting its members and announcing there', async () => {
      const circle = await seed();
      const view = await openEdit(USERS.owner, 'edit New Managers');
      await t.slack.submitView(USERS.owner, view.id, { [B.channelMode]: 'existing', [B.channel]: CHANNELS.leadership });
      const [after] = await circles();
      expect(after!.channel_id).toBe(CHANNELS.leadership);
      expect(t.emulator.workspace.isMember(CHANNELS.leadership, USERS.ana)).toBe(true);
      expect(joinButtonOf(t.emulator.messages(CHANNELS.leadership).at(-1)!)).toMatchObject({ value: String(circle.id) });
      expect(t.emulator.dmsTo(USERS.owner).at(-1)!.text).toContain(`The circle's channel is now <#${CHANNELS.leadership}>`);
    });
  });
});
