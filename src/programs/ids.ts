/** Slack ids of the programs feature, shared by registration, block builders and tests. */
export const ProgramActions = {
  /** value: program id — joins the program (from its post, an invitation, a reminder) and opens the intake */
  join: 'program_join',
  /** App Home, organizers: opens the new program modal */
  create: 'program_create',
  /** value: program id — App Home, organizers: opens the program's settings */
  edit: 'program_edit',
} as const;

export const ProgramViews = {
  /** private_metadata: JSON {programId?} (none for a new program) */
  settings: 'program_settings_modal',
  /** private_metadata: JSON {programId, times} (times: a fingerprint of the candidate times shown) */
  intake: 'program_intake_modal',
} as const;

/** Input blocks of the program's settings modal; each input's action_id equals its block_id. */
export const ProgramFields = {
  name: 'program_name',
  purpose: 'program_purpose',
  kind: 'program_kind',
  minSize: 'program_min_size',
  maxSize: 'program_max_size',
  rhythm: 'program_rhythm',
  cycleMonths: 'program_cycle_months',
  timeZone: 'program_time_zone',
  duration: 'program_duration',
  times: 'program_times',
  deadline: 'program_deadline',
  questions: 'program_questions',
  /** followed by the field key (stage, sector, role, topics, q1..q5): alike or mix, and a weight */
  rulePrefix: 'program_rule_',
  separateOrganizations: 'program_separate_orgs',
  maxIfNeedBe: 'program_max_if_need_be',
  wishWeight: 'program_wish_weight',
  repeatWeight: 'program_repeat_weight',
} as const;

/** Input blocks of the intake modal; each input's action_id equals its block_id. */
export const IntakeFields = {
  stage: 'intake_stage',
  sector: 'intake_sector',
  organization: 'intake_organization',
  role: 'intake_role',
  topics: 'intake_topics',
  goals: 'intake_goals',
  timeZone: 'intake_time_zone',
  /** followed by the candidate time's position in the program's list */
  timePrefix: 'intake_slot_',
  wishes: 'intake_wishes',
  avoid: 'intake_avoid',
  volunteer: 'intake_volunteer',
  /** followed by the question id (q1..q5) */
  questionPrefix: 'intake_question_',
} as const;
