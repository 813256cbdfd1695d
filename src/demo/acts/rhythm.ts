import { CircleActions } from '../../circles/ids';
import { CAST } from '../cast';
import { circleValues, createCircle, dateAfter, freeName, hasAction } from '../scene';
import { demoSessionAt, demoSessionEnd } from '../store';
import type { TourAct } from '../tour';
import { circleOf, keepCircle, nextSession } from './memo';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/London';

/** Act 1: a circle is created, people join, and the app keeps its rhythm up to the first session. */
export const rhythmAct: TourAct = {
  id: 'rhythm',
  title: 'A circle’s rhythm',
  summary: 'An organizer creates a circle, people join, and the app sends reminders, a warm-up and the agenda.',
  async setup(ctx) {
    ctx.memo.name = await freeName(ctx, 'New Managers');
  },
  steps: [
    {
      id: 'create-circle',
      title: 'An organizer creates a circle',
      explain:
        'Morgan, an organizer, types `/circle new` in #general, names the circle, picks Ana and Chloe as facilitators and sets the rhythm: Tuesdays at 17:00, London time. The app makes the channel and announces the circle there.',
      async run(ctx) {
        const name = String(ctx.memo.name);
        const values = circleValues({
          name,
          focus: 'First-time managers learning from each other: one hard conversation at a time.',
          facilitators: [...CAST.facilitators],
          startDate: dateAfter(ctx.now(), 9, TZ, 2),
          weekday: 'tuesday',
          time: '17:00',
          timeZone: TZ,
        });
        const circle = keepCircle(ctx, await createCircle(ctx, values, true), name);
        ctx.focus({ as: CAST.organizer, conversation: circle.channel, highlight: { action: CircleActions.join } });
      },
    },
    {
      id: 'join',
      title: 'People join with a click, or by typing',
      explain:
        'Ben, Dev and Elena press *Join*; Farid, Grace and Isha type `/circle join`. Each gets a welcome DM with the norms and a calendar link. Farid then types `/circle pause … for 2 weeks`: he keeps his place but gets no reminders.',
      async run(ctx) {
        const circle = circleOf(ctx);
        const announcement = ctx.emulator.messages(circle.channel).find((m) => hasAction(m, CircleActions.join));
        if (!announcement) throw new Error('The announcement with its Join button is missing');
        for (const person of CAST.joinByButton) {
          ctx.focus({ as: person, conversation: circle.channel, highlight: { action: CircleActions.join } });
          await ctx.driver.clickButton(person, { channelId: circle.channel, ts: announcement.ts }, CircleActions.join);
        }
        for (const person of CAST.joinByCommand) {
          ctx.focus({ as: person, conversation: CAST.general, highlight: { text: "You're in" } });
          await ctx.driver.command(person, `join ${circle.name}`, { channelId: CAST.general });
        }
        await ctx.driver.command(CAST.pauser, `pause ${circle.name} for 2 weeks`, { channelId: CAST.general });
        ctx.focus({ as: CAST.pauser, conversation: CAST.general, highlight: { text: 'pause' } });
      },
    },
    {
      id: 'agenda-item',
      title: 'Members shape the agenda',
      explain:
        'In the circle’s channel Elena adds an item with `/circle agenda add …`. It goes into the agenda post and the reminders.',
      async run(ctx) {
        const circle = circleOf(ctx);
        ctx.focus({ as: CAST.agendaAuthor, conversation: circle.channel });
        await ctx.driver.command(CAST.agendaAuthor, 'agenda add How do you give feedback that lands?', {
          channelId: circle.channel,
        });
        ctx.focus({ as: CAST.agendaAuthor, conversation: circle.channel, highlight: { text: 'feedback that lands' } });
      },
    },
    {
      id: 'week-before',
      title: 'A week before: reminders',
      explain:
        'The clock jumps to a week before the first session. Every active member gets a reminder with the agenda; Dev, in Kolkata, reads the time in his own zone. Farid, paused, gets nothing.',
      async run(ctx) {
        const first = await nextSession(ctx);
        ctx.memo.first = first;
        await ctx.travelTo(new Date(first.getTime() - 7 * DAY + 60_000));
        ctx.focus({ as: CAST.farAway, conversation: ctx.emulator.dmChannelOf(CAST.farAway), highlight: { text: 'meets' } });
      },
    },
    {
      id: 'warm-up',
      title: 'Three days before: the warm-up',
      explain:
        'Someone opens each session with a get-to-know-you prompt. The turn rotates fairly, never to a paused member; the leader hears three days ahead and can draw another prompt or pass.',
      async run(ctx) {
        const first = ctx.memo.first as Date;
        await ctx.travelTo(new Date(first.getTime() - 3 * DAY + 60_000));
        const session = await demoSessionAt(ctx.db, circleOf(ctx).id, first);
        const who = session?.leader_user_id ?? CAST.facilitators[0];
        ctx.focus({ as: who, conversation: ctx.emulator.dmChannelOf(who), highlight: { text: 'warm-up' } });
      },
    },
    {
      id: 'agenda-posted',
      title: 'A day before: the agenda',
      explain:
        'The agenda goes to the channel 24 hours ahead: timed sections, the warm-up leader and prompt, and Elena’s item, with the start time in each reader’s zone.',
      async run(ctx) {
        const first = ctx.memo.first as Date;
        await ctx.travelTo(new Date(first.getTime() - DAY + 60_000));
        ctx.focus({ as: CAST.facilitators[1], conversation: circleOf(ctx).channel, highlight: { text: 'agenda' } });
      },
    },
    {
      id: 'hour-before',
      title: 'An hour before: the link',
      explain: 'One more reminder an hour ahead, with the call link, to every active member.',
      async run(ctx) {
        const first = ctx.memo.first as Date;
        await ctx.travelTo(new Date(first.getTime() - HOUR + 60_000));
        const grace = CAST.joinByCommand[1];
        ctx.focus({ as: grace, conversation: ctx.emulator.dmChannelOf(grace), highlight: { text: 'meets' } });
      },
    },
    {
      id: 'session-held',
      title: 'The session is held',
      explain:
        'Once the meeting is over the app marks it held. Each member’s Home tab shows the next meeting and their own warm-up turn. The rhythm goes on every week without anyone having to remember it.',
      async run(ctx) {
        const first = ctx.memo.first as Date;
        const end = await demoSessionEnd(ctx.db, circleOf(ctx).id, first);
        await ctx.travelTo(new Date(end.ends_at.getTime() + 60_000));
        const ben = CAST.joinByButton[0];
        ctx.focus({ as: ben, home: true });
        await ctx.driver.appHomeOpened(ben);
      },
    },
  ],
};
