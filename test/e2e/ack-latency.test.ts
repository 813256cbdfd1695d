import { CalendarActions } from '../../src/calendar/ids';
import { CheckinActions, CheckinFields, CheckinViews } from '../../src/checkins/ids';
import { CircleActions, CircleViews } from '../../src/circles/ids';
import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { CycleActions, CycleViews } from '../../src/cycles/ids';
import { MyDataActions } from '../../src/mydata/ids';
import { PairActions, PairViews } from '../../src/pairs/ids';
import { PollActions, PollFields, PollViews } from '../../src/polls/ids';
import { ProgramActions, ProgramViews } from '../../src/programs/ids';
import { FormActions, FormViews } from '../../src/programs/form/ids';
import { CHANNELS, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { RescheduleFields, SessionActions, SessionPickActions, SessionViews } from '../../src/sessions/ids';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { ackTimer } from '../support/acks';
import { startTestApp, type TestApp } from '../support/app';
import { evaluationValues, FULL } from '../support/cycles';
import { seedCircle } from '../support/fixtures';
import { surfacesOf } from '../support/hostile';

/**
 * Slack waits 3 seconds for an ack and its own API is not always fast. With the emulator adding a
 * full second to every Web API answer, every command, button and modal submission the app
 * registers must be acknowledged before the app has anything back from Slack: one call awaited
 * before the ack would cost a second of the three, two would cost two. The buttons and modals are
 * the router's, so one added later without a press here fails this test; the pairs' are pressed
 * in pairs-ack-latency.test.ts, the programs' in programs-ack-latency.test.ts and forming's in
 * programs-form-ack-latency.test.ts, which check
 * they cover them all.
 */
describe('every request is acknowledged before the app calls Slack', () => {
  const LATENCY_MS = 1000;
  let t: TestApp;
  let timer: ReturnType<typeof ackTimer>;
  let circleId = 0;
  let sessionId = 0;
  let endedCycleId = 0;
  let pollId = 0;
  const elsewhere = {
    actions: new Set<string>([...Object.values(PairActions), ...Object.values(ProgramActions), ...Object.values(FormActions)]),
    views: new Set<string>([...Object.values(PairViews), ...Object.values(ProgramViews), ...Object.values(FormViews)]),
  };

  beforeAll(async () => {
    t = await startTestApp({ organizers: [USERS.owner] });
    const circle = await seedCircle(t.db, t.emulator, {
      name: 'Latency',
      sizeCap: 3,
      facilitators: [USERS.ana],
      members: [USERS.ben, USERS.chloe],
    });
    circleId = circle.id;
    await syncSessions(t.db, circle.team_id, circle.id, t.clock.now());
    // A circle whose cycle has ended, so its evaluation is open.
    const ended = await seedCircle(t.db, t.emulator, {
      name: 'Ended',
      members: [USERS.dev, USERS.elena],
      startDate: '2026-10-06',
      endDate: '2026-11-17',
    });
    endedCycleId = (await t.db.selectFrom('cycles').select('id').where('circle_id', '=', ended.id).executeTakeFirstOrThrow()).id;
    // Warm-ups are assigned three days ahead: a pass then gives the first session its leader.
    await t.tick('2026-11-28T14:01:00Z');
    const first = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circle.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    sessionId = first.id;
    // An open time poll, for its buttons.
    const time = (localTime: string) => ({
      kind: 'weekly',
      weekday: 'tuesday',
      localTime,
      timeZone: 'America/New_York',
      durationMinutes: 90,
    });
    const poll = await t.db
      .insertInto('time_polls')
      .values({
        team_id: circle.team_id,
        circle_id: circle.id,
        created_by: USERS.ana,
        candidates: JSON.stringify([time('08:00'), time('17:00')]),
        closes_at: new Date('2026-12-30T12:00:00Z'),
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    pollId = Number(poll.id);
    timer = ackTimer(t);
    t.emulator.setLatency(LATENCY_MS);
    // Set-up is not what is measured: a loaded machine may stretch it past the default 30 s.
  }, 120_000);

  afterAll(async () => {
    // Whatever work was still going on after its ack finishes before the app stops.
    await t.settle();
    t.emulator.setLatency(0);
    await t.close();
  });

  // Each request waits for the work after the last one, every Web API call of it a second late.
  const SLOW_STEPS_MS = 600_000;

  it(
    'every /circle subcommand',
    async () => {
      const texts: Record<string, [string, string]> = {
        help: [USERS.dev, 'help'],
        list: [USERS.dev, 'list'],
        join: [USERS.dev, 'join Latency'],
        leave: [USERS.chloe, 'leave Latency'],
        pause: [USERS.ben, 'pause Latency for 2 weeks'],
        resume: [USERS.ben, 'resume Latency'],
        remove: [USERS.ana, `remove <@${USERS.elena}> Latency`],
        new: [USERS.owner, 'new'],
        edit: [USERS.ana, 'edit Latency'],
        schedule: [USERS.ana, 'schedule Latency'],
        skip: [USERS.ana, 'skip Latency'],
        agenda: [USERS.ben, 'agenda Latency add A case about delegation'],
        prompts: [USERS.ben, 'prompts Latency add What did your first job teach you?'],
        checkin: [USERS.ben, 'checkin Latency'],
        match: [USERS.owner, 'match Latency'],
        cycle: [USERS.owner, 'cycle next Latency'],
        report: [USERS.owner, 'report Latency'],
        time: [USERS.ana, 'time Latency'],
        me: [USERS.ben, 'me'],
        'forget-me': [USERS.ben, 'forget-me'],
        program: [USERS.owner, 'program list'],
      };
      const command = (user: string, text: string) =>
        timer.time(`/circle ${text}`, (s) => s.command(user, text, { channelId: CHANNELS.general }));
      for (const { name } of SUBCOMMANDS) {
        const [user, text] = texts[name] ?? [USERS.ben, name];
        await command(user, text);
      }
      await command(USERS.ben, '');
      await command(USERS.ben, 'dance');
      expect(timer.late()).toEqual([]);
      expect(timer.acks.length).toBeGreaterThanOrEqual(SUBCOMMANDS.length + 2);
    },
    SLOW_STEPS_MS,
  );

  it(
    'every button the app registers',
    async () => {
      // Modals the commands above opened (/circle new, edit, checkin): the person closes them.
      await t.settle();
      for (const user of [USERS.owner, USERS.ana, USERS.ben]) {
        for (const view of t.emulator.openViewsOf(user)) await timer.slack.closeView(user, view.id);
      }
      const pick = (add?: string) => JSON.stringify({ circleId, ...(add ? { add } : {}) });
      const presses: Array<[string, string, string]> = [
        [CircleActions.join, String(circleId), USERS.farid],
        [CircleActions.leave, String(circleId), USERS.ben],
        [CircleActions.leavePick, String(circleId), USERS.ben],
        [CircleActions.leaveCancel, String(circleId), USERS.ben],
        [CircleActions.leaveConfirm, String(circleId), USERS.farid],
        [CircleActions.pause, String(circleId), USERS.ben],
        [CircleActions.pausePick, JSON.stringify({ circleId, until: null }), USERS.ben],
        [CircleActions.resume, String(circleId), USERS.ben],
        [CircleActions.resumePick, String(circleId), USERS.ben],
        [CircleActions.create, 'create', USERS.owner],
        [CircleActions.edit, String(circleId), USERS.ana],
        [SessionPickActions.schedule, String(circleId), USERS.ben],
        [SessionPickActions.skip, String(circleId), USERS.ana],
        [SessionPickActions.agenda, pick(), USERS.ben],
        [SessionPickActions.prompts, pick('Who taught you the most?'), USERS.ben],
        [SessionActions.redrawPrompt, String(sessionId), USERS.ana],
        [SessionActions.passWarmup, String(sessionId), USERS.ana],
        [SessionActions.skipCancel, String(sessionId), USERS.ana],
        [SessionActions.skipConfirm, String(sessionId), USERS.ana],
        [SessionActions.reschedule, String(sessionId), USERS.ana],
        [CalendarActions.revoke, 'revoke', USERS.ben],
        [CheckinActions.open, String(sessionId), USERS.ben],
        [CheckinActions.pick, JSON.stringify({ circleId }), USERS.ben],
        [CheckinActions.commitmentDone, '1', USERS.ben],
        [CheckinActions.takeAttendance, String(sessionId), USERS.ana],
        [CheckinActions.shareNotes, String(sessionId), USERS.ana],
        [CheckinActions.nudgeBack, String(circleId), USERS.chloe],
        [CheckinActions.nudgePause, String(circleId), USERS.chloe],
        [CheckinActions.nudgeLeave, String(circleId), USERS.chloe],
        [CycleActions.evaluate, String(endedCycleId), USERS.dev],
        [CycleActions.stay, String(endedCycleId), USERS.dev],
        [CycleActions.leave, String(endedCycleId), USERS.elena],
        [PollActions.pickCircle, String(circleId), USERS.ana],
        [PollActions.answer, String(pollId), USERS.chloe],
        [PollActions.results, String(pollId), USERS.ana],
        [PollActions.pick, JSON.stringify({ pollId, picks: [0] }), USERS.ana],
        [MyDataActions.forgetConfirm, 'forget', USERS.ben],
        [MyDataActions.forgetCancel, 'keep', USERS.ben],
        [B.kind, 'pairs', USERS.owner],
        // By a member, who is told they hold no role: the facilitator stays one for the modals after this.
        [CircleActions.stepDown, String(circleId), USERS.ben],
      ];
      // Every button the app registers (but the pairs' and programs') has its press above, and nothing else does.
      const registered = surfacesOf(t.app).actions.filter((id) => !elsewhere.actions.has(id));
      expect(new Set(presses.map(([id]) => id))).toEqual(new Set(registered));
      for (const [actionId, value, user] of presses) await timer.click(user, actionId, value);
      expect(timer.late()).toEqual([]);
    },
    SLOW_STEPS_MS,
  );

  it(
    'every modal submission the app registers',
    async () => {
      const submit = async (userId: string, callbackId: string, values: Record<string, unknown>) => {
        const view = await timer.openedView(userId, callbackId);
        await timer.time(`submit ${callbackId}`, (s) => s.submitView(userId, view.id, values));
      };
      // The earlier tests left modals open (the create button, the evaluation): a person closes them first.
      await t.settle();
      for (const user of [USERS.owner, USERS.ana, USERS.ben, USERS.dev]) {
        for (const view of t.emulator.openViewsOf(user)) await timer.slack.closeView(user, view.id);
      }

      await timer.time('/circle new', (s) => s.command(USERS.owner, 'new'));
      await submit(USERS.owner, CircleViews.settings, {
        [B.name]: 'Slow Slack',
        [B.focus]: 'Patience',
        [B.kind]: 'group',
        [B.channelMode]: 'new_private',
        [B.startDate]: '2026-12-01',
        [B.cycleLength]: '6',
        [B.frequency]: 'weekly',
        [B.weekday]: 'tuesday',
        [B.time]: '09:00',
      });
      await timer.time('/circle edit', (s) => s.command(USERS.owner, 'edit Latency'));
      await submit(USERS.owner, CircleViews.settings, { [B.sizeCap]: '4' });

      const later = await t.db
        .selectFrom('sessions')
        .select('id')
        .where('circle_id', '=', circleId)
        .where('status', '=', 'scheduled')
        .orderBy('starts_at', 'desc')
        .executeTakeFirstOrThrow();
      await timer.click(USERS.owner, SessionActions.reschedule, String(later.id));
      await submit(USERS.owner, SessionViews.reschedule, {
        [RescheduleFields.date]: '2027-01-20',
        [RescheduleFields.time]: '10:00',
      });

      // The ended cycle's evaluation, while it is open.
      await timer.click(USERS.dev, CycleActions.evaluate, String(endedCycleId));
      await submit(USERS.dev, CycleViews.evaluation, evaluationValues(FULL));

      // After the second session (the first was skipped above): a check-in, attendance and notes.
      t.clock.set('2026-12-15T16:00:00Z');
      const held = await t.db
        .selectFrom('sessions')
        .select('id')
        .where('circle_id', '=', circleId)
        .where('starts_at', '=', new Date('2026-12-15T14:00:00Z'))
        .executeTakeFirstOrThrow();
      await timer.time('/circle checkin', (s) => s.command(USERS.ben, 'checkin Latency', { channelId: CHANNELS.general }));
      await submit(USERS.ben, CheckinViews.checkin, {
        [CheckinFields.attended]: 'yes',
        [`${CheckinFields.commitmentPrefix}1`]: 'Ask for feedback',
        [CheckinFields.usefulness]: '4',
        [CheckinFields.note]: 'Thanks for the session',
      });
      await timer.click(USERS.ana, CheckinActions.takeAttendance, String(held.id));
      await submit(USERS.ana, CheckinViews.attendance, { [`${CheckinFields.presentPrefix}0`]: [USERS.ben] });
      await timer.click(USERS.ana, CheckinActions.shareNotes, String(held.id));
      await submit(USERS.ana, CheckinViews.notes, { [CheckinFields.notesText]: 'We met; it went well.' });

      // A time poll: opened, answered, and a time picked (the check-ins above are done by then).
      for (const user of [USERS.ana, USERS.ben, USERS.chloe]) {
        for (const view of t.emulator.openViewsOf(user)) await timer.slack.closeView(user, view.id);
      }
      await timer.time('/circle time', (s) => s.command(USERS.ana, 'time Latency', { channelId: CHANNELS.general }));
      await submit(USERS.ana, PollViews.open, { [PollFields.times]: 'Tue 08:00\nThu 17:00' });
      const opened = await t.db
        .selectFrom('time_polls')
        .select('id')
        .where('circle_id', '=', circleId)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      await timer.click(USERS.ana, PollActions.answer, String(opened.id));
      await submit(USERS.ana, PollViews.answer, {
        [`${PollFields.answerPrefix}0`]: 'yes',
        [`${PollFields.answerPrefix}1`]: 'no',
      });
      await timer.click(USERS.ana, PollActions.pick, JSON.stringify({ pollId: Number(opened.id), picks: [0] }));
      await submit(USERS.ana, PollViews.pick, {});

      expect(timer.late()).toEqual([]);
      // Every modal the app registers (but the pairs' and programs') was submitted and accepted (the modal closed),
      // so the work each does after its ack ran too.
      const submissions = timer.acks.filter((a) => a.what.startsWith('submit '));
      expect(submissions.filter((a) => a.body !== '')).toEqual([]);
      const registered = surfacesOf(t.app).views.filter((id) => !elsewhere.views.has(id));
      expect(new Set(submissions.map((a) => a.what.slice('submit '.length)))).toEqual(new Set(registered));
    },
    SLOW_STEPS_MS,
  );
});
