/** Slack ids of forming a program's circles, shared by registration, block builders and tests. */
export const FormActions = {
  /** value: PageRef JSON: another page of the preview */
  page: 'form_page',
  /** value: DraftRef JSON: the organizer's buttons under the preview */
  edit: 'form_edit',
  shuffle: 'form_shuffle',
  csv: 'form_csv',
  confirm: 'form_confirm',
  /** value: CircleRef JSON: lock or unlock one circle against Shuffle */
  lock: 'form_lock',
} as const;

export const FormViews = {
  /** private_metadata: DraftRef JSON: who moves where, or who swaps with whom */
  edit: 'form_edit_modal',
  /** private_metadata: EditRef JSON: what the edit changes, before it applies */
  apply: 'form_apply_modal',
} as const;

/** Input blocks of the edit modal; each input's action_id equals its block_id. */
export const FormFields = {
  person: 'form_person',
  toCircle: 'form_to_circle',
  swapWith: 'form_swap_with',
} as const;
