import { CheckinActions, CheckinFields as C } from '../../checkins/ids';
import { CycleActions, EvaluationFields as F } from '../../cycles/ids';
import { USERS } from '../../sandbox';
import { CAST } from '../cast';
import {
  circleValues,
  createCircle,
  dateAfter,
  dmWith,
  fillAndSubmit,
  freeName,
  joinByCommand,
  openModal,
  press,
} from '../scene';
import { cycleEndTarget } from '../timeTravel';
import type { TourAct, TourContext } from '../tour';
import { circleOf, keepCircle, nextSession } from './memo';

const TZ = 'Europe/London';
const MEMBERS = [USERS.ben, USERS.chloe, USERS.dev, USERS.elena];
const HOUR = 3_600_000;

function evaluation(choice: 'continue' | 'rematch' | 'end', value: number, useful?: string) {
  return {
    [F.value]: String(value),
    [F.keptOwn]: '4',
    [F.keptOthers]: '4',
    ...(useful ? { [F.mostUseful]: useful } : {}),
    [F.recommend]: value >= 3 ? 'yes' : 'no',
    [F.choice]: choice,
  };
}

async function openEvaluation(ctx: TourContext, userId: string): Promise<void> {
  await press(ctx, userId, dmWith(ctx, userId, CycleActions.evaluate), CycleActions.evaluate);
}

/** Act 4: a cycle ends; members evaluate it and choose what comes next; the organizer's report arrives with its chart and CSV. */
export const cycleEndAct: TourAct = {
  id: 'cycle-end',
  title: 'The end of a cycle',
  summary: 'The evaluation, continue / rematch / end, and `/circle report` with its chart and CSV files.',
  setupSeconds: 19,
  async setup(ctx) {
    const name = await freeName(ctx, 'Spring Cohort');
    const start = dateAfter(ctx.now(), 1, TZ);
    const end = dateAfter(new Date(`${start}T12:00:00Z`), 7, 'UTC');
    const values = circleValues({
      name,
      focus: 'Team leads in their first year, a short cycle of two sessions.',
      facilitators: [USERS.ana],
      startDate: start,
      endDate: end,
      weekday: new Date(`${start}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }).toLowerCase(),
      time: '16:00',
      timeZone: TZ,
    });
    keepCircle(ctx, await createCircle(ctx, values), name);
    await joinByCommand(ctx, name, MEMBERS);
    // The first session is held and checked in on, so the report has something to show.
    const first = await nextSession(ctx);
    await ctx.travelTo(new Date(first.getTime() + 3 * HOUR));
    for (const [i, u] of MEMBERS.slice(0, 3).entries()) {
      await press(ctx, u, dmWith(ctx, u, CheckinActions.open), CheckinActions.open);
      await ctx.driver.submitView(u, openModal(ctx, u).id, {
        [C.attended]: i === 2 ? 'part' : 'yes',
        [C.usefulness]: String(5 - i),
      });
    }
  },
  steps: [
    {
      id: 'closing',
      title: 'The cycle ends',
      explain:
        'The clock jumps to the end of *Spring Cohort*’s cycle. The channel heard a week before that it was closing; now every member is invited by DM to evaluate it.',
      async run(ctx) {
        await ctx.travelTo(await cycleEndTarget(ctx.db, ctx.now(), circleOf(ctx).id));
        ctx.focus({
          as: USERS.ben,
          conversation: ctx.emulator.dmChannelOf(USERS.ben),
          highlight: { action: CycleActions.evaluate },
        });
      },
    },
    {
      id: 'evaluate',
      title: 'Ben evaluates the cycle',
      explain:
        'A short form: how valuable it was, whether commitments were kept, what was most useful, whether he would recommend it, and what next: *continue* with this circle, be *rematched* into another, or *end*.',
      async run(ctx) {
        await ctx.beat();
        await openEvaluation(ctx, USERS.ben);
        await fillAndSubmit(
          ctx,
          USERS.ben,
          { conversation: ctx.emulator.dmChannelOf(USERS.ben) },
          evaluation('continue', 5, 'Hearing how the others handle the same problems'),
          F.choice,
        );
      },
    },
    {
      id: 'choices',
      title: 'Continue, rematch or end',
      explain:
        'Chloe asks to be rematched, Dev chooses to end. When the evaluation closes, the app applies the choices to the next cycle and asks those who said nothing whether they stay.',
      async run(ctx) {
        for (const [u, choice, value] of [
          [USERS.chloe, 'rematch', 3],
          [USERS.dev, 'end', 2],
        ] as const) {
          ctx.focus({ as: u, conversation: ctx.emulator.dmChannelOf(u), highlight: { action: CycleActions.evaluate } });
          await openEvaluation(ctx, u);
          await fillAndSubmit(ctx, u, { conversation: ctx.emulator.dmChannelOf(u) }, evaluation(choice, value), F.choice);
        }
      },
    },
    {
      id: 'report',
      title: '`/circle report`: a chart and CSV files',
      explain:
        'Morgan types `/circle report Spring Cohort`. The report arrives in the app’s DM: a chart of attendance and usefulness, and CSV files of what was recorded, named or anonymous, ready for a spreadsheet.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, conversation: CAST.general });
        await ctx.driver.command(CAST.organizer, `report ${circleOf(ctx).name}`, { channelId: CAST.general });
        ctx.focus({ as: CAST.organizer, conversation: ctx.emulator.dmChannelOf(CAST.organizer), highlight: { files: true } });
      },
    },
  ],
};
