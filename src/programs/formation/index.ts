/** Circle formation: pure (no Slack, no database). The objective is stated in docs/formation.md. */
export type * from './types';
export { arrangementKey, asGood, DEFAULT_TOLERANCE, form, type FormTuning } from './form';
export { applyEdit, FormationEditError, previewEdit } from './edit';
export { describeCircle } from './describe';
export { DEFAULT_FIELDS, DEFAULT_RULES, generateInstance, type GenerateOptions } from './generate';
export { hardRuleBreaks } from './check';
