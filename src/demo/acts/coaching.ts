import { PairActions, PairFields as F } from '../../pairs/ids';
import { USERS } from '../../sandbox';
import { CAST } from '../cast';
import {
  circleValues,
  createCircle,
  dateAfter,
  dmWith,
  fillAndSubmit,
  freeName,
  hasAction,
  joinByCommand,
  openModal,
  press,
  pressEphemeral,
  weekdayOf,
} from '../scene';
import { demoMatchGroups } from '../store';
import type { TourAct, TourContext } from '../tour';
import { circleOf, keepCircle } from './memo';

const TZ = 'America/New_York';
const DAY = 24 * 3_600_000;
/** Seven, so one group is a trio: a group DM of three, as the matcher makes when the count is odd. */
const MEMBERS: readonly string[] = [USERS.ben, USERS.chloe, USERS.dev, USERS.elena, USERS.farid, USERS.grace, USERS.isha];
/** Answers the survey during the act; the others answered before it starts. */
const LATE = USERS.grace;
const ZONES: Record<string, string> = {
  [USERS.ben]: 'America/New_York',
  [USERS.chloe]: 'Europe/London',
  [USERS.dev]: 'Asia/Kolkata',
  [USERS.elena]: 'Europe/London',
  [USERS.farid]: 'America/Los_Angeles',
  [USERS.grace]: 'America/New_York',
  [USERS.isha]: 'Asia/Kolkata',
};
const GOALS: Record<string, string> = {
  [USERS.ben]: 'Prepare for my first board meeting',
  [USERS.chloe]: 'Delegate without losing track',
  [USERS.dev]: 'Hire my first two engineers',
  [USERS.elena]: 'Grow a team across time zones',
  [USERS.farid]: 'Say no to stakeholders, kindly',
  [USERS.grace]: 'Give feedback that lands',
  [USERS.isha]: 'Lead my former peers',
};

function surveyAnswers(userId: string): Record<string, string | string[]> {
  return {
    [F.goals]: GOALS[userId] ?? 'Grow as a leader',
    [F.stage]: userId === USERS.dev || userId === USERS.grace ? '1' : '2',
    [F.timeZone]: ZONES[userId] ?? TZ,
    ...(userId === USERS.ben ? { [F.wishes]: [USERS.chloe] } : {}),
  };
}

async function answerSurvey(ctx: TourContext, userId: string): Promise<void> {
  await press(ctx, userId, dmWith(ctx, userId, PairActions.survey), PairActions.survey);
  await ctx.driver.submitView(userId, openModal(ctx, userId).id, surveyAnswers(userId));
}

/** The group DMs the app opened, each with its people (the app aside), largest first. */
function groupDms(ctx: TourContext): Array<{ id: string; members: string[] }> {
  const opened = new Set(
    ctx.emulator
      .callsTo('conversations.open')
      .map((c) => (c.response as { channel?: { id?: string } } | undefined)?.channel?.id)
      .filter((id): id is string => Boolean(id)),
  );
  return [...opened]
    .map((id) => ({
      id,
      members: [...(ctx.emulator.workspace.channel(id)?.members ?? [])].filter((m) => MEMBERS.includes(m)),
    }))
    .filter((d) => d.members.length > 1)
    .sort((a, b) => b.members.length - a.members.length);
}

const meetingCheck = (ctx: TourContext, channel: string) =>
  ctx.emulator
    .messages(channel)
    .filter((m) => hasAction(m, PairActions.metYes))
    .at(-1);

/** Act 3: a coaching program's survey, matching with Shuffle and Swap, Confirm, intros and "did you meet?". */
export const coachingAct: TourAct = {
  id: 'coaching',
  title: 'A coaching program',
  summary: 'A matching survey, `/circle match` with Shuffle and Swap, Confirm, intros in group DMs, and “did you meet?”.',
  setupSeconds: 6,
  async setup(ctx) {
    const name = await freeName(ctx, 'Coaching Pairs');
    const start = dateAfter(ctx.now(), 1, TZ);
    const values = circleValues({
      name,
      focus: 'New leaders coaching each other in pairs, one conversation at a time.',
      kind: 'pairs',
      facilitators: [USERS.ana],
      startDate: start,
      weekday: weekdayOf(start),
      time: '12:00',
      timeZone: TZ,
    });
    keepCircle(ctx, await createCircle(ctx, values), name);
    await joinByCommand(ctx, name, MEMBERS);
    // The survey goes out on join, with the scheduler's next pass.
    await ctx.tick();
    for (const u of MEMBERS) if (u !== LATE) await answerSurvey(ctx, u);
  },
  steps: [
    {
      id: 'survey',
      title: 'The matching survey',
      explain:
        'Seven people joined *Coaching Pairs*; each got the matching survey by DM. Grace answers last: what she wants to work on, her career stage, her time zone, and privately who she would rather not be matched with.',
      async run(ctx) {
        const dm = ctx.emulator.dmChannelOf(LATE);
        ctx.focus({ as: LATE, conversation: dm, highlight: { action: PairActions.survey } });
        await ctx.beat();
        await press(ctx, LATE, dmWith(ctx, LATE, PairActions.survey), PairActions.survey);
        await fillAndSubmit(ctx, LATE, { conversation: dm }, surveyAnswers(LATE), F.goals);
      },
    },
    {
      id: 'match',
      title: '`/circle match`: a preview',
      explain:
        'Morgan types `/circle match Coaching Pairs`. Everyone has answered, so the preview comes at once: the pairs with their fit in words (shared topics, hours apart, who asked for whom). Nobody has been told anything yet.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, conversation: CAST.general });
        await ctx.driver.command(CAST.organizer, `match ${circleOf(ctx).name}`, { channelId: CAST.general });
        if (!ctx.emulator.ephemeralsTo(CAST.organizer).some((e) => hasAction(e, PairActions.shuffle)))
          await pressEphemeral(ctx, CAST.organizer, PairActions.preview);
        ctx.focus({ as: CAST.organizer, conversation: CAST.general, highlight: { text: 'Preview: pairs' } });
      },
    },
    {
      id: 'shuffle',
      title: 'Shuffle',
      explain: '*Shuffle* shows the next-best arrangement, never one already seen while another as good exists.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, conversation: CAST.general, highlight: { action: PairActions.shuffle } });
        await ctx.beat();
        await pressEphemeral(ctx, CAST.organizer, PairActions.shuffle);
      },
    },
    {
      id: 'swap',
      title: 'Swap two people',
      explain: 'Morgan knows something the survey does not: *Swap* exchanges two people between pairs, and the preview follows.',
      async run(ctx) {
        ctx.focus({ as: CAST.organizer, conversation: CAST.general, highlight: { action: PairActions.swap } });
        await ctx.beat();
        await pressEphemeral(ctx, CAST.organizer, PairActions.swap);
        const [first, second] = await demoMatchGroups(ctx.db, circleOf(ctx).id);
        const a = first?.[0];
        const b = second?.[0];
        if (!a || !b) throw new Error('The preview has fewer than two pairs');
        await fillAndSubmit(ctx, CAST.organizer, { conversation: CAST.general }, { [F.swapA]: a, [F.swapB]: b }, F.swapA);
        const dm = ctx.emulator.dmChannelOf(CAST.organizer);
        ctx.focus({ as: CAST.organizer, conversation: dm, highlight: { text: 'Swapped' } });
      },
    },
    {
      id: 'confirm',
      title: 'Confirm: intros in group DMs',
      explain:
        'On *Confirm* the app opens a group DM for each pair (and one trio, as seven is odd) with an introduction: why these people, confidentiality, how each likes to receive feedback, and what to talk about first.',
      async run(ctx) {
        const dm = ctx.emulator.dmChannelOf(CAST.organizer);
        ctx.focus({ as: CAST.organizer, conversation: dm, highlight: { action: PairActions.confirm } });
        await ctx.beat();
        await press(ctx, CAST.organizer, dmWith(ctx, CAST.organizer, PairActions.confirm), PairActions.confirm);
        // The trio's DM, whose title names two people whoever looks at it.
        const [trio] = groupDms(ctx);
        const member = trio?.members[0];
        if (!trio || !member) throw new Error('Confirm opened no group DM');
        ctx.memo.pairDm = trio.id;
        ctx.memo.pairMember = member;
        ctx.focus({ as: member, conversation: trio.id, highlight: { text: 'Why you' } });
      },
    },
    {
      id: 'did-you-meet',
      title: '“Did you meet?”',
      explain:
        'On the program’s rhythm the app asks each group whether they met. One of them answers *Yes*; two “not yet” in a row would bring tips, and the organizer a heads-up.',
      async run(ctx) {
        const pairDm = String(ctx.memo.pairDm);
        const member = String(ctx.memo.pairMember);
        for (let day = 0; day < 35 && !meetingCheck(ctx, pairDm); day++) await ctx.travelTo(new Date(ctx.now().getTime() + DAY));
        const check = meetingCheck(ctx, pairDm);
        if (!check) throw new Error('No “did you meet?” came within five weeks');
        ctx.focus({ as: member, conversation: pairDm, highlight: { action: PairActions.metYes } });
        await ctx.beat();
        await press(ctx, member, check, PairActions.metYes);
        ctx.focus({ as: member, conversation: pairDm, highlight: { text: 'says you met' } });
      },
    },
  ],
};
