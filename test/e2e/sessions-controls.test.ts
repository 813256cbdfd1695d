import { pauseMembership } from '../../src/circles/membership/service';
import type { CircleRow } from '../../src/circles/store';
import { CHANNELS, TEAM, USERS } from '../../src/sandbox';
import type { StoredEphemeral, StoredMessage } from '../../src/sandbox/types';
import { SessionActions } from '../../src/sessions/ids';
import { scheduleRowBlockId } from '../../src/sessions/blocks';
import { RescheduleFields } from '../../src/sessions/ids';
import { syncSessions } from '../../src/sessions/horizon';
import { escapeMrkdwn } from '../../src/slack/blocks';
import { startTestApp, type TestApp } from '../support/app';
import { lastEphemeral, seedCircle, textOf } from '../support/fixtures';

// The fixture's cadence: every 2 weeks on Tuesday 09:00 New York from 2026-12-01; the clock starts
// on Monday 2026-11-23 at 10:00 there.
const FIRST = '2026-12-01T14:00:00.000Z';
const SECOND = '2026-12-15T14:00:00.000Z';
const dateToken = (iso: string) => `<!date^${Math.floor(Date.parse(iso) / 1000)}^`;

/** Every button (or other element) with this action id in a list of blocks. */
function elementsWith(blocks: unknown[], actionId: string): Array<{ value?: string }> {
  const found: Array<{ value?: string }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.action_id === actionId) found.push(record as { value?: string });
      Object.values(record).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('sessions: schedule, skip, reschedule, agenda, prompts and warm-up controls', () => {
  let t: TestApp;
  let circle: CircleRow;

  beforeEach(async () => {
    t = await startTestApp({ start: '2026-11-23T15:00:00Z' });
    circle = await seedCircle(t.db, t.emulator, {
      name: 'Leaders',
      facilitators: [USERS.ben],
      members: [USERS.ana, USERS.chloe, USERS.dev],
    });
    await syncSessions(t.db, TEAM.id, circle.id, t.clock.now());
  });
  afterEach(async () => {
    await t.close();
  });

  const sessions = () =>
    t.db.selectFrom('sessions').selectAll().where('circle_id', '=', circle.id).orderBy('starts_at').execute();
  const sessionAt = async (iso: string) => {
    const found = (await sessions()).find((s) => s.starts_at.toISOString() === iso);
    if (!found) throw new Error(`no session at ${iso}`);
    return found;
  };
  const lastEphemeralOf = (userId: string): StoredEphemeral => {
    const last = t.emulator.ephemeralsTo(userId).at(-1);
    if (!last) throw new Error(`${userId} saw no ephemeral message`);
    return last;
  };
  const agendaItemsStored = () => t.db.selectFrom('agenda_items').selectAll().orderBy('id').execute();

  describe('/circle schedule', () => {
    it('lists the next 8 sessions in each reader’s zone, with Reschedule buttons for a facilitator only', async () => {
      await t.slack.command(USERS.ben, 'schedule Leaders');
      const ben = lastEphemeralOf(USERS.ben);
      const benText = textOf(ben.blocks);
      expect(benText).toContain('Next sessions of *Leaders*');
      expect(count(benText, '<!date^')).toBe(8);
      expect(benText.indexOf(dateToken(FIRST))).toBeLessThan(benText.indexOf(dateToken(SECOND)));
      const buttons = elementsWith(ben.blocks, SessionActions.reschedule);
      expect(buttons).toHaveLength(8);
      const stored = await sessions();
      expect(buttons.map((b) => Number(b.value))).toEqual(stored.slice(0, 8).map((s) => s.id));
      expect(ben.blocks.length).toBeLessThanOrEqual(50);

      // No name: Ana's only circle.
      await t.slack.command(USERS.ana, 'schedule');
      const ana = lastEphemeralOf(USERS.ana);
      expect(count(textOf(ana.blocks), '<!date^')).toBe(8);
      expect(elementsWith(ana.blocks, SessionActions.reschedule)).toHaveLength(0);
    });

    it('shows the warm-up leader once assigned and marks a cancelled session', async () => {
      await t.tick('2026-11-28T14:01:00Z');
      const first = await sessionAt(FIRST);
      expect(first.leader_user_id).toBe(USERS.ben);
      await t.db
        .updateTable('sessions')
        .set({ status: 'cancelled' })
        .where('id', '=', (await sessionAt(SECOND)).id)
        .execute();
      await t.slack.command(USERS.ana, 'schedule Leaders');
      const text = textOf(lastEphemeralOf(USERS.ana).blocks);
      expect(text).toContain(`warm-up: <@${USERS.ben}>`);
      expect(text).toMatch(new RegExp(`${dateToken(SECOND).replace(/[\^$]/g, '\\$&')}[^\\n]*\\(cancelled\\)`));
    });

    it('says why there is nothing to list', async () => {
      await seedCircle(t.db, t.emulator, { name: 'Coaching Pairs', kind: 'pairs', members: [USERS.grace] });
      await t.slack.command(USERS.grace, 'schedule');
      expect(lastEphemeral(t.emulator, USERS.grace)).toContain('*Coaching Pairs* is a coaching program');

      const later = await seedCircle(t.db, t.emulator, {
        name: 'Next Year',
        members: [USERS.hiro],
        startDate: '2027-09-07',
        endDate: '2028-01-07',
      });
      await syncSessions(t.db, TEAM.id, later.id, t.clock.now());
      await t.slack.command(USERS.hiro, 'schedule Next Year');
      expect(lastEphemeral(t.emulator, USERS.hiro)).toContain('The cycle of *Next Year* starts on');
    });

    it('asks which circle when the person is in several', async () => {
      await seedCircle(t.db, t.emulator, { name: 'Writers', members: [USERS.ana] });
      await t.slack.command(USERS.ana, 'schedule');
      const ask = lastEphemeralOf(USERS.ana);
      expect(textOf(ask.blocks)).toContain('Whose schedule');
      await t.slack.clickButton(USERS.ana, { ephemeral: ask }, 'session_schedule_pick', { value: String(circle.id) });
      expect(count(textOf(lastEphemeralOf(USERS.ana).blocks), '<!date^')).toBe(8);
    });
  });

  describe('/circle skip', () => {
    it('is refused to a member, and nothing changes', async () => {
      await t.slack.command(USERS.ana, 'skip Leaders');
      expect(lastEphemeral(t.emulator, USERS.ana)).toBe(
        'Only the facilitators of *Leaders* and organizers can skip a session. Nothing was changed.',
      );
      expect((await sessions()).every((s) => s.status === 'scheduled')).toBe(true);
    });

    it('cancels after confirmation: stored, told in the channel, and reminded members get a DM', async () => {
      // The week-ahead reminders go out first.
      await t.tick('2026-11-24T14:01:00Z');
      for (const u of [USERS.ana, USERS.ben, USERS.chloe, USERS.dev]) {
        expect(t.emulator.dmsTo(u).filter((m) => m.text.startsWith('Reminder:'))).toHaveLength(1);
      }
      t.clock.set('2026-11-24T14:05:00Z');

      await t.slack.command(USERS.ben, 'skip');
      const ask = lastEphemeralOf(USERS.ben);
      expect(textOf(ask.blocks)).toContain(`Cancel the *Leaders* session of ${dateToken(FIRST)}`);
      expect((await sessionAt(FIRST)).status).toBe('scheduled');

      await t.slack.clickButton(USERS.ben, { ephemeral: ask }, SessionActions.skipConfirm);
      const first = await sessionAt(FIRST);
      expect(first.status).toBe('cancelled');
      expect(lastEphemeral(t.emulator, USERS.ben)).toContain('Cancelled.');
      expect(lastEphemeral(t.emulator, USERS.ben)).toContain('4 people who had a reminder will be told.');
      const posts = t.emulator.messages(circle.channel_id!);
      expect(posts.at(-1)?.text).toContain(`The *Leaders* session of ${dateToken(FIRST)}`);
      expect(posts.at(-1)?.text).toContain('is cancelled');

      // The change notices go out on the scheduler's next pass, once each.
      await t.tick('2026-11-24T14:06:00Z');
      await t.tick('2026-11-24T14:07:00Z');
      for (const u of [USERS.ana, USERS.ben, USERS.chloe, USERS.dev]) {
        const notices = t.emulator.dmsTo(u).filter((m) => m.text.includes('is cancelled'));
        expect(notices).toHaveLength(1);
        expect(notices[0]!.text).toContain(dateToken(FIRST));
      }
      // The schedule now shows the gap.
      await t.slack.command(USERS.ana, 'schedule');
      expect(textOf(lastEphemeralOf(USERS.ana).blocks)).toContain('(cancelled)');
    });

    it('keeps the session when the facilitator thinks again, and refuses a confirm by someone no longer allowed', async () => {
      await t.slack.command(USERS.ben, 'skip Leaders');
      const ask = lastEphemeralOf(USERS.ben);
      await t.slack.clickButton(USERS.ben, { ephemeral: ask }, SessionActions.skipCancel);
      expect(lastEphemeral(t.emulator, USERS.ben)).toContain('Nothing was changed');
      expect((await sessionAt(FIRST)).status).toBe('scheduled');

      // Ben steps down as facilitator before pressing confirm on the question he still has.
      await t.db.updateTable('memberships').set({ role: 'member' }).where('user_id', '=', USERS.ben).execute();
      await t.slack.clickButton(USERS.ben, { ephemeral: ask }, SessionActions.skipConfirm);
      expect(lastEphemeral(t.emulator, USERS.ben)).toContain('Only the facilitators of *Leaders* and organizers');
      expect((await sessionAt(FIRST)).status).toBe('scheduled');
      expect(t.emulator.messages(circle.channel_id!)).toHaveLength(0);
    });
  });

  describe('rescheduling through the modal', () => {
    async function openFor(userId: string, sessionId: number) {
      await t.slack.command(userId, 'schedule Leaders');
      await t.slack.clickButton(userId, { ephemeral: lastEphemeralOf(userId) }, SessionActions.reschedule, {
        blockId: scheduleRowBlockId(sessionId),
      });
      const [view] = t.emulator.openViewsOf(userId);
      if (!view) throw new Error('no modal opened');
      return view;
    }

    it('moves the session: stored, channel told, submitter confirmed', async () => {
      const second = await sessionAt(SECOND);
      const view = await openFor(USERS.ben, second.id);
      const text = JSON.stringify(view.view);
      expect(text).toContain('"initial_date":"2026-12-15"');
      expect(text).toContain('"initial_time":"09:00"');
      expect(text).toContain('America/New_York');

      const res = await t.slack.submitView(USERS.ben, view.id, {
        [RescheduleFields.date]: '2026-12-16',
        [RescheduleFields.time]: '11:30',
      });
      expect(res.body).toBeFalsy();
      const moved = (await sessions()).find((s) => s.id === second.id)!;
      expect(moved.starts_at.toISOString()).toBe('2026-12-16T16:30:00.000Z');
      expect(moved.ends_at.toISOString()).toBe('2026-12-16T18:00:00.000Z');
      expect(moved.rescheduled).toBe(true);
      expect(moved.sequence).toBe(second.sequence + 1);
      const post = t.emulator.messages(circle.channel_id!).at(-1);
      expect(post?.text).toContain(`session of ${dateToken(SECOND)}`);
      expect(post?.text).toContain(`moved to *${dateToken('2026-12-16T16:30:00Z')}`);
      const dm = t.emulator.dmsTo(USERS.ben).at(-1);
      expect(dm?.text).toContain('Moved:');
      expect(t.emulator.openViewsOf(USERS.ben)).toHaveLength(0);
    });

    it('keeps the form open with an error on the field for a time or day that has passed', async () => {
      const second = await sessionAt(SECOND);
      const view = await openFor(USERS.ben, second.id);
      // 10:00 in New York now: 09:00 today has passed.
      const earlier = await t.slack.submitView(USERS.ben, view.id, {
        [RescheduleFields.date]: '2026-11-23',
        [RescheduleFields.time]: '09:00',
      });
      expect(earlier.body).toEqual({
        response_action: 'errors',
        errors: { [RescheduleFields.time]: expect.stringContaining('That time has passed') },
      });
      const yesterday = await t.slack.submitView(USERS.ben, view.id, {
        [RescheduleFields.date]: '2026-11-22',
        [RescheduleFields.time]: '12:00',
      });
      expect(yesterday.body).toEqual({
        response_action: 'errors',
        errors: { [RescheduleFields.date]: expect.stringContaining('That day has passed') },
      });
      const after = (await sessions()).find((s) => s.id === second.id)!;
      expect(after.starts_at.toISOString()).toBe(SECOND);
      expect(after.rescheduled).toBe(false);
      expect(t.emulator.openViewsOf(USERS.ben)).toHaveLength(1);
    });

    it('checks the submitter may still move sessions', async () => {
      const second = await sessionAt(SECOND);
      const view = await openFor(USERS.ben, second.id);
      await t.db.updateTable('memberships').set({ role: 'member' }).where('user_id', '=', USERS.ben).execute();
      const res = await t.slack.submitView(USERS.ben, view.id, {
        [RescheduleFields.date]: '2026-12-16',
        [RescheduleFields.time]: '11:30',
      });
      expect(res.body).toEqual({
        response_action: 'errors',
        errors: { [RescheduleFields.date]: expect.stringContaining('Only the facilitators of *Leaders*') },
      });
      expect((await sessionAt(SECOND)).rescheduled).toBe(false);
    });
  });

  describe('/circle agenda', () => {
    it('adds an item to the next session and updates the posted agenda in place', async () => {
      await t.tick('2026-11-30T14:01:00Z');
      const posted = t.emulator.messages(circle.channel_id!).find((m) => m.text.startsWith('Agenda for Leaders'));
      expect(posted).toBeDefined();
      const { ts } = posted!;
      t.clock.set('2026-11-30T15:00:00Z');

      await t.slack.command(USERS.ana, 'agenda Leaders add Bring a case about delegation');
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('Added to the agenda of the *Leaders* session');
      const first = await sessionAt(FIRST);
      expect(await agendaItemsStored()).toMatchObject([
        { session_id: first.id, author_user_id: USERS.ana, kind: 'item', text: 'Bring a case about delegation' },
      ]);
      const updated = t.emulator.messages(circle.channel_id!).find((m) => m.ts === ts) as StoredMessage;
      expect(updated.updatedCount).toBeGreaterThan(0);
      expect(textOf(updated.blocks)).toContain('Bring a case about delegation');
      expect(t.emulator.messages(circle.channel_id!).filter((m) => m.text.startsWith('Agenda for'))).toHaveLength(1);

      // A lone link goes under readings (Slack wraps links in <> in command text).
      await t.slack.command(USERS.chloe, 'agenda add <https://example.com/delegation>');
      expect(lastEphemeral(t.emulator, USERS.chloe)).toContain('Added to the readings');
      expect((await agendaItemsStored()).at(-1)).toMatchObject({ kind: 'reading', text: 'https://example.com/delegation' });
      const again = t.emulator.messages(circle.channel_id!).find((m) => m.ts === ts)!;
      expect(textOf(again.blocks)).toMatch(/Readings and links\*\n• https:\/\/example\.com\/delegation/);

      // And anyone in the circle can read it.
      await t.slack.command(USERS.dev, 'agenda');
      const shown = textOf(lastEphemeralOf(USERS.dev).blocks);
      expect(shown).toContain('Bring a case about delegation');
      expect(shown).toContain('https://example.com/delegation');
    });

    it('refuses an item that is too long, and people outside the circle, storing nothing', async () => {
      await t.slack.command(USERS.ana, `agenda add ${'x'.repeat(501)}`);
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('an agenda item can be at most 500');
      await t.slack.command(USERS.ana, 'agenda add');
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('Write the item after `add`');
      await t.slack.command(USERS.grace, 'agenda Leaders add I am not in it');
      expect(lastEphemeral(t.emulator, USERS.grace)).toBe(
        'Only the members of *Leaders* can add to its agenda. Nothing was added.',
      );
      await t.slack.command(USERS.grace, 'agenda Leaders');
      expect(lastEphemeral(t.emulator, USERS.grace)).toContain('Only the members of *Leaders* and organizers');
      expect(await agendaItemsStored()).toHaveLength(0);
      // 500 is fine.
      await t.slack.command(USERS.ana, `agenda add ${'y'.repeat(500)}`);
      expect(await agendaItemsStored()).toHaveLength(1);
    });
  });

  describe('/circle prompts', () => {
    it('adds a prompt to the circle’s bank once', async () => {
      await t.slack.command(USERS.ana, 'prompts add What was your first job?');
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('Added to the prompt bank of *Leaders*');
      await t.slack.command(USERS.ben, 'prompts Leaders add what was your first job?');
      expect(lastEphemeral(t.emulator, USERS.ben)).toBe('That prompt is already in the bank of *Leaders*. Nothing was changed.');
      const stored = await t.db.selectFrom('prompts').selectAll().where('circle_id', '=', circle.id).execute();
      expect(stored.map((p) => [p.text, p.created_by])).toEqual([['What was your first job?', USERS.ana]]);

      await t.slack.command(USERS.ana, 'prompts');
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('/circle prompts [name] add TEXT');
      await t.slack.command(USERS.ana, 'prompts add hi');
      expect(lastEphemeral(t.emulator, USERS.ana)).toContain('3 to 300 characters');
      await t.slack.command(USERS.grace, 'prompts Leaders add Who inspires you?');
      expect(lastEphemeral(t.emulator, USERS.grace)).toContain('Only the members and facilitators of *Leaders*');
      expect(await t.db.selectFrom('prompts').selectAll().execute()).toHaveLength(1);
    });
  });

  describe('warm-up DM buttons', () => {
    it('draws another prompt in place, then passes to the next active member, never a paused one', async () => {
      // Ana would be next after Ben, but she is paused.
      await pauseMembership(t.db, TEAM.id, circle, USERS.ana, null, t.clock.now());
      await t.tick('2026-11-28T14:01:00Z');
      t.clock.set('2026-11-28T15:00:00Z');
      const before = await sessionAt(FIRST);
      expect(before.leader_user_id).toBe(USERS.ben);
      const turn = t.emulator.dmsTo(USERS.ben).find((m) => m.text.startsWith('You lead the warm-up'))!;
      expect(turn).toBeDefined();
      expect(textOf(turn.blocks)).toContain(escapeMrkdwn(before.prompt_text!));

      await t.slack.clickButton(USERS.ben, { channelId: turn.channel, ts: turn.ts }, SessionActions.redrawPrompt);
      const redrawn = await sessionAt(FIRST);
      expect(redrawn.prompt_key).not.toBe(before.prompt_key);
      expect(redrawn.prompt_text).not.toBe(before.prompt_text);
      const inPlace = t.emulator.messages(turn.channel).find((m) => m.ts === turn.ts)!;
      expect(inPlace.updatedCount).toBeGreaterThan(0);
      expect(textOf(inPlace.blocks)).toContain(escapeMrkdwn(redrawn.prompt_text!));
      expect(textOf(inPlace.blocks)).not.toContain(escapeMrkdwn(before.prompt_text!));

      await t.slack.clickButton(USERS.ben, { channelId: turn.channel, ts: turn.ts }, SessionActions.passWarmup);
      const passed = await sessionAt(FIRST);
      expect(passed.leader_user_id).toBe(USERS.chloe);
      expect(passed.prompt_key).toBe(redrawn.prompt_key);
      expect(t.emulator.messages(turn.channel).find((m) => m.ts === turn.ts)?.text).toBe(
        `Thanks — <@${USERS.chloe}> will lead instead.`,
      );
      const chloeTurn = t.emulator.dmsTo(USERS.chloe).find((m) => m.text.startsWith('You lead the warm-up'));
      expect(chloeTurn).toBeDefined();
      expect(textOf(chloeTurn!.blocks)).toContain(`<@${USERS.ben}> passed this turn on`);
      expect(t.emulator.dmsTo(USERS.ana).some((m) => m.text.startsWith('You lead the warm-up'))).toBe(false);

      // Chloe and then Dev pass too; with Ana paused nobody is left.
      await t.slack.clickButton(USERS.chloe, { channelId: chloeTurn!.channel, ts: chloeTurn!.ts }, SessionActions.passWarmup);
      expect((await sessionAt(FIRST)).leader_user_id).toBe(USERS.dev);
      const devTurn = t.emulator.dmsTo(USERS.dev).find((m) => m.text.startsWith('You lead the warm-up'))!;
      await t.slack.clickButton(USERS.dev, { channelId: devTurn.channel, ts: devTurn.ts }, SessionActions.passWarmup);
      expect((await sessionAt(FIRST)).leader_user_id).toBeNull();
      expect(t.emulator.messages(devTurn.channel).find((m) => m.ts === devTurn.ts)?.text).toBe(
        'Nobody else is free to lead; the circle will start without a warm-up leader.',
      );
    });

    it('answers a stale button where it was clicked, changing nothing', async () => {
      await t.tick('2026-11-28T14:01:00Z');
      t.clock.set('2026-11-28T15:00:00Z');
      const turn = t.emulator.dmsTo(USERS.ben).find((m) => m.text.startsWith('You lead the warm-up'))!;
      await t.db
        .updateTable('sessions')
        .set({ status: 'cancelled' })
        .where('id', '=', (await sessionAt(FIRST)).id)
        .execute();
      await t.slack.clickButton(USERS.ben, { channelId: turn.channel, ts: turn.ts }, SessionActions.passWarmup);
      expect(lastEphemeral(t.emulator, USERS.ben)).toBe('That session is no longer on the schedule.');
      expect((await sessionAt(FIRST)).leader_user_id).toBe(USERS.ben);
    });
  });

  it('answers commands typed in the circle’s channel for that circle', async () => {
    await seedCircle(t.db, t.emulator, { name: 'Writers', members: [USERS.ana] });
    await t.slack.command(USERS.ana, 'schedule', { channelId: circle.channel_id! });
    expect(textOf(lastEphemeralOf(USERS.ana).blocks)).toContain('Next sessions of *Leaders*');
    await t.slack.command(USERS.ana, 'schedule', { channelId: CHANNELS.general });
    expect(textOf(lastEphemeralOf(USERS.ana).blocks)).toContain('Whose schedule');
  });
});
