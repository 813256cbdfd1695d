/** Plain, serialisable data in and out of the pair matcher. */

export const TIME_SLOTS = ['mornings', 'afternoons', 'evenings'] as const;
export type TimeSlot = (typeof TIME_SLOTS)[number];

/** One person's answers to the matching survey, as the caller resolved them for this cycle. */
export interface Participant {
  id: string;
  topics: string[];
  /** Career stage, ordinal: 0 = early career ... 4 = executive; null when not answered. */
  stage: number | null;
  /** When they can meet; an empty list means no preference (any time). */
  times: TimeSlot[];
  /** UTC offset at the cycle's start, in minutes (the caller resolves the zone for that date). */
  utcOffsetMinutes: number;
  /** Up to three ids they would like to be matched with. */
  wishes: string[];
  /** Ids they would rather not be matched with. Private: never shown, never explained. */
  avoid: string[];
}

export interface PastGroup {
  cycle: number;
  members: string[];
}

export interface MatchHistory {
  /** The cycle being matched now. */
  currentCycle: number;
  /** Pairs together in one of the last `coolOff` cycles are repeats; null: every earlier cycle counts. */
  coolOff: number | null;
  groups: PastGroup[];
}

export interface MatchInput {
  participants: Participant[];
  history?: MatchHistory;
  /**
   * Groups (2 or 3 ids) that must appear as given: organizer continuations and swaps, pairs who
   * both chose to continue. A pinned group that breaks an avoid-list is not kept (see droppedPins).
   */
  pinned?: string[][];
  /**
   * Arrangements already shown to the organizer in this round (Shuffle): the matcher then prefers
   * groups not shown yet, after people matched and repeats (see `shuffle`).
   */
  shown?: string[][][];
}

export interface MatchOptions {
  /** Breaks ties between equally good arrangements; same input and seed, same arrangement. */
  seed: string | number;
  /** Largest pool solved with the exactness proof; larger pools get the fast heuristic and a bound. */
  exactLimit?: number;
}

export interface FitPoints {
  topics: number;
  stage: number;
  times: number;
  zone: number;
  wish: number;
}

export interface FitReasons {
  /** Topics both chose, in code-unit order. */
  sharedTopics: string[];
  /** |stage a - stage b|, or null when either did not answer. */
  stageGap: number | null;
  /** Slots both can meet in (in morning, afternoon, evening order); every slot when neither has a preference. */
  sharedTimes: TimeSlot[];
  /** Difference of wall-clock time, 0..720 minutes (the short way round the clock). */
  minutesApart: number;
  /** Who asked for the other: both ids (mutual), one, or none. Sorted. */
  wishedBy: string[];
  points: FitPoints;
}

export interface PairFit {
  a: string;
  b: string;
  score: number;
  reasons: FitReasons;
}

export interface Group {
  /** Two ids, or three for the one trio; sorted. */
  members: string[];
  /** A pair's fit; for a trio, the sum of its two largest pairwise fits (see objective.ts). */
  fit: number;
  /** Every pair within the group, with its fit and reasons. */
  reasons: PairFit[];
  /** True when any two members were together within the cool-off window. */
  repeat: boolean;
  pinned: boolean;
}

export type UnmatchedReason =
  /** Every other person left to match is on their avoid-list or has them on theirs. */
  | 'avoid-list'
  /** They had possible partners, but every arrangement matching the most people leaves someone out. */
  | 'no-partner-left'
  /** Taken out by an organizer's swap. */
  | 'swapped-out';

export interface Unmatched {
  id: string;
  reason: UnmatchedReason;
}

export interface Arrangement {
  groups: Group[];
  unmatched: Unmatched[];
  totalFit: number;
  /** Number of within-group pairs that are repeats (a trio can hold up to three). */
  repeats: number;
  /** True when the arrangement is proven optimal for the objective (see objective.ts). */
  exact: boolean;
  /** When not exact: an upper bound on the total fit any arrangement as good on people and repeats could reach. */
  upperBound?: number;
  /** Pinned groups not kept because they break an avoid-list. Private to the service: do not say why. */
  droppedPins: string[][];
}
