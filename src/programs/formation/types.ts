/**
 * The contract between circle formation (pure: this folder) and the programs feature that feeds
 * it intake answers and shows its arrangements. Ids are opaque strings (Slack user ids, candidate
 * time ids); nothing here knows Slack or the database.
 */

export type Answer = 'yes' | 'ifneedbe' | 'no';

/** How a field's values compare: levels on a scale, one category, or a set of tags. */
export type FieldKind = 'ordinal' | 'category' | 'set';

/** One question the matching rules compare people on (career stage, sector, an organizer's question). */
export interface Field {
  key: string;
  kind: FieldKind;
  /** alike: members should share it (career stage); mix: members should differ (sector). */
  mode: 'alike' | 'mix';
  /** Non-negative; 0 leaves the field out. */
  weight: number;
  /** ordinal only: the number of levels (values are 0..levels-1), so distances are comparable across fields. */
  levels?: number;
}

export type FieldValue = number | string | string[];

export interface Person {
  id: string;
  /** By field key; a missing value neither helps nor hurts. */
  values: Record<string, FieldValue>;
  /** Normalised organization; with `separateOrganizations`, two people with the same one never share a circle. */
  organization?: string;
  /** By candidate time id; a missing time counts as 'no'. */
  times: Record<string, Answer>;
  /** Ids they would like to be with (soft). */
  wishes: string[];
  /** Ids they would rather not be with (hard, whichever of the two said it). */
  avoid: string[];
  volunteer?: boolean;
}

export interface Rules {
  minSize: number;
  maxSize: number;
  fields: Field[];
  separateOrganizations: boolean;
  /** At most this many members of a circle may answer 'if need be' for its time. */
  maxIfNeedBe: number;
  /** Reward per pair in a circle where one asked for the other (twice if both did). */
  wishWeight: number;
  /** Penalty per pair in a circle who were in a circle together in an earlier round. */
  repeatWeight: number;
  /** Penalty per member who can come only if need be. */
  ifNeedBeWeight: number;
}

export interface Instance {
  people: Person[];
  /** Candidate meeting time ids, in the organizer's order. */
  times: string[];
  rules: Rules;
  /** Pairs of ids who were together in an earlier round of the program. */
  pastPairs?: Array<[string, string]>;
}

export interface Circle {
  members: string[];
  /** The candidate time every member can make. */
  time: string;
  score: number;
}

export type UnplacedReason =
  /** No candidate time shared with enough others to fill a circle. */
  | 'no_shared_time'
  /** Every circle they could join would break an avoid-list or the one-organization rule. */
  | 'conflicts'
  /** Not enough people left to make another circle of the minimum size. */
  | 'not_enough_people';

export interface Unplaced {
  id: string;
  reason: UnplacedReason;
}

export interface Arrangement {
  circles: Circle[];
  unplaced: Unplaced[];
  /** Sum of the circles' scores; arrangements compare on people placed first, then on this. */
  score: number;
}

export interface FormOptions {
  seed: number;
  /** Circles kept exactly as they are (members and time). */
  locked?: Circle[];
  /** Keys (`arrangementKey`) of arrangements already shown: Shuffle avoids them while another as good exists. */
  shown?: string[];
}

export type Edit = { kind: 'move'; person: string; toCircle: number } | { kind: 'swap'; a: string; b: string };

export type HardRule = 'size' | 'organization' | 'avoid' | 'shared_time';

export interface EditPreview {
  /** The circles the edit touches, by index, with their score before and after. */
  circles: Array<{ index: number; before: number; after: number; timeBefore: string; timeAfter: string | null }>;
  /** Hard rules the edit would break (empty: it can be applied). */
  breaks: HardRule[];
  scoreBefore: number;
  scoreAfter: number;
}

/** What makes a circle what it is, for the words the organizer reads (never avoid-lists or organizations). */
export interface CircleFacts {
  alike: Array<{ key: string; values: FieldValue[] }>;
  mixed: Array<{ key: string; values: string[] }>;
  wishesMet: Array<[string, string]>;
  time: string;
  ifNeedBe: string[];
  repeats: Array<[string, string]>;
}
