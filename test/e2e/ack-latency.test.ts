import { CalendarActions } from '../../src/calendar/ids';
import { CheckinActions, CheckinFields, CheckinViews } from '../../src/checkins/ids';
import { CircleActions, CircleViews } from '../../src/circles/ids';
import { SettingsBlocks as B } from '../../src/circles/settings/model';
import { ACK_TIMEOUT_MS, CHANNELS, type DriverResult, type SlackDriver, USERS } from '../../src/sandbox';
import { syncSessions } from '../../src/sessions/horizon';
import { RescheduleFields, SessionActions, SessionPickActions, SessionViews } from '../../src/sessions/ids';
import { SUBCOMMANDS } from '../../src/slack/usage';
import { CycleActions } from '../../src/cycles/ids';
import { MyDataActions } from '../../src/mydata/ids';
import { settled } from '../../src/slack/app';
import { startTestApp, type TestApp } from '../support/app';
import { seedCircle } from '../support/fixtures';

/**
 * Slack waits 3 seconds for an ack and its own API is not always fast. With the emulator adding a
 * full second to every Web API answer, every command, button and modal submission must still be
 * acknowledged in time: nothing may call Slack before acknowledging.
 */
describe('every request is acknowledged within 3 seconds when Slack answers slowly', () => {
  const LATENCY_MS = 1000;
  let t: TestApp;
  let slack: SlackDriver;
  const acks: Array<{ what: string; elapsedMs: number; timedOut: boolean; status: number }> = [];
  let circleId = 0;
  let sessionId = 0;

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
    // Warm-ups are assigned three days ahead: a pass then gives the first session its leader.
    await t.tick('2026-11-28T14:01:00Z');
    const first = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('circle_id', '=', circle.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    sessionId = first.id;
    // Acks are measured on the bare driver: the tests' usual one waits for the work after each ack.
    slack = t.emulator.driver(`${t.baseUrl}/slack/events`);
    t.emulator.setLatency(LATENCY_MS);
    // Set-up is not what is measured: a loaded machine may stretch it past the default 30 s.
  }, 120_000);

  afterAll(async () => {
    // Whatever work was still going on after its ack finishes before the app stops.
    await settled(t.services.deps.inflight);
    t.emulator.setLatency(0);
    await t.close();
  });

  const record = (what: string, result: DriverResult) => {
    acks.push({ what, elapsedMs: result.elapsedMs, timedOut: result.timedOut, status: result.status });
    return result;
  };

  const slow = () => acks.filter((a) => a.timedOut || a.elapsedMs >= ACK_TIMEOUT_MS || a.status !== 200);

  it('every /circle subcommand', async () => {
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
      me: [USERS.ben, 'me'],
      'forget-me': [USERS.ben, 'forget-me'],
    };
    for (const { name } of SUBCOMMANDS) {
      const [user, text] = texts[name] ?? [USERS.ben, name];
      record(`/circle ${text}`, await slack.command(user, text, { channelId: CHANNELS.general }));
    }
    record('/circle (nothing)', await slack.command(USERS.ben, ''));
    record('/circle something unknown', await slack.command(USERS.ben, 'dance'));
    expect(slow()).toEqual([]);
    expect(acks.length).toBeGreaterThanOrEqual(SUBCOMMANDS.length + 2);
  });

  it('every button', async () => {
    const pick = (add?: string) => JSON.stringify({ circleId, ...(add ? { add } : {}) });
    const buttons: Array<[string, string, string]> = [
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
      [CycleActions.evaluate, '1', USERS.ben],
      [CycleActions.stay, '1', USERS.ben],
      [CycleActions.leave, '1', USERS.ben],
      [MyDataActions.forgetConfirm, 'forget', USERS.ben],
      [MyDataActions.forgetCancel, 'keep', USERS.ben],
    ];
    const registered = [
      ...Object.values(CircleActions),
      ...Object.values(SessionActions),
      ...Object.values(SessionPickActions),
      ...Object.values(CalendarActions),
      ...Object.values(CheckinActions),
      ...Object.values(CycleActions),
      ...Object.values(MyDataActions),
    ];
    // Every action the app registers is in the list above.
    expect(new Set(buttons.map(([id]) => id))).toEqual(new Set(registered));
    for (const [actionId, value, user] of buttons) {
      const blocks = [
        { type: 'actions', elements: [{ type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: 'Go' } }] },
      ];
      record(
        `button ${actionId}`,
        await slack.clickButton(user, { ephemeral: { blocks, channelId: CHANNELS.general } }, actionId),
      );
    }
    expect(slow()).toEqual([]);
  });

  it('every modal submission', async () => {
    const waitForView = (userId: string, callbackId: string) =>
      t.emulator.waitFor(() => t.emulator.openViewsOf(userId).find((v) => v.view.callback_id === callbackId), 10_000);
    // The earlier tests left modals open (the create button, /circle new), some opening only now: a
    // person waits for them and closes them first.
    await settled(t.services.deps.inflight);
    for (const view of t.emulator.openViewsOf(USERS.owner)) await slack.closeView(USERS.owner, view.id);

    await slack.command(USERS.owner, 'new');
    const created = await waitForView(USERS.owner, CircleViews.settings);
    record(
      'submit a new circle',
      await slack.submitView(USERS.owner, created.id, {
        [B.name]: 'Slow Slack',
        [B.focus]: 'Patience',
        [B.kind]: 'group',
        [B.channelMode]: 'new_private',
        [B.startDate]: '2026-12-01',
        [B.cycleLength]: '6',
        [B.frequency]: 'weekly',
        [B.weekday]: 'tuesday',
        [B.time]: '09:00',
      }),
    );

    await t.emulator.waitFor(() => t.emulator.openViewsOf(USERS.owner).length === 0, 10_000);
    await slack.command(USERS.owner, 'edit Latency');
    const edited = await waitForView(USERS.owner, CircleViews.settings);
    record('submit an edit', await slack.submitView(USERS.owner, edited.id, { [B.sizeCap]: '4' }));

    const blocks = [
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: SessionActions.reschedule,
            value: String(sessionId),
            text: { type: 'plain_text', text: 'Move' },
          },
        ],
      },
    ];
    const later = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('status', '=', 'scheduled')
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow();
    blocks[0]!.elements[0]!.value = String(later.id);
    await slack.clickButton(USERS.owner, { ephemeral: { blocks, channelId: CHANNELS.general } }, SessionActions.reschedule);
    const move = await waitForView(USERS.owner, SessionViews.reschedule);
    record(
      'submit a reschedule',
      await slack.submitView(USERS.owner, move.id, { [RescheduleFields.date]: '2027-01-20', [RescheduleFields.time]: '10:00' }),
    );

    // After the second session (the first was skipped above): a check-in, attendance and notes.
    t.clock.set('2026-12-15T16:00:00Z');
    const held = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('starts_at', '=', new Date('2026-12-15T14:00:00Z'))
      .executeTakeFirstOrThrow();
    await slack.command(USERS.ben, 'checkin Latency', { channelId: CHANNELS.general });
    const checkin = await waitForView(USERS.ben, CheckinViews.checkin);
    record(
      'submit a check-in',
      await slack.submitView(USERS.ben, checkin.id, {
        [CheckinFields.attended]: 'yes',
        [`${CheckinFields.commitmentPrefix}1`]: 'Ask for feedback',
        [CheckinFields.usefulness]: '4',
        [CheckinFields.note]: 'Thanks for the session',
      }),
    );
    const tool = (actionId: string) => [
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: actionId, value: String(held.id), text: { type: 'plain_text', text: 'Go' } }],
      },
    ];
    await slack.clickButton(
      USERS.ana,
      { ephemeral: { blocks: tool(CheckinActions.takeAttendance), channelId: CHANNELS.general } },
      CheckinActions.takeAttendance,
    );
    const attendance = await waitForView(USERS.ana, CheckinViews.attendance);
    record(
      'submit attendance',
      await slack.submitView(USERS.ana, attendance.id, { [`${CheckinFields.presentPrefix}0`]: [USERS.ben] }),
    );
    await slack.clickButton(
      USERS.ana,
      { ephemeral: { blocks: tool(CheckinActions.shareNotes), channelId: CHANNELS.general } },
      CheckinActions.shareNotes,
    );
    const notes = await waitForView(USERS.ana, CheckinViews.notes);
    record('submit notes', await slack.submitView(USERS.ana, notes.id, { [CheckinFields.notesText]: 'We met; it went well.' }));

    expect(slow()).toEqual([]);
    expect(acks.filter((a) => a.what.startsWith('submit'))).toHaveLength(6);
  });
});
