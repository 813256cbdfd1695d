import { CheckinActions, CheckinFields as F, CheckinViews } from '../../checkins/ids';
import { USERS } from '../../sandbox';
import {
  circleValues,
  createCircle,
  dateAfter,
  dmWith,
  fillAndSubmit,
  freeName,
  joinByCommand,
  press,
  weekdayOf,
} from '../scene';
import { demoCircleDelay, demoSessionsAhead } from '../store';
import type { TourAct, TourContext } from '../tour';
import { circleOf, keepCircle, nextSession } from './memo';

const TZ = 'America/New_York';
const FACILITATOR = USERS.hiro;
const MEMBERS = [USERS.jonas, USERS.kofi, USERS.priya, USERS.isha, USERS.grace];
/** Misses two sessions in a row. */
const ABSENT = USERS.kofi;
const PRESENT = [FACILITATOR, ...MEMBERS.filter((u) => u !== ABSENT)];

/** To a minute after the check-ins of the session starting at `start` are asked. */
async function afterSession(ctx: TourContext, start: Date): Promise<void> {
  const { checkin_delay_minutes: delay } = await demoCircleDelay(ctx.db, circleOf(ctx).id);
  const [row] = await demoSessionsAhead(ctx.db, circleOf(ctx).id, new Date(start.getTime() - 1), 1);
  const ends = row?.ends_at ?? new Date(start.getTime() + 90 * 60_000);
  await ctx.travelTo(new Date(ends.getTime() + (delay + 1) * 60_000));
}

function agendaPost(ctx: TourContext, start: Date) {
  const seconds = Math.floor(start.getTime() / 1000);
  const post = ctx.emulator
    .messages(circleOf(ctx).channel)
    .find((m) => m.text.startsWith('Agenda for') && m.text.includes(`<!date^${seconds}^`));
  if (!post) throw new Error('The session has no agenda post');
  return post;
}

async function takeAttendance(ctx: TourContext, start: Date): Promise<void> {
  const channel = circleOf(ctx).channel;
  const post = agendaPost(ctx, start);
  ctx.focus({ as: FACILITATOR, conversation: channel, highlight: { action: CheckinActions.takeAttendance } });
  await ctx.beat();
  await press(ctx, FACILITATOR, post, CheckinActions.takeAttendance);
  await fillAndSubmit(ctx, FACILITATOR, { conversation: channel }, { [`${F.presentPrefix}0`]: PRESENT }, `${F.presentPrefix}0`);
}

/** Act 2: after a session, members check in, the facilitator takes attendance and shares notes; two misses bring a nudge. */
export const checkinsAct: TourAct = {
  id: 'checkins',
  title: 'Check-ins, attendance and a nudge',
  summary: 'After a session: a check-in, attendance, notes in the thread, and a gentle nudge after two misses.',
  setupSeconds: 19,
  async setup(ctx) {
    const name = await freeName(ctx, 'Product Leads');
    const start = dateAfter(ctx.now(), 1, TZ);
    const values = circleValues({
      name,
      focus: 'Product leads comparing notes on roadmaps, teams and stakeholders.',
      facilitators: [FACILITATOR],
      startDate: start,
      weekday: weekdayOf(start),
      time: '11:00',
      timeZone: TZ,
    });
    keepCircle(ctx, await createCircle(ctx, values), name);
    await joinByCommand(ctx, name, MEMBERS);
    const first = await nextSession(ctx);
    ctx.memo.first = first;
    await afterSession(ctx, first);
  },
  steps: [
    {
      id: 'check-in',
      title: 'After the session: checking in',
      explain:
        'Product Leads met an hour ago. Everyone who was on the list gets a DM to check in: Priya says she was there, what she will do before next time, how useful it was, and leaves a note for the facilitator only.',
      async run(ctx) {
        const priya = USERS.priya;
        const dm = ctx.emulator.dmChannelOf(priya);
        ctx.focus({ as: priya, conversation: dm, highlight: { action: CheckinActions.open } });
        await ctx.beat();
        await press(ctx, priya, dmWith(ctx, priya, CheckinActions.open), CheckinActions.open);
        await ctx.emulator.waitFor(
          () => ctx.emulator.openViewsOf(priya).find((v) => v.view.callback_id === CheckinViews.checkin),
          10_000,
        );
        await fillAndSubmit(
          ctx,
          priya,
          { conversation: dm },
          {
            [F.attended]: 'yes',
            [`${F.commitmentPrefix}1`]: 'Share the draft roadmap with sales before Friday',
            [F.usefulness]: '4',
            [F.note]: 'Could we spend more time on stakeholder maps?',
          },
          F.attended,
        );
        ctx.focus({ as: priya, home: true, highlight: { action: CheckinActions.commitmentDone } });
        await ctx.driver.appHomeOpened(priya);
      },
    },
    {
      id: 'attendance',
      title: 'The facilitator takes attendance',
      explain:
        'Hiro, the facilitator, presses *Take attendance* on the agenda post and ticks who came. Kofi was not there. What the facilitator records wins over a check-in.',
      async run(ctx) {
        await takeAttendance(ctx, ctx.memo.first as Date);
        ctx.focus({ as: FACILITATOR, conversation: circleOf(ctx).channel, highlight: { text: 'Agenda for' } });
      },
    },
    {
      id: 'notes',
      title: 'Notes in the thread',
      explain:
        'Hiro shares the session’s notes: they go in the agenda post’s thread, and Kofi, recorded absent, gets a DM with a link so he can catch up.',
      async run(ctx) {
        const channel = circleOf(ctx).channel;
        const post = agendaPost(ctx, ctx.memo.first as Date);
        ctx.focus({ as: FACILITATOR, conversation: channel, highlight: { action: CheckinActions.shareNotes } });
        await ctx.beat();
        await press(ctx, FACILITATOR, post, CheckinActions.shareNotes);
        await fillAndSubmit(
          ctx,
          FACILITATOR,
          { conversation: channel },
          { [F.notesText]: 'We compared roadmap reviews. Next time: saying no to a stakeholder.' },
          F.notesText,
        );
        ctx.focus({ as: ABSENT, conversation: ctx.emulator.dmChannelOf(ABSENT), highlight: { text: 'notes' } });
      },
    },
    {
      id: 'second-miss',
      title: 'A second miss in a row',
      explain:
        'A week later Kofi misses again. When Hiro takes attendance, the app notices two misses in a row: Kofi gets one kind nudge, and each facilitator a heads-up. One miss is never a lapse.',
      async run(ctx) {
        const second = await nextSession(ctx);
        await afterSession(ctx, second);
        await takeAttendance(ctx, second);
        ctx.focus({ as: FACILITATOR, conversation: ctx.emulator.dmChannelOf(FACILITATOR), highlight: { text: 'Heads-up' } });
      },
    },
    {
      id: 'nudge',
      title: 'Kofi answers the nudge',
      explain:
        'The nudge offers three answers: *I’ll be there*, a pause, or leaving. Kofi will be back: the app says when the next session is, in his own time zone.',
      async run(ctx) {
        const dm = ctx.emulator.dmChannelOf(ABSENT);
        ctx.focus({ as: ABSENT, conversation: dm, highlight: { action: CheckinActions.nudgeBack } });
        await ctx.beat();
        await press(ctx, ABSENT, dmWith(ctx, ABSENT, CheckinActions.nudgeBack), CheckinActions.nudgeBack);
        ctx.focus({ as: ABSENT, conversation: dm, highlight: { text: 'see you' } });
      },
    },
  ],
};
