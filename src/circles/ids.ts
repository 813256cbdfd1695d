/** Slack ids of the circles feature, shared by registration, block builders and tests. */
export const CircleActions = {
  /** value: circle id */
  join: 'circle_join',
  /** value: circle id; asks to confirm */
  leave: 'circle_leave',
  /** value: circle id */
  leaveConfirm: 'circle_leave_confirm',
  leaveCancel: 'circle_leave_cancel',
  /** value: circle id */
  pause: 'circle_pause',
  /** value: circle id */
  resume: 'circle_resume',
  /** value: JSON {circleId, until} — the circle picked when a pause command was ambiguous */
  pausePick: 'circle_pause_pick',
  /** value: circle id — the circle picked when a resume/leave command was ambiguous */
  resumePick: 'circle_resume_pick',
  leavePick: 'circle_leave_pick',
  /** value: circle id — a facilitator steps down to member (from the DM that named them) */
  stepDown: 'circle_step_down',
  /** opens the create modal (App Home) */
  create: 'circle_create_open',
  /** value: circle id — opens the edit modal (App Home) */
  edit: 'circle_edit_open',
} as const;

/** Actions inside the create/edit modal. */
export const CircleFormActions = {
  /** The kind radio: redraws the modal with only the fields that kind uses (its input's block id too). */
  kind: 'circle_kind',
} as const;

export const CircleViews = {
  /** The create/edit modal; private_metadata: JSON {circleId?: number} */
  settings: 'circle_settings',
} as const;
