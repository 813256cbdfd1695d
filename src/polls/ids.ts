/** Slack ids of the time-poll feature, shared by registration, block builders and tests. */
export const PollActions = {
  /** value: poll id — opens the answer modal (channel post, reminder DM) */
  answer: 'poll_answer',
  /** value: poll id — others' answers once I have answered; the ranking for facilitators */
  results: 'poll_results',
  /** value: JSON {pollId, picks: [index] or [index, index]} — opens the Pick confirmation (ranking) */
  pick: 'poll_pick',
  /** value: circle id — the circle picked when `/circle time` was ambiguous */
  pickCircle: 'poll_pick_circle',
} as const;

export const PollViews = {
  /** private_metadata: JSON {circleId} */
  open: 'poll_open_modal',
  /** private_metadata: JSON {pollId} */
  answer: 'poll_answer_modal',
  /** private_metadata: JSON {pollId, picks} */
  pick: 'poll_pick_modal',
} as const;

/** Input blocks of the modals; each input's action_id equals its block_id. */
export const PollFields = {
  times: 'poll_times',
  propose: 'poll_propose',
  closeDays: 'poll_close_days',
  note: 'poll_note',
  moveReminded: 'poll_move_reminded',
  /** followed by the candidate's position, 0 to 11 */
  answerPrefix: 'poll_answer_',
} as const;
