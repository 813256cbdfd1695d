import type { Services } from '../composition';
import type { Db } from '../db/database';
import type { SlackDriver, SlackEmulator } from '../sandbox';
import type { ActSummary, Focus, TourState } from './status';

export interface TourContext {
  driver: SlackDriver;
  emulator: SlackEmulator;
  db: Db;
  now(): Date;
  travelTo(at: Date): Promise<void>;
  /** One scheduler pass now, as the running scheduler would make within a minute. */
  tick(): Promise<void>;
  /** What forming reads for a program, so an act can pick a swap that breaks no rule. */
  formationInput: Services['features']['programs']['formation']['input'];
  focus(focus: Focus): void;
  /** A short pause so the visitor sees an intermediate state (a modal before it is submitted). */
  beat(): Promise<void>;
  /** What the act's steps share: the circle it set up, the people it picked. */
  memo: Record<string, unknown>;
}

/** One scene of an act: adding a scene means adding an entry to the act's list, nothing else. */
export interface TourStep {
  id: string;
  title: string;
  /** What the side panel says, in mrkdwn. */
  explain: string;
  run(ctx: TourContext): Promise<void>;
}

/**
 * A chapter of the story, played on its own: `setup` brings the workspace to where the act starts
 * (through the app, as people would, so no act needs another to have been played first).
 */
export interface TourAct {
  id: string;
  title: string;
  summary: string;
  setup(ctx: TourContext): Promise<void>;
  /** About how long `setup` takes (measured), for the length the panel announces. */
  setupSeconds?: number;
  steps: TourStep[];
}

export interface TourTiming {
  /** The least a step stays on screen. */
  stepMs: number;
  /** Added per word of the step's text, so a longer text stays longer. */
  wordMs: number;
}

export const DEFAULT_TIMING: TourTiming = { stepMs: 3000, wordMs: 190 };
/** Reading time is computed with this, whatever the timing, for the acts' announced lengths. */
const RUN_ALLOWANCE_MS = 1500;

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** How long a step stays before the next plays by itself. */
export function readingMs(step: Pick<TourStep, 'explain' | 'title'>, timing: TourTiming): number {
  return Math.max(timing.stepMs, wordsOf(`${step.title} ${step.explain}`) * timing.wordMs);
}

/** About how long an act plays at the default pace: each step's reading time and its running. */
export function actSeconds(act: TourAct, timing: TourTiming = DEFAULT_TIMING): number {
  const ms = act.steps.reduce((sum, s) => sum + readingMs(s, timing) + RUN_ALLOWANCE_MS, 0);
  return Math.round(ms / 1000) + (act.setupSeconds ?? 0);
}

class Closed extends Error {}

const POLL_MS = 50;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Plays one act at a time. Between steps it holds while the visitor reads (time by length), and
 * answers the panel's controls: pause, next (skip the wait, or come back from a look back), back
 * (show the previous step again: what it did stays done, as it would in Slack), and close.
 */
export class TourPlayer {
  private current: TourState;
  private readonly focuses: Array<Focus | undefined> = [];
  private pressed: 'next' | 'back' | undefined;
  private closing = false;

  constructor(
    private readonly acts: TourAct[],
    private readonly timing: TourTiming,
  ) {
    const summaries: ActSummary[] = acts.map((a) => ({ id: a.id, title: a.title, summary: a.summary, seconds: actSeconds(a) }));
    this.current = { status: 'idle', acts: summaries, act: -1, index: -1, reached: -1, paused: false, running: false, steps: [] };
  }

  get state(): TourState {
    return this.current;
  }

  pause(paused: boolean): void {
    this.requirePlaying();
    this.current = { ...this.current, paused };
  }

  next(): void {
    this.requirePlaying();
    this.pressed = 'next';
  }

  back(): void {
    this.requirePlaying();
    this.pressed = 'back';
  }

  /** Stops after the step running now (what it started finishes, as a request sent cannot be taken back). */
  close(): void {
    if (this.current.status === 'playing') this.closing = true;
    else this.current = { ...this.current, status: 'idle', index: -1, reached: -1, steps: [], focus: undefined };
  }

  private requirePlaying(): void {
    if (this.current.status !== 'playing') throw new Error('No act is playing.');
  }

  /** Plays act `which` to its end (or until closed); `changed` is called whenever the panel should refresh. */
  async play(which: number, ctx: Omit<TourContext, 'focus' | 'beat' | 'memo'>, changed: () => void): Promise<void> {
    if (this.current.status === 'playing') throw new Error('An act is already playing.');
    const act = this.acts[which];
    if (!act) throw new Error(`There is no act ${which + 1}.`);
    this.focuses.length = 0;
    this.pressed = undefined;
    this.closing = false;
    const full: TourContext = {
      ...ctx,
      memo: {},
      focus: (focus) => {
        if (this.current.index >= 0) this.focuses[this.current.index] = focus;
        this.current = { ...this.current, focus };
        changed();
      },
      beat: () => wait(Math.min(700, Math.max(100, this.timing.stepMs / 4))),
    };
    this.current = {
      ...this.current,
      status: 'playing',
      act: which,
      index: -1,
      reached: -1,
      paused: false,
      running: true,
      steps: act.steps.map(({ id, title, explain }) => ({ id, title, explain })),
      focus: undefined,
      error: undefined,
    };
    changed();
    try {
      await act.setup(full);
      for (let i = 0; i < act.steps.length; i++) {
        const step = act.steps[i];
        if (!step) continue;
        this.current = { ...this.current, index: i, reached: i, running: true };
        changed();
        await step.run(full);
        this.current = { ...this.current, running: false };
        changed();
        await this.hold(i, changed);
      }
      this.current = { ...this.current, status: 'done', paused: false, running: false };
    } catch (error) {
      if (error instanceof Closed) {
        this.current = {
          ...this.current,
          status: 'idle',
          index: -1,
          reached: -1,
          paused: false,
          running: false,
          steps: [],
          focus: undefined,
        };
        return;
      }
      this.current = {
        ...this.current,
        status: 'failed',
        running: false,
        error: error instanceof Error ? error.message : String(error),
      };
      throw error;
    } finally {
      changed();
    }
  }

  /** Waits until step `reached` has been read, looking back and forth as the visitor asks. */
  private async hold(reached: number, changed: () => void): Promise<void> {
    const steps = this.acts[this.current.act]?.steps ?? [];
    const readFor = (i: number) => (steps[i] ? readingMs(steps[i], this.timing) : 0);
    let shown = reached;
    let left = readFor(shown);
    const show = (i: number) => {
      shown = i;
      left = readFor(i);
      this.current = { ...this.current, index: i, focus: this.focuses[i] ?? this.current.focus };
      changed();
    };
    for (;;) {
      if (this.closing) throw new Closed();
      const pressed = this.pressed;
      this.pressed = undefined;
      if (pressed === 'back' && shown > 0) show(shown - 1);
      else if (pressed === 'next') left = 0;
      else if (!this.current.paused) left -= POLL_MS;
      if (left <= 0 && (pressed === 'next' || !this.current.paused)) {
        if (shown >= reached) return;
        show(shown + 1);
        continue;
      }
      await wait(POLL_MS);
    }
  }
}
