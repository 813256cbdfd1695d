/** Slack ids of the pairs feature, shared by registration, block builders and tests. */
export const PairActions = {
  /** value: cycle id — opens the matching survey (the survey DM, the reminder) */
  survey: 'pairs_survey_open',
  /** value: circle id — the circle picked when `/circle match` was ambiguous */
  pick: 'pairs_match_pick',
  /** value: DraftRef JSON — the organizer's buttons */
  remind: 'pairs_match_remind',
  preview: 'pairs_match_preview',
  shuffle: 'pairs_match_shuffle',
  swap: 'pairs_match_swap',
  confirm: 'pairs_match_confirm',
  /** value: CheckRef JSON — the "did you meet?" answers */
  metYes: 'pairs_met_yes',
  metNotYet: 'pairs_met_not_yet',
  metStuck: 'pairs_met_stuck',
  /** value: pair id */
  rematch: 'pairs_rematch',
} as const;

export const PairViews = {
  /** private_metadata: JSON {cycleId} */
  survey: 'pairs_survey_modal',
  /** private_metadata: DraftRef JSON */
  swap: 'pairs_swap_modal',
} as const;

/** Input blocks of the modals; each input's action_id equals its block_id. */
export const PairFields = {
  goals: 'pairs_goals',
  /** followed by the group's index: Slack allows 10 checkboxes in one element */
  topicsPrefix: 'pairs_topics_',
  stage: 'pairs_stage',
  times: 'pairs_times',
  timeZone: 'pairs_time_zone',
  wishes: 'pairs_wishes',
  avoid: 'pairs_avoid',
  swapA: 'pairs_swap_a',
  swapB: 'pairs_swap_b',
} as const;
