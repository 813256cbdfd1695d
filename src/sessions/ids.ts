/** Slack ids of the sessions feature, shared by registration, block builders and tests. */
export const SessionActions = {
  /** value: session id — the warm-up leader draws another prompt */
  redrawPrompt: 'session_redraw_prompt',
  /** value: session id — the warm-up leader passes to the next person */
  passWarmup: 'session_pass_warmup',
  /** value: session id — confirm cancelling (skip) */
  skipConfirm: 'session_skip_confirm',
  skipCancel: 'session_skip_cancel',
  /** value: session id — opens the reschedule modal (from the schedule list) */
  reschedule: 'session_reschedule',
} as const;

export const SessionViews = {
  /** private_metadata: JSON {sessionId} */
  reschedule: 'session_reschedule_modal',
} as const;

/** The circle picked when a sessions command was ambiguous. */
export const SessionPickActions = {
  /** value: circle id — the circle picked when `/circle schedule` was ambiguous */
  schedule: 'session_schedule_pick',
  /** value: circle id — the circle picked when `/circle skip` was ambiguous */
  skip: 'session_skip_pick',
  /** value: JSON {circleId, add?} — the circle picked when `/circle agenda` was ambiguous */
  agenda: 'session_agenda_pick',
  /** value: JSON {circleId, add} — the circle picked when `/circle prompts add` was ambiguous */
  prompts: 'session_prompts_pick',
} as const;

/** Input blocks of the reschedule modal; each input's action_id equals its block_id. */
export const RescheduleFields = {
  date: 'session_reschedule_date',
  time: 'session_reschedule_time',
} as const;
