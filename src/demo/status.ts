/**
 * What the demo tells the page besides the workspace (under `demo` in each state read). Plain
 * data, shared with the page in web/demo, so it imports nothing.
 */

/** What the step talks about, for the page to outline: a button, an input block, a message. */
export interface Highlight {
  /** A button's action id. */
  action?: string;
  /** An input block's id (a modal field). */
  block?: string;
  /** The latest message containing this text. */
  text?: string;
  /** The files of the latest message that has any. */
  files?: boolean;
}

/** What the page shows while a tour step plays: whose eyes, and where they look. */
export interface Focus {
  as: string;
  /** A conversation id; absent with `home` for the App Home tab. */
  conversation?: string;
  home?: boolean;
  /** Values the page shows typed into the open modal before the step submits it. */
  fill?: { viewId: string; values: Record<string, string | string[] | null> };
  highlight?: Highlight;
}

export type TourStatus = 'idle' | 'playing' | 'done' | 'failed';

export interface ActSummary {
  id: string;
  title: string;
  /** One line: what the act shows. */
  summary: string;
  /** About how long it plays, reading time included. */
  seconds: number;
}

export interface TourState {
  status: TourStatus;
  acts: ActSummary[];
  /** The act playing or last played; -1 before any. */
  act: number;
  /** The step shown (or last played); -1 while the act sets its scene. */
  index: number;
  /** The furthest step played: `index` is below it while the visitor looks back. */
  reached: number;
  paused: boolean;
  /** The act is setting its scene or a step is acting: what it does will show in a moment. */
  running: boolean;
  steps: Array<{ id: string; title: string; explain: string }>;
  focus?: Focus;
  error?: string;
}

/** What a jump of the clock is doing, and what the last one brought. */
export interface TravelState {
  /** While a jump runs: how far along (0 to 1), and the instant it is heading for. */
  running?: { progress: number; to: number };
  /** The last jump's arrivals in words ("12 reminders, 1 agenda, 3 check-in DMs"). */
  last?: { to: number; summary: string };
}

export interface DemoStatus {
  /** How far the demo clock runs ahead of real time. */
  clockOffsetMs: number;
  /** The clock is moving: a jump from the top bar, or one an act of the tour makes. */
  travelling: boolean;
  travel: TravelState;
  tour: TourState;
}

export type TravelJump = 'hour' | 'day' | 'week' | 'next-session' | 'cycle-end' | 'date';
