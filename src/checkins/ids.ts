/** Slack ids of the check-ins feature, shared by registration, block builders and tests. */
export const CheckinActions = {
  /** value: session id — opens the check-in modal (the DM after a session, the follow-up, the App Home) */
  open: 'checkin_open',
  /** value: circle id — the circle picked when `/circle checkin` was ambiguous */
  pick: 'checkin_pick',
  /** value: commitment id — marks one of my commitments done (App Home) */
  commitmentDone: 'checkin_commitment_done',
  /** value: session id — a facilitator's attendance modal (agenda post) */
  takeAttendance: 'checkin_take_attendance',
  /** value: session id — a facilitator's notes modal (agenda post) */
  shareNotes: 'checkin_share_notes',
  /** value: circle id — the lapse nudge's three answers */
  nudgeBack: 'checkin_nudge_back',
  nudgePause: 'checkin_nudge_pause',
  nudgeLeave: 'checkin_nudge_leave',
} as const;

export const CheckinViews = {
  /** private_metadata: JSON {sessionId} */
  checkin: 'checkin_modal',
  /** private_metadata: JSON {sessionId} */
  attendance: 'checkin_attendance_modal',
  /** private_metadata: JSON {sessionId} */
  notes: 'checkin_notes_modal',
} as const;

/** Input blocks of the modals; each input's action_id equals its block_id. */
export const CheckinFields = {
  attended: 'checkin_attended',
  usefulness: 'checkin_usefulness',
  note: 'checkin_note',
  /** followed by the position, 1 to 3 */
  commitmentPrefix: 'checkin_commitment_',
  /** followed by the commitment id */
  progressPrefix: 'checkin_progress_',
  /** followed by the group's index: Slack allows 10 checkboxes in one element */
  presentPrefix: 'attendance_present_',
  notesText: 'session_notes_text',
} as const;

/** The agenda post's facilitator buttons. */
export const AGENDA_BLOCK_ID = 'checkin_agenda_tools';
