/** Slack ids of the my-data feature. */
export const MyDataActions = {
  /** value: "forget" — erases what the app keeps about the person who pressed it */
  forgetConfirm: 'mydata_forget_confirm',
  forgetCancel: 'mydata_forget_cancel',
} as const;
