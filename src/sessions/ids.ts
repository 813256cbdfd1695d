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
