import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps come back as Date and may be written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** DATE columns are read as 'YYYY-MM-DD' strings (type parsers are set so), never as local-midnight Dates. */
type DateOnly = string;
/** bigint ids are parsed to number (safe far beyond any realistic row count). */
type Id = Generated<number>;
type Json<T> = ColumnType<T, string, string>;

export interface WorkspacesTable {
  team_id: string;
  name: string | null;
  bot_user_id: string | null;
  /** The Bolt installation (tokens included), sealed by workspaces/sealing.ts; never stored in clear. */
  sealed_installation: string | null;
  installed_at: Timestamp | null;
  /** Set when an org-wide (Enterprise Grid) install serves this workspace. */
  enterprise_id: string | null;
  uninstalled_at: Timestamp | null;
  /** When an uninstalled workspace's data is erased, unless it is installed again before. */
  erase_after: Timestamp | null;
  /** Single-token mode: when the configured token was found failing auth.test (sends wait); null while it works. */
  token_failed_at: Timestamp | null;
  /** The error auth.test answered then (`token_revoked`, `invalid_auth`...). */
  token_error: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UsersTable {
  team_id: string;
  user_id: string;
  display_name: Generated<string>;
  time_zone: string | null;
  is_admin: Generated<boolean>;
  is_owner: Generated<boolean>;
  is_bot: Generated<boolean>;
  is_deleted: Generated<boolean>;
  is_organizer: Generated<boolean>;
  /** SHA-256 (hex) of the person's calendar feed token; the token itself is never stored. */
  calendar_token_hash: string | null;
  /** With the link secret, gives back the token: so the link can be shown again. */
  calendar_link_nonce: string | null;
  refreshed_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export type CircleKind = 'group' | 'pairs';
export type CircleStatus = 'open' | 'closed' | 'ended';

export interface CirclesTable {
  id: Id;
  team_id: string;
  name: string;
  focus: Generated<string>;
  kind: CircleKind;
  status: Generated<CircleStatus>;
  channel_id: string | null;
  /** Whether the app created `channel_id` (then it may remove people from it on its own). */
  channel_created: Generated<boolean>;
  size_cap: Generated<number>;
  cadence: Json<unknown>;
  video_link: string | null;
  session_format: Generated<string>;
  agenda_lead_minutes: Generated<number>;
  reminder_lead_minutes: ColumnType<number[], number[] | undefined, number[]>;
  lapse_threshold: Generated<number>;
  sessions_planned_until: Timestamp | null;
  /** The current cadence's sessions start from here (a picked poll time keeps the sessions members were reminded of); null: from now. */
  cadence_from: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  checkin_delay_minutes: Generated<number>;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  pair_cooloff_cycles: number | null;
  evaluations_anonymous: Generated<boolean>;
  continue_automatically: Generated<boolean>;
  survey_close_days: Generated<number>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type MembershipRole = 'member' | 'facilitator';
export type MembershipStatus = 'active' | 'paused' | 'waitlisted' | 'left';

export interface MembershipsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  user_id: string;
  role: Generated<MembershipRole>;
  status: MembershipStatus;
  paused_until: DateOnly | null;
  queued_at: DefaultTimestamp;
  joined_at: Timestamp | null;
  left_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Each change of a membership's status and when it took effect (written by a trigger on `memberships`). */
export interface MembershipEventsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  user_id: string;
  status: MembershipStatus;
  at: Timestamp;
}

export interface CyclesTable {
  id: Id;
  team_id: string;
  circle_id: number;
  number: number;
  start_date: DateOnly;
  end_date: DateOnly;
  status: Generated<'active' | 'evaluating' | 'ended'>;
  created_at: DefaultTimestamp;
  rolled_over_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PairsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  cycle_id: number;
  user_ids: string[];
  status: Generated<'proposed' | 'confirmed' | 'dissolved'>;
  channel_id: string | null;
  fit: Generated<number>;
  /** Why the pair was matched, as data (pairs/model.ts `PairReason[]`). */
  reasons: ColumnType<unknown, string | undefined, string>;
  confirmed_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface PairSurveysTable {
  team_id: string;
  circle_id: number;
  cycle_id: number;
  user_id: string;
  goals: string;
  topics: string[];
  stage: number | null;
  times: string[];
  time_zone: string;
  wishes: string[];
  avoid: string[];
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchDraftsTable {
  team_id: string;
  circle_id: number;
  cycle_id: number;
  seed: string;
  version: Generated<number>;
  shuffles: Generated<number>;
  swaps: ColumnType<unknown, string | undefined, string>;
  shown: ColumnType<unknown, string | undefined, string>;
  arrangement: ColumnType<unknown, string, string>;
  participants: string[];
  created_by: string;
  updated_at: Timestamp;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
}

/** A program's formation preview until Confirm (migration 0015). */
export interface FormationDraftsTable {
  team_id: string;
  program_id: number;
  seed: number;
  version: Generated<number>;
  shuffles: Generated<number>;
  arrangement: ColumnType<unknown, string, string>;
  locked: ColumnType<unknown, string | undefined, string>;
  shown: ColumnType<string[], string[] | undefined, string[]>;
  participants: string[];
  created_by: string;
  updated_at: Timestamp;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
  circle_ids: ColumnType<unknown, string | undefined, string>;
}

export type MeetingAnswer = 'yes' | 'not_yet' | 'stuck';

export interface PairMeetingsTable {
  team_id: string;
  pair_id: number;
  check_date: DateOnly;
  answer: MeetingAnswer;
  answered_by: string;
  answered_at: Timestamp;
}

export interface RematchRequestsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  pair_id: number;
  user_id: string;
  requested_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface PairTipsUsedTable {
  team_id: string;
  circle_id: number;
  tip_key: string;
  month: string;
  used_at: Timestamp;
}

export type SessionStatus = 'scheduled' | 'cancelled' | 'held';

export interface SessionsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  cycle_id: number;
  pair_id: number | null;
  occurrence_date: DateOnly;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<SessionStatus>;
  leader_user_id: string | null;
  prompt_key: string | null;
  prompt_text: string | null;
  sequence: Generated<number>;
  agenda_channel_id: string | null;
  agenda_ts: string | null;
  rescheduled: Generated<boolean>;
  warmup_passed: ColumnType<string[], string[] | undefined, string[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AgendaItemsTable {
  id: Id;
  team_id: string;
  session_id: number;
  author_user_id: string;
  kind: Generated<'item' | 'reading'>;
  text: string;
  created_at: DefaultTimestamp;
}

export interface PromptsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  text: string;
  created_by: string;
  created_at: DefaultTimestamp;
}

export type Attended = 'yes' | 'part' | 'no';
export type CommitmentOutcome = 'done' | 'partly' | 'not_yet';

/** Who held an active place when a session began: the people asked to check in, and counted at it. */
export interface SessionRostersTable {
  team_id: string;
  session_id: number;
  user_ids: ColumnType<string[], string[], string[]>;
  taken_at: Timestamp;
}

export interface CheckinsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  session_id: number;
  user_id: string;
  attended: Attended;
  usefulness: number | null;
  note: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitmentsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  checkin_id: number;
  session_id: number;
  user_id: string;
  position: number;
  text: string;
  outcome: CommitmentOutcome | null;
  outcome_at: Timestamp | null;
  reviewed_session_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AttendanceTable {
  team_id: string;
  session_id: number;
  user_id: string;
  present: boolean;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SessionNotesTable {
  team_id: string;
  session_id: number;
  text: string;
  author_id: string;
  channel_id: string | null;
  ts: string | null;
  shared_at: Timestamp;
  updated_at: Timestamp;
}

export type CycleChoice = 'continue' | 'rematch' | 'end';

export interface EvaluationsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  cycle_id: number;
  /** Null once the member asked to be forgotten: their ratings still count. */
  user_id: string | null;
  value_rating: number;
  kept_own: number;
  kept_others: number;
  most_useful: string | null;
  to_improve: string | null;
  recommend: boolean;
  choice: CycleChoice;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

export interface CycleStaysTable {
  team_id: string;
  circle_id: number;
  cycle_id: number;
  user_id: string;
  asked_at: Timestamp;
  answer: 'stay' | 'leave' | 'dropped' | null;
  answered_at: Timestamp | null;
}

export type TimePollStatus = 'open' | 'picked' | 'cancelled';

export interface TimePollsTable {
  id: Id;
  team_id: string;
  circle_id: number;
  created_by: string;
  candidates: Json<unknown>;
  closes_at: Timestamp;
  status: Generated<TimePollStatus>;
  picked: ColumnType<unknown, string | null | undefined, string | null>;
  picked_by: string | null;
  picked_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TimePollAnswersTable {
  team_id: string;
  poll_id: number;
  user_id: string;
  answers: Json<unknown>;
  note: string | null;
  answered_at: Timestamp;
  updated_at: Timestamp;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface DeliveriesTable {
  id: Id;
  team_id: string;
  key: string;
  kind: string;
  circle_id: number | null;
  session_id: number | null;
  user_id: string | null;
  channel_id: string | null;
  due_at: Timestamp;
  expires_at: Timestamp | null;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  payload: ColumnType<unknown, string | undefined, string>;
  sent_channel: string | null;
  sent_ts: string | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SchedulerStateTable {
  name: string;
  value: Timestamp;
  updated_at: DefaultTimestamp;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  circles: CirclesTable;
  memberships: MembershipsTable;
  membership_events: MembershipEventsTable;
  cycles: CyclesTable;
  pairs: PairsTable;
  pair_surveys: PairSurveysTable;
  match_drafts: MatchDraftsTable;
  formation_drafts: FormationDraftsTable;
  pair_meetings: PairMeetingsTable;
  rematch_requests: RematchRequestsTable;
  pair_tips_used: PairTipsUsedTable;
  sessions: SessionsTable;
  agenda_items: AgendaItemsTable;
  prompts: PromptsTable;
  session_rosters: SessionRostersTable;
  checkins: CheckinsTable;
  commitments: CommitmentsTable;
  attendance: AttendanceTable;
  session_notes: SessionNotesTable;
  evaluations: EvaluationsTable;
  cycle_stays: CycleStaysTable;
  time_polls: TimePollsTable;
  time_poll_answers: TimePollAnswersTable;
  deliveries: DeliveriesTable;
  scheduler_state: SchedulerStateTable;
  enterprise_installations: EnterpriseInstallationsTable;
  rate_limits: RateLimitsTable;
  programs: ProgramsTable;
  program_intakes: ProgramIntakesTable;
  program_groups: ProgramGroupsTable;
}

export interface EnterpriseInstallationsTable {
  enterprise_id: string;
  name: string | null;
  sealed_installation: string | null;
  installed_at: Timestamp;
  uninstalled_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface RateLimitsTable {
  team_id: string;
  /** '*' for the whole workspace, else a Web API method (optionally ':' and a channel). */
  bucket: string;
  until: Timestamp;
}

export type Circle = Selectable<CirclesTable>;
export type NewCircle = Insertable<CirclesTable>;
export type CircleUpdate = Updateable<CirclesTable>;
export type Membership = Selectable<MembershipsTable>;
export type User = Selectable<UsersTable>;
export type Cycle = Selectable<CyclesTable>;
export type Session = Selectable<SessionsTable>;
export type Delivery = Selectable<DeliveriesTable>;

export type ProgramKind = 'circles' | 'pairs';
export type ProgramStatus = 'recruiting' | 'closed' | 'formed';
export type ProgramRhythm = 'weekly' | 'fortnightly' | 'monthly';

export interface ProgramsTable {
  id: Id;
  team_id: string;
  name: string;
  purpose: Generated<string>;
  kind: ProgramKind;
  min_size: number;
  max_size: number;
  rhythm: ProgramRhythm;
  cycle_months: number;
  time_zone: string;
  duration_minutes: number;
  /** `availability/candidateListSchema`; read through programs/model.ts. */
  candidates: Json<unknown>;
  intake_deadline: Timestamp;
  /** programs/model.ts#rulesSchema */
  rules: Json<unknown>;
  /** programs/model.ts#questionsSchema */
  questions: ColumnType<unknown, string | undefined, string>;
  status: Generated<ProgramStatus>;
  round: Generated<number>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ProgramIntakesTable {
  team_id: string;
  program_id: number;
  user_id: string;
  joined_at: Timestamp;
  /** Null while the person has joined but not finished the intake. */
  submitted_at: Timestamp | null;
  updated_at: Timestamp;
  stage: number | null;
  sector: string | null;
  organization: string | null;
  /** The organization normalised for comparison; only the matcher reads it. */
  organization_key: string | null;
  role: string | null;
  topics: string | null;
  goals: string | null;
  time_zone: string | null;
  /** Answers by candidate key (`availability/candidateKey`). */
  times: ColumnType<unknown, string | undefined, string>;
  wishes: ColumnType<string[], string[] | undefined, string[]>;
  avoid: ColumnType<string[], string[] | undefined, string[]>;
  volunteer: Generated<boolean>;
  /** The organizer's questions' answers, by question id. */
  answers: ColumnType<unknown, string | undefined, string>;
}

export interface ProgramGroupsTable {
  id: Id;
  team_id: string;
  program_id: number;
  round: number;
  circle_id: number | null;
  members: string[];
  formed_at: Timestamp;
}
