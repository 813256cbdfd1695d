/** The solver as forming uses it (pure, in `../formation`). */
export { applyEdit, arrangementKey, describeCircle, form, hardRuleBreaks, previewEdit } from '../formation';
