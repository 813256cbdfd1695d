import { previewEdit } from '../../programs/formation';
import type { Arrangement } from '../../programs/formation/types';
import { FormActions, FormFields as FF } from '../../programs/form/ids';
import { ProgramActions, ProgramFields as P, IntakeFields as I } from '../../programs/ids';
import { CHANNELS } from '../../sandbox';
import { CAST } from '../cast';
import { addFellows, FELLOWS, intakeOf } from '../fellows';
import { dateAfter, dmWith, fillAndSubmit, freeName, hasAction, openModal, press, pressEphemeral } from '../scene';
import { demoCircleNamed, demoFormationDraft, demoProgramNamed, demoProgramNames } from '../store';
import type { TourAct, TourContext } from '../tour';

/** Where the program is posted: a channel the app is in, as Slack requires. */
const WHERE = CHANNELS.random;

/** The fellow who answers during the act; the one before never finishes. */
const LAST = FELLOWS.length - 1;
const UNFINISHED = FELLOWS.length - 2;

function joinPost(ctx: TourContext) {
  const post = ctx.emulator
    .messages(WHERE)
    .filter((m) => hasAction(m, ProgramActions.join))
    .at(-1);
  if (!post) throw new Error('The program was not posted');
  return post;
}

async function program(ctx: TourContext) {
  return demoProgramNamed(ctx.db, String(ctx.memo.program));
}

/** Two people in different circles meeting at the same time whose swap breaks no rule. */
async function swappable(ctx: TourContext): Promise<[string, string]> {
  const { id, team_id } = await program(ctx);
  const arrangement = (await demoFormationDraft(ctx.db, team_id, id)).arrangement as Arrangement;
  const input = await ctx.formationInput(team_id, id);
  for (const c0 of arrangement.circles)
    for (const c1 of arrangement.circles)
      if (c0 !== c1 && c0.time === c1.time)
        for (const a of c0.members)
          for (const b of c1.members)
            if (previewEdit(input.instance, arrangement, { kind: 'swap', a, b }).breaks.length === 0) return [a, b];
  const [first, second] = arrangement.circles;
  const a = first?.members[0];
  const b = second?.members[0];
  if (!a || !b) throw new Error('The preview has fewer than two circles');
  return [a, b];
}

/** Act 5: a program of thirty with intake answers; `/circle form` previews circles; a swap; Confirm creates them. */
export const formingAct: TourAct = {
  id: 'forming',
  title: 'Forming a program’s circles',
  summary: 'Thirty fellows answer an intake; `/circle form` previews circles that share a meeting time; a swap; Confirm.',
  setupSeconds: 34,
  async setup(ctx) {
    addFellows(ctx.emulator);
    const name = await freeName(ctx, 'Fellows 2027', await demoProgramNames(ctx.db));
    ctx.memo.program = name;
    await ctx.driver.command(CAST.organizer, 'program new', { channelId: WHERE });
    const created = await ctx.driver.submitView(CAST.organizer, openModal(ctx, CAST.organizer).id, {
      [P.name]: name,
      [P.purpose]: 'Alumni of the leadership fellowship learning from each other',
      [P.times]: 'Tue 09:00\nThu 16:00\nWed 12:00',
      [P.deadline]: dateAfter(ctx.now(), 14, 'America/New_York'),
    });
    if (created.body) throw new Error(`The program modal refused the demo's values: ${JSON.stringify(created.body)}`);
    await ctx.driver.command(CAST.organizer, `program post ${name}`, { channelId: WHERE });
    const post = joinPost(ctx);
    for (const f of FELLOWS.slice(0, LAST))
      await ctx.driver.clickButton(f.id, { channelId: WHERE, ts: post.ts }, ProgramActions.join);
    for (const [i, f] of FELLOWS.slice(0, LAST).entries()) {
      const view = openModal(ctx, f.id);
      if (i === UNFINISHED) await ctx.driver.closeView(f.id, view.id);
      else await ctx.driver.submitView(f.id, view.id, intakeOf(i));
    }
  },
  steps: [
    {
      id: 'program',
      title: 'A program and its intake',
      explain:
        'Morgan created *Fellows 2027* with `/circle program new`: circles of 6 to 8, three candidate meeting times in New York, an intake deadline. It was posted in #random with a *Join* button; 28 fellows have answered, one started and stopped.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, home: true, highlight: { text: String(ctx.memo.program) } });
        await ctx.driver.appHomeOpened(CAST.organizer);
      },
    },
    {
      id: 'intake',
      title: 'A fellow answers the intake',
      explain:
        'Anika presses *Join*. The intake asks her career stage, sector, organization and topics, and shows each candidate time in *her* zone (Kolkata, or wherever she is), each answered yes, if need be, or no.',
      async run(ctx) {
        const fellow = FELLOWS[LAST];
        if (!fellow) return;
        ctx.focus({ as: fellow.id, conversation: WHERE, highlight: { action: ProgramActions.join } });
        await ctx.beat();
        await ctx.driver.clickButton(fellow.id, { channelId: WHERE, ts: joinPost(ctx).ts }, ProgramActions.join);
        await fillAndSubmit(ctx, fellow.id, { conversation: WHERE }, intakeOf(LAST), `${I.timePrefix}0`);
      },
    },
    {
      id: 'form',
      title: '`/circle form`: a preview',
      explain:
        'Morgan types `/circle form Fellows 2027`. The preview shows circles of 6 to 8, each with one time all its members can make, its score and the reasons in words, and who could not be placed and why. Nobody is told anything yet.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, conversation: WHERE });
        await ctx.driver.command(CAST.organizer, `form ${String(ctx.memo.program)}`, { channelId: WHERE });
        ctx.focus({ as: CAST.organizer, conversation: WHERE, highlight: { text: 'people placed' } });
      },
    },
    {
      id: 'swap',
      title: 'Swap two people, seeing the change first',
      explain:
        'Morgan swaps two fellows. Before it applies, the app shows what changes: both circles’ scores, any rule it would break, and whether each circle keeps a shared time.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, conversation: WHERE, highlight: { action: FormActions.edit } });
        await ctx.beat();
        await pressEphemeral(ctx, CAST.organizer, FormActions.edit);
        const [a, b] = await swappable(ctx);
        await fillAndSubmit(ctx, CAST.organizer, { conversation: WHERE }, { [FF.person]: a, [FF.swapWith]: b }, FF.person);
        await ctx.beat();
        await ctx.beat();
        await ctx.driver.submitView(CAST.organizer, openModal(ctx, CAST.organizer).id, {});
        ctx.focus({ as: CAST.organizer, conversation: ctx.emulator.dmChannelOf(CAST.organizer), highlight: { text: 'Applied' } });
      },
    },
    {
      id: 'confirm',
      title: 'Confirm: the circles exist',
      explain:
        'On *Confirm* each circle becomes a circle of the app: its channel, a facilitator (a volunteer where there is one), sessions at its chosen time, and a welcome saying who is in it and why. The fellow who shares no time with anyone is told why, and what happens next.',
      async run(ctx) {
        const dm = ctx.emulator.dmChannelOf(CAST.organizer);
        ctx.focus({ as: CAST.organizer, conversation: dm, highlight: { action: FormActions.confirm } });
        await ctx.beat();
        await press(ctx, CAST.organizer, dmWith(ctx, CAST.organizer, FormActions.confirm), FormActions.confirm);
        const circle = await demoCircleNamed(ctx.db, `${String(ctx.memo.program)} 1`);
        const channel = circle.channel_id ?? WHERE;
        const member = FELLOWS.find((f) => ctx.emulator.workspace.channel(channel)?.members.has(f.id));
        ctx.focus({ as: member?.id ?? CAST.organizer, conversation: channel, highlight: { text: 'Why you are together' } });
      },
    },
  ],
};
