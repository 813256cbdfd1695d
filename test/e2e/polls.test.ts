import { calendarUrlFor } from '../../src/calendar/home';
import type { CircleRow } from '../../src/circles/store';
import { ANSWER_LABELS, ROTATE_BLOCK_ID, rankBlockId } from '../../src/polls/blocks';
import { PollActions, PollFields as F } from '../../src/polls/ids';
import { TEAM, USERS } from '../../src/sandbox';
import type { StoredEphemeral, StoredMessage } from '../../src/sandbox/types';
import { syncSessions } from '../../src/sessions/horizon';
import { startTestApp, type TestApp } from '../support/app';
import { lastDm, lastEphemeral, seedCircle, textOf } from '../support/fixtures';
import { parseFeed, wallIn } from '../support/ical';
import { lastOpenView } from '../support/checkins';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const NAIROBI = 'Africa/Nairobi';
const SYDNEY = 'Australia/Sydney';
const NAIROBI_ID = 'U0NAIROBI1';
const SYDNEY_ID = 'U0SYDNEY01';
const token = (iso: string) => `<!date^${Math.floor(Date.parse(iso) / 1000)}^`;

type Say = 'yes' | 'ifneedbe' | 'no';

/**
 * A circle of 7 (New York, London, Nairobi, Sydney) meeting weekly on Tuesday 09:00 New York
 * finds a new time: the facilitator polls, members answer in their own zones, others' answers stay
 * hidden until one's own is in, the pick moves the next session no one was reminded of, and the
 * reminders and calendar feeds follow; a second poll with no time for everyone ends in a rotation.
 */
describe('time polls: /circle time, answers, ranking, pick and rotation', () => {
  let t: TestApp;
  let circle: CircleRow;
  const zones: Record<string, string> = {
    [USERS.ben]: NY,
    [USERS.grace]: NY,
    [USERS.kofi]: NY,
    [USERS.chloe]: LONDON,
    [USERS.elena]: LONDON,
    [NAIROBI_ID]: NAIROBI,
    [SYDNEY_ID]: SYDNEY,
  };
  const everyone = Object.keys(zones);

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-25T12:00:00Z' });
    t.emulator.workspace.addUser({ id: NAIROBI_ID, name: 'wanjiru', real_name: 'Wanjiru Kamau', tz: NAIROBI });
    t.emulator.workspace.addUser({ id: SYDNEY_ID, name: 'liam', real_name: 'Liam Walker', tz: SYDNEY });
    circle = await seedCircle(t.db, t.emulator, {
      name: 'Growth',
      facilitators: [USERS.ben],
      members: everyone.filter((u) => u !== USERS.ben),
      cadence: { kind: 'weekly', everyWeeks: 1, weekday: 'tuesday', localTime: '09:00', durationMinutes: 60, timeZone: NY },
      startDate: '2026-12-01',
      endDate: '2027-06-30',
    });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
    // The 7-day reminder of Tuesday 1 December goes out: that session is one members were told of.
    await t.tick();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const channel = () => circle.channel_id!;
  const scheduled = () =>
    t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circle.id)
      .where('status', '=', 'scheduled')
      .orderBy('starts_at')
      .execute();
  const pollPost = (): StoredMessage => {
    const posts = t.emulator.messages(channel()).filter((m) => JSON.stringify(m.blocks).includes(PollActions.answer));
    const last = posts.at(-1);
    if (!last) throw new Error('no poll post in the channel');
    return last;
  };
  const lastEphemeralOf = (userId: string): StoredEphemeral => {
    const last = t.emulator.ephemeralsTo(userId).at(-1);
    if (!last) throw new Error(`${userId} saw no ephemeral`);
    return last;
  };

  async function openPoll(times: string): Promise<void> {
    await t.slack.command(USERS.ben, 'time Growth', { channelId: channel() });
    const view = lastOpenView(t, USERS.ben);
    expect(textOf(view.view.blocks)).toContain('Times to offer');
    await t.slack.submitView(USERS.ben, view.id, { [F.times]: times });
  }

  async function answer(userId: string, says: Say[], note?: string): Promise<string> {
    const post = pollPost();
    await t.slack.clickButton(userId, { channelId: channel(), ts: post.ts }, PollActions.answer);
    const view = lastOpenView(t, userId);
    const shown = textOf(view.view.blocks);
    const values: Record<string, unknown> = Object.fromEntries(says.map((s, i) => [`${F.answerPrefix}${i}`, s]));
    if (note) values[F.note] = note;
    await t.slack.submitView(userId, view.id, values);
    return shown;
  }

  async function feedStarts(userId: string): Promise<Date[]> {
    const url = await calendarUrlFor(t.services.deps)(TEAM.id, userId);
    const res = await fetch(`${t.baseUrl}${url!.slice('https://circles.test'.length)}`);
    expect(res.status).toBe(200);
    return parseFeed(await res.text())
      .filter((e) => e.status !== 'CANCELLED')
      .map((e) => e.start)
      .sort((a, b) => a.getTime() - b.getTime());
  }

  it('a poll: each member sees the times in their own zone, others’ answers only after answering, and the pick moves the next un-reminded session', async () => {
    const before = await scheduled();
    expect(before[0]!.starts_at.toISOString()).toBe('2026-12-01T14:00:00.000Z');

    await openPoll('Tue 08:00\nTue 17:00\nThu 12:00');
    const post = pollPost();
    expect(textOf(post.blocks)).toContain('Tue 08:00 New York');

    // Sydney sees Tuesday 08:00 New York as Wednesday midnight, and the weeks daylight saving moves it.
    await t.slack.clickButton(SYDNEY_ID, { channelId: channel(), ts: post.ts }, PollActions.answer);
    const sydneyForm = textOf(lastOpenView(t, SYDNEY_ID).view.blocks);
    expect(sydneyForm).toContain('Wed 00:00 for you');
    expect(sydneyForm).toContain('Wed 00:00 for you; Tue 23:00 from 14 Mar to 3 Apr; Tue 22:00 from 4 Apr');
    expect(sydneyForm).not.toContain('so far');
    await t.slack.closeView(SYDNEY_ID, lastOpenView(t, SYDNEY_ID).id);

    // Before answering, the others' answers stay hidden.
    await t.slack.clickButton(SYDNEY_ID, { channelId: channel(), ts: post.ts }, PollActions.results);
    expect(lastEphemeral(t.emulator, SYDNEY_ID)).toContain('Answer first');

    const nyForm = await answer(USERS.grace, ['yes', 'yes', 'yes']);
    expect(nyForm).toContain('Tue 08:00 New York');
    expect(nyForm).not.toContain('for you'); // New York is the circle's zone: nothing to convert
    await answer(USERS.kofi, ['yes', 'yes', 'no']);
    await answer(USERS.ben, ['yes', 'yes', 'yes']);
    const londonForm = await answer(USERS.chloe, ['yes', 'no', 'yes']);
    expect(londonForm).toContain('Tue 13:00 for you; 12:00 from 14 Mar to 27 Mar');
    await answer(USERS.elena, ['yes', 'ifneedbe', 'yes']);
    const nairobiForm = await answer(NAIROBI_ID, ['yes', 'no', 'ifneedbe']);
    expect(nairobiForm).toContain('Tue 16:00 for you; 15:00 from');
    await answer(SYDNEY_ID, ['ifneedbe', 'yes', 'no'], 'Midnight works, but only if need be <!channel>');

    // Once answered, the counts show (no names) and the form says how many said what.
    await t.slack.clickButton(SYDNEY_ID, { channelId: channel(), ts: post.ts }, PollActions.results);
    expect(lastEphemeral(t.emulator, SYDNEY_ID)).not.toContain('Answer first');
    expect(textOf(lastEphemeralOf(SYDNEY_ID).blocks)).toContain('so far 6 yes, 1 if need be, 0 no');
    await t.slack.clickButton(SYDNEY_ID, { channelId: channel(), ts: post.ts }, PollActions.answer);
    const again = lastOpenView(t, SYDNEY_ID);
    expect(textOf(again.view.blocks)).toContain('so far');
    await t.slack.closeView(SYDNEY_ID, again.id);

    // The facilitator's ranking: Tue 08:00 suits everyone, the worst local time is spelled out.
    await t.slack.clickButton(USERS.ben, { channelId: channel(), ts: post.ts }, PollActions.results);
    const ranking = lastEphemeralOf(USERS.ben);
    const rankingText = textOf(ranking.blocks);
    expect(rankingText.indexOf('*Tue 08:00 New York* · suits everyone')).toBeGreaterThan(-1);
    expect(rankingText.indexOf('Tue 08:00 New York')).toBeLessThan(rankingText.indexOf('Tue 17:00 New York'));
    expect(rankingText).toContain(`Worst local time: *Wed 00:00* for <@${SYDNEY_ID}> in Sydney`);
    expect(rankingText).toContain(`<@${SYDNEY_ID}>: Midnight works, but only if need be &lt;!channel&gt;`);
    expect(rankingText).not.toContain('No time suits everyone');

    await t.slack.clickButton(USERS.ben, { ephemeral: ranking }, PollActions.pick, { blockId: rankBlockId(0) });
    await t.slack.submitView(USERS.ben, lastOpenView(t, USERS.ben).id, {});
    expect(lastDm(t.emulator, USERS.ben).text).toContain('keep their time');

    // The session members were reminded of keeps its time; the next one moves to 08:00 New York.
    const after = await scheduled();
    expect(after[0]!.starts_at.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(after[1]!.starts_at.toISOString()).toBe('2026-12-08T13:00:00.000Z');
    const march = after.find((s) => s.occurrence_date === '2027-03-16')!;
    expect(march.starts_at.toISOString()).toBe('2027-03-16T12:00:00.000Z'); // New York on daylight time
    const announced = t.emulator.messages(channel()).at(-1)!;
    expect(announced.text).toContain('has a new meeting time');
    expect(announced.text).toContain(token('2026-12-08T13:00:00Z'));

    // A week before the moved session, everyone is reminded of its new time.
    await t.tick('2026-12-01T13:05:00Z');
    for (const userId of everyone) {
      const reminders = t.emulator.dmsTo(userId).filter((m) => m.text.includes(token('2026-12-08T13:00:00Z')));
      expect({ userId, reminded: reminders.length }).toEqual({ userId, reminded: 1 });
    }

    // Each member's calendar, read by a standard parser, has the moved sessions at the right local time.
    const expected: Record<string, [string, string]> = {
      [NY]: ['Tue 08:00', 'Tue 08:00'],
      [LONDON]: ['Tue 13:00', 'Tue 12:00'],
      [NAIROBI]: ['Tue 16:00', 'Tue 15:00'],
      [SYDNEY]: ['Wed 00:00', 'Tue 23:00'],
    };
    for (const userId of everyone) {
      const zone = zones[userId]!;
      const starts = await feedStarts(userId);
      const dec8 = starts.find((s) => s.toISOString() === '2026-12-08T13:00:00.000Z');
      const mar16 = starts.find((s) => s.toISOString() === '2027-03-16T12:00:00.000Z');
      expect({ userId, dec8: dec8 && wallIn(dec8, zone), mar16: mar16 && wallIn(mar16, zone) }).toEqual({
        userId,
        dec8: expected[zone]![0],
        mar16: expected[zone]![1],
      });
      expect(starts.some((s) => s.toISOString() === '2026-12-01T14:00:00.000Z')).toBe(true);
    }

    // `/circle me` shows a member's answers.
    await t.slack.command(SYDNEY_ID, 'me', { channelId: channel() });
    const me = JSON.stringify(t.emulator.ephemeralsTo(SYDNEY_ID).at(-1));
    expect(me).toContain('Your answers to time polls');
    expect(me).toContain(`Tue 08:00 New York: ${ANSWER_LABELS.ifneedbe}`);
  }, 120_000);

  it('no time suits everyone: the ranking says so, offers a rotation, and the sessions alternate across daylight saving', async () => {
    await openPoll('Tue 08:00\nTue 17:00');
    for (const userId of [USERS.ben, USERS.grace, USERS.kofi]) await answer(userId, ['yes', 'yes']);
    for (const userId of [USERS.chloe, USERS.elena, NAIROBI_ID]) await answer(userId, ['yes', 'no']);
    await answer(SYDNEY_ID, ['no', 'yes']);

    const post = pollPost();
    await t.slack.clickButton(USERS.ben, { channelId: channel(), ts: post.ts }, PollActions.results);
    const ranking = lastEphemeralOf(USERS.ben);
    const text = textOf(ranking.blocks);
    expect(text).toContain('No time suits everyone');
    expect(text).toContain('Or rotate:* alternate Tue 08:00 New York and Tue 17:00 New York');
    expect(text).toContain('7 of 7 members can come to at least one of them');

    await t.slack.clickButton(USERS.ben, { ephemeral: ranking }, PollActions.pick, { blockId: ROTATE_BLOCK_ID });
    await t.slack.submitView(USERS.ben, lastOpenView(t, USERS.ben).id, { [F.moveReminded]: ['move'] });
    expect(t.emulator.messages(channel()).at(-1)!.text).toContain('now alternates between two times');

    const future = (await scheduled()).filter((s) => s.starts_at > t.clock.now());
    const local = future.map((s) => wallIn(s.starts_at, NY));
    expect(local.length).toBeGreaterThan(10);
    for (let i = 1; i < local.length; i++) expect(local[i]).not.toBe(local[i - 1]);
    expect(new Set(local)).toEqual(new Set(['Tue 08:00', 'Tue 17:00']));
    // Across New York's change on 14 March the two times stay 08:00 and 17:00 there, and Sydney's
    // slot at 17:00 New York is its Wednesday morning on both sides of its own change in April.
    const spring = future.filter((s) => s.occurrence_date >= '2027-03-01' && s.occurrence_date <= '2027-04-30');
    for (const s of spring) expect(['Tue 08:00', 'Tue 17:00']).toContain(wallIn(s.starts_at, NY));
    const late = spring.filter((s) => wallIn(s.starts_at, NY) === 'Tue 17:00').map((s) => wallIn(s.starts_at, SYDNEY));
    expect(late.every((w) => w === 'Wed 09:00' || w === 'Wed 08:00' || w === 'Wed 10:00')).toBe(true);

    // The calendar feed, read back by a standard parser, alternates too.
    const starts = (await feedStarts(SYDNEY_ID)).filter((s) => s > t.clock.now());
    const feedLocal = starts.map((s) => wallIn(s, NY));
    for (let i = 1; i < feedLocal.length; i++) expect(feedLocal[i]).not.toBe(feedLocal[i - 1]);
  }, 120_000);

  it('the app proposes times from members’ working hours when asked, and refuses bad input changing nothing', async () => {
    const polls = () => t.db.selectFrom('time_polls').selectAll().where('circle_id', '=', circle.id).execute();
    const before = (await polls()).length;
    await t.slack.command(USERS.ben, 'time Growth', { channelId: channel() });
    const view = lastOpenView(t, USERS.ben);
    // Neither times nor a proposal, then both, then a bad line and a bad closing: each refused on its field.
    for (const [values, field] of [
      [{}, F.times],
      [{ [F.times]: 'Tue 08:00', [F.propose]: ['propose'] }, F.propose],
      [{ [F.times]: 'Tue 08:00\n2nd Wed 10:00' }, F.times],
      [{ [F.times]: 'Tue 08:00', [F.closeDays]: '99' }, F.closeDays],
    ] as const) {
      const result = await t.slack.submitView(USERS.ben, view.id, values);
      expect(result.body).toMatchObject({ response_action: 'errors', errors: { [field]: expect.any(String) } });
    }
    expect((await polls()).length).toBe(before);

    // A member who is not a facilitator cannot open one.
    await t.slack.command(USERS.grace, 'time Growth', { channelId: channel() });
    expect(lastEphemeral(t.emulator, USERS.grace)).toContain('Only the facilitators');

    await t.slack.submitView(USERS.ben, view.id, { [F.propose]: ['propose'], [F.closeDays]: '3' });
    const [opened] = (await polls()).filter((p) => p.status === 'open');
    const times = opened!.candidates as Array<{ weekday: string; localTime: string }>;
    expect(times).toHaveLength(12);
    expect(opened!.closes_at.getTime() - t.clock.now().getTime()).toBe(3 * 86_400_000);
    // New York, London, Nairobi and Sydney share no working hours, so the best proposals sit where
    // most of them are inside 09:00-18:00: never in the New York night.
    for (const c of times) expect(c.localTime >= '06:00' && c.localTime <= '20:00').toBe(true);
    expect(textOf(pollPost().blocks)).toContain(
      `${times[0]!.weekday.slice(0, 1).toUpperCase()}${times[0]!.weekday.slice(1, 3)} ${times[0]!.localTime} New York`,
    );
  }, 120_000);
});
