/** Pure pair matching for coaching programs: no Slack, no database. See match.ts and objective.ts. */
export { describeFit, FIT, MAX_FIT, pairFit } from './fit';
export { DEFAULT_EXACT_LIMIT, matchPairs } from './match';
export { shuffle, swap, type SwapRefusal, type SwapResult } from './shuffle';
export { LEADERSHIP_TOPICS, realisticSurvey, type SurveyOptions } from './survey';
export * from './types';
