/**
 * What the demo tells the page besides the workspace (under `demo` in each state read). Plain
 * data, shared with the page in web/demo, so it imports nothing.
 */

/** What the page shows while a tour step plays: whose eyes, and where they look. */
export interface Focus {
  as: string;
  /** A conversation id; absent with `home` for the App Home tab. */
  conversation?: string;
  home?: boolean;
  /** Values the page shows typed into the open modal before the step submits it. */
  fill?: { viewId: string; values: Record<string, string | string[] | null> };
}

export type TourStatus = 'idle' | 'playing' | 'done' | 'failed';

export interface TourState {
  status: TourStatus;
  /** Index of the step playing (or last played). */
  index: number;
  steps: Array<{ id: string; title: string; explain: string }>;
  focus?: Focus;
  error?: string;
}

export interface DemoStatus {
  /** How far the demo clock runs ahead of real time. */
  clockOffsetMs: number;
  travelling: boolean;
  tour: TourState;
}

export type TravelJump = 'hour' | 'day' | 'week' | 'next-session';
