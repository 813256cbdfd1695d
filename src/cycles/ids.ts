/** Slack ids of the cycles feature, shared by registration, block builders and tests. */
export const CycleActions = {
  /** value: cycle id — opens the evaluation modal (the invitation DM, the reminder) */
  evaluate: 'cycle_evaluate',
  /** value: cycle id (the new one) — a silent member's answer: stay in the circle */
  stay: 'cycle_stay',
  /** value: cycle id (the new one) — a silent member's answer: leave the circle */
  leave: 'cycle_leave',
} as const;

export const CycleViews = {
  /** private_metadata: JSON {cycleId} */
  evaluation: 'cycle_evaluation_modal',
} as const;

/** Input blocks of the evaluation modal; each input's action_id equals its block_id. */
export const EvaluationFields = {
  value: 'eval_value',
  keptOwn: 'eval_kept_own',
  keptOthers: 'eval_kept_others',
  mostUseful: 'eval_most_useful',
  toImprove: 'eval_to_improve',
  recommend: 'eval_recommend',
  choice: 'eval_choice',
} as const;
