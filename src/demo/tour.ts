import { CheckinActions, CheckinFields, CheckinViews } from '../checkins/ids';
import { CircleActions } from '../circles/ids';
import { SettingsBlocks } from '../circles/settings/model';
import type { Db } from '../db/database';
import type { SlackDriver, SlackEmulator } from '../sandbox';
import { CAST } from './cast';
import type { Focus, TourState } from './status';
import {
  demoCircleDelay,
  demoCircleNamed,
  demoCircleNames,
  demoSessionsAhead,
  demoLastEnded,
  demoSessionAt,
  demoSessionEnd,
} from './store';

/** What the tour learns along the way (the circle it created, its sessions). */
export interface TourMemo {
  circleName: string;
  circleId?: number;
  channelId?: string;
}

export interface TourContext {
  driver: SlackDriver;
  emulator: SlackEmulator;
  db: Db;
  now(): Date;
  travelTo(at: Date): Promise<void>;
  focus(focus: Focus): void;
  /** A short pause so the visitor sees an intermediate state (a modal before it is submitted). */
  beat(): Promise<void>;
  memo: TourMemo;
}

/**
 * One scene of the story. The tour is this list, played in order: adding a scene means adding
 * an entry, nothing else.
 */
export interface TourStep {
  id: string;
  title: string;
  /** What the side panel says, in mrkdwn. */
  explain: string;
  run(ctx: TourContext): Promise<void>;
}

const CIRCLE_TZ = 'Europe/London';
const CIRCLE_TIME = '17:00';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const TOUR: TourStep[] = [
  {
    id: 'welcome',
    title: 'Meet the organizer',
    explain:
      'This is a Slack workspace running in your browser, with the real Peer Circles app behind it. You are looking through the eyes of *Morgan Reyes*, an organizer, at the app’s *Home* tab.',
    async run(ctx) {
      ctx.focus({ as: CAST.organizer, home: true });
      await ctx.driver.appHomeOpened(CAST.organizer);
    },
  },
  {
    id: 'create-circle',
    title: 'An organizer creates a circle',
    explain:
      'Morgan types `/circle new` in #general. The app opens its modal; Morgan names the circle, picks Ana and Chloe as facilitators and sets the rhythm: every Tuesday at 17:00, London time. On *Create*, the app makes the circle’s channel, invites the facilitators and announces it there.',
    async run(ctx) {
      ctx.focus({ as: CAST.organizer, conversation: CAST.general });
      ctx.memo.circleName = await freeName(ctx.db, 'New Managers');
      await ctx.driver.command(CAST.organizer, 'new', { channelId: CAST.general });
      const [modal] = ctx.emulator.openViewsOf(CAST.organizer);
      if (!modal) throw new Error('The circle modal did not open');
      const values = {
        [SettingsBlocks.name]: ctx.memo.circleName,
        [SettingsBlocks.focus]: 'First-time managers learning from each other: one hard conversation at a time.',
        [SettingsBlocks.kind]: 'group',
        [SettingsBlocks.channelMode]: 'new_public',
        [SettingsBlocks.facilitators]: [...CAST.facilitators],
        [SettingsBlocks.startDate]: firstTuesdayAfter(ctx.now(), 9),
        [SettingsBlocks.cycleLength]: '6',
        [SettingsBlocks.frequency]: 'weekly',
        [SettingsBlocks.weekday]: 'tuesday',
        [SettingsBlocks.time]: CIRCLE_TIME,
        [SettingsBlocks.timeZone]: CIRCLE_TZ,
        [SettingsBlocks.videoLink]: 'https://meet.example.com/new-managers',
      };
      ctx.focus({ as: CAST.organizer, conversation: CAST.general, fill: { viewId: modal.id, values } });
      await ctx.beat();
      await ctx.driver.submitView(CAST.organizer, modal.id, values);
      const circle = await demoCircleNamed(ctx.db, ctx.memo.circleName);
      ctx.memo.circleId = circle.id;
      if (circle.channel_id) ctx.memo.channelId = circle.channel_id;
      ctx.focus({ as: CAST.organizer, conversation: circle.channel_id ?? CAST.general });
    },
  },
  {
    id: 'join-button',
    title: 'People join with a click',
    explain:
      'Ben, Dev and Elena press *Join* on the announcement. Each gets a place, an invitation to the channel and a welcome DM with the norms and a private calendar link.',
    async run(ctx) {
      const channel = requireChannel(ctx);
      const announcement = ctx.emulator
        .messages(channel)
        .find((m) => JSON.stringify(m.blocks).includes(`"${CircleActions.join}"`));
      if (!announcement) throw new Error('The announcement with its Join button is missing');
      for (const person of CAST.joinByButton) {
        ctx.focus({ as: person, conversation: channel });
        await ctx.driver.clickButton(person, { channelId: channel, ts: announcement.ts }, CircleActions.join);
        await ctx.beat();
      }
      ctx.focus({ as: CAST.joinByButton[0], conversation: ctx.emulator.dmChannelOf(CAST.joinByButton[0]) });
    },
  },
  {
    id: 'join-command',
    title: '…or by typing',
    explain:
      'Farid, Grace and Isha type `/circle join New Managers` in #general. The reply is private (*Only visible to you*); the circle is now full at eight: two facilitators and six members.',
    async run(ctx) {
      for (const person of CAST.joinByCommand) {
        ctx.focus({ as: person, conversation: CAST.general });
        await ctx.driver.command(person, `join ${ctx.memo.circleName}`, { channelId: CAST.general });
        await ctx.beat();
      }
    },
  },
  {
    id: 'pause',
    title: 'Someone takes a break',
    explain:
      'Farid has a busy fortnight: `/circle pause New Managers for 2 weeks`. He keeps his place, gets no reminders and is skipped for warm-ups; the pause ends by itself.',
    async run(ctx) {
      ctx.focus({ as: CAST.pauser, conversation: CAST.general });
      await ctx.driver.command(CAST.pauser, `pause ${ctx.memo.circleName} for 2 weeks`, { channelId: CAST.general });
    },
  },
  {
    id: 'agenda-item',
    title: 'Members shape the agenda',
    explain:
      'In the circle’s channel, Elena adds an item for the first session with `/circle agenda add …`. It will appear in the agenda post and in the reminders.',
    async run(ctx) {
      const channel = requireChannel(ctx);
      ctx.focus({ as: CAST.agendaAuthor, conversation: channel });
      await ctx.driver.command(CAST.agendaAuthor, 'agenda add How do you give feedback that lands?', { channelId: channel });
    },
  },
  {
    id: 'week-before',
    title: 'A week before: reminders',
    explain:
      'The clock jumps to a week before the first session and the scheduler runs. Every active member gets a reminder DM with the agenda. Dev is in Kolkata: he reads the time in his own zone, late in his evening. Farid, paused, gets nothing.',
    async run(ctx) {
      const first = await sessionStart(ctx, 0);
      await ctx.travelTo(new Date(first.getTime() - 7 * DAY + 60_000));
      ctx.focus({ as: CAST.farAway, conversation: ctx.emulator.dmChannelOf(CAST.farAway) });
    },
  },
  {
    id: 'warm-up',
    title: 'Three days before: the warm-up',
    explain:
      'Someone opens each session with a get-to-know-you prompt. The turn rotates fairly, never to a paused member; the leader is told three days ahead and can draw another prompt or pass.',
    async run(ctx) {
      const first = await sessionStart(ctx, 0);
      await ctx.travelTo(new Date(first.getTime() - 3 * DAY + 60_000));
      const leader = await demoSessionAt(ctx.db, ctx.memo.circleId ?? 0, first);
      const who = leader?.leader_user_id ?? CAST.facilitators[0];
      ctx.focus({ as: who, conversation: ctx.emulator.dmChannelOf(who) });
    },
  },
  {
    id: 'agenda-posted',
    title: 'A day before: the agenda',
    explain:
      'The agenda goes to the channel 24 hours ahead: timed sections scaled to the session, the warm-up leader and prompt, and Elena’s item. Each reader sees the start time in their own zone.',
    async run(ctx) {
      const first = await sessionStart(ctx, 0);
      await ctx.travelTo(new Date(first.getTime() - DAY + 60_000));
      ctx.focus({ as: CAST.facilitators[1], conversation: requireChannel(ctx) });
    },
  },
  {
    id: 'hour-before',
    title: 'An hour before: the link',
    explain: 'One more reminder an hour ahead, with the call link, to every active member.',
    async run(ctx) {
      const first = await sessionStart(ctx, 0);
      await ctx.travelTo(new Date(first.getTime() - HOUR + 60_000));
      const grace = CAST.joinByCommand[1];
      ctx.focus({ as: grace, conversation: ctx.emulator.dmChannelOf(grace) });
    },
  },
  {
    id: 'session-held',
    title: 'The first session is held',
    explain:
      'Once the meeting is over the app marks it held. Each member’s Home tab now shows the next meeting, and their own warm-up turn when it comes.',
    async run(ctx) {
      const first = await sessionStart(ctx, 0);
      const end = await demoSessionEnd(ctx.db, ctx.memo.circleId ?? 0, first);
      await ctx.travelTo(new Date(end.ends_at.getTime() + 60_000));
      const ben = CAST.joinByButton[0];
      ctx.focus({ as: ben, home: true });
      await ctx.driver.appHomeOpened(ben);
    },
  },
  {
    id: 'check-in',
    title: 'Checking in',
    explain:
      'A quarter of an hour after the session, everyone who was there gets a DM to check in. Ben presses *Check in*: he says he was there, what he will do before the next session and how useful it was. His commitment now waits on his Home tab with a *Mark done* button, and the next reminder will repeat it to him, and to nobody else.',
    async run(ctx) {
      const ben = CAST.joinByButton[0];
      const held = await demoLastEnded(ctx.db, ctx.memo.circleId ?? 0, ctx.now());
      const delay = await demoCircleDelay(ctx.db, ctx.memo.circleId ?? 0);
      await ctx.travelTo(new Date(held.ends_at.getTime() + (delay.checkin_delay_minutes + 1) * 60_000));
      const dm = ctx.emulator.dmChannelOf(ben);
      ctx.focus({ as: ben, conversation: dm });
      const ask = ctx.emulator
        .dmsTo(ben)
        .filter((m) => JSON.stringify(m.blocks).includes(`"${CheckinActions.open}"`))
        .at(-1);
      if (!ask) throw new Error('Ben got no check-in DM');
      await ctx.beat();
      await ctx.driver.clickButton(ben, { channelId: ask.channel, ts: ask.ts }, CheckinActions.open);
      const modal = await ctx.emulator.waitFor(
        () => ctx.emulator.openViewsOf(ben).find((v) => v.view.callback_id === CheckinViews.checkin),
        10_000,
      );
      const values = {
        [CheckinFields.attended]: 'yes',
        [`${CheckinFields.commitmentPrefix}1`]: 'Have the feedback conversation I have been putting off',
        [CheckinFields.usefulness]: '5',
      };
      ctx.focus({ as: ben, conversation: dm, fill: { viewId: modal.id, values } });
      await ctx.beat();
      await ctx.driver.submitView(ben, modal.id, values);
      await ctx.emulator.waitFor(() => ctx.emulator.openViewsOf(ben).length === 0, 10_000);
      ctx.focus({ as: ben, home: true });
      await ctx.driver.appHomeOpened(ben);
    },
  },
  {
    id: 'second-session',
    title: 'The rhythm goes on',
    explain:
      'A week later, the same again: reminders (Ben’s repeats what he said he would do), a new warm-up leader, the agenda in the channel. Nobody had to remember anything.',
    async run(ctx) {
      const second = await sessionStart(ctx, 0);
      await ctx.travelTo(new Date(second.getTime() + 60_000));
      ctx.focus({ as: CAST.facilitators[0], conversation: requireChannel(ctx) });
    },
  },
  {
    id: 'your-turn',
    title: 'Your turn',
    explain:
      'The workspace is yours. Act as anyone with the switcher at the top, type `/circle help` or `/circle list`, open the Home tab, create another circle, or move the clock forward and watch what the app sends.',
    async run(ctx) {
      ctx.focus({ as: CAST.organizer, home: true });
      await ctx.driver.appHomeOpened(CAST.organizer);
    },
  },
];

function requireChannel(ctx: TourContext): string {
  if (!ctx.memo.channelId) throw new Error('The tour’s circle has no channel');
  return ctx.memo.channelId;
}

/** The start of the tour circle's next scheduled session (skipping `skip` of them). */
async function sessionStart(ctx: TourContext, skip: number): Promise<Date> {
  const rows = await demoSessionsAhead(ctx.db, ctx.memo.circleId ?? 0, ctx.now(), skip + 1);
  const row = rows[skip];
  if (!row) throw new Error('The tour’s circle has no session ahead');
  return row.starts_at;
}

async function freeName(db: Db, wanted: string): Promise<string> {
  const taken = new Set((await demoCircleNames(db)).map((name) => name.toLowerCase()));
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted} ${n}`;
  return name;
}

/** The first Tuesday at least `days` days after today in the circle's zone, as YYYY-MM-DD. */
export function firstTuesdayAfter(now: Date, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: CIRCLE_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  while (date.getUTCDay() !== 2) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Plays the steps in order, one at a time, pausing `stepMs` after each so the visitor can read. */
export class TourPlayer {
  private current: TourState;

  constructor(
    private readonly steps: TourStep[],
    private readonly stepMs: number,
  ) {
    this.current = { status: 'idle', index: -1, steps: steps.map(({ id, title, explain }) => ({ id, title, explain })) };
  }

  get state(): TourState {
    return this.current;
  }

  /** Runs to the end; `changed` is called whenever the panel should refresh. */
  async play(ctx: Omit<TourContext, 'focus' | 'beat' | 'memo'>, changed: () => void): Promise<void> {
    if (this.current.status === 'playing') throw new Error('The tour is already playing');
    const memo: TourMemo = { circleName: 'New Managers' };
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const full: TourContext = {
      ...ctx,
      memo,
      focus: (focus) => {
        this.current = { ...this.current, focus };
        changed();
      },
      beat: () => wait(Math.max(50, this.stepMs / 3)),
    };
    this.current = { status: 'playing', index: 0, steps: this.current.steps };
    changed();
    try {
      for (let i = 0; i < this.steps.length; i++) {
        const step = this.steps[i];
        if (!step) continue;
        this.current = { ...this.current, index: i };
        changed();
        await step.run(full);
        changed();
        await wait(this.stepMs);
      }
      this.current = { ...this.current, status: 'done' };
    } catch (error) {
      this.current = { ...this.current, status: 'failed', error: error instanceof Error ? error.message : String(error) };
      throw error;
    } finally {
      changed();
    }
  }
}
