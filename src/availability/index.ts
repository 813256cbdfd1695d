/**
 * Candidate meeting times and who can make them, shared by program intakes and formation and by
 * a circle's time poll: pure, no Slack, no database, no clock (dates come in as arguments).
 */
export {
  ANSWERS,
  type Answer,
  type AnswersByKey,
  type Availability,
  DEFAULT_MAX_IF_NEED_BE,
  MAX_NOTE_LENGTH,
  availabilityByCandidateSchema,
  availabilitySchema,
  canCome,
  everyoneCanMake,
  timesEveryoneCanMake,
} from './answers';
export { type CandidateContext, type CandidateInputResult, parseCandidateInput } from './candidateInput';
export {
  type CandidateKind,
  type CandidateTime,
  MAX_CANDIDATES,
  type Nth,
  cadenceAt,
  candidateCadence,
  candidateKey,
  candidateLabel,
  candidateListSchema,
  candidateTimeSchema,
  describeCandidate,
  ordinalLabel,
  rotatingCadenceAt,
} from './candidateTime';
export { defaultAnswer } from './defaultAnswer';
export { type HoursSummary, hoursSummary } from './hoursSummary';
export { type DateRange, type LocalMeeting, localMeetings, rangeFrom } from './localMeetings';
export { type Proposal, type ProposalRequest, proposeCandidates } from './proposals';
export {
  type Participant,
  type RankedCandidate,
  type RankingOptions,
  type WorstLocalTime,
  rankCandidates,
  worstLocalTime,
} from './ranking';
export { type LocalSlot, type ViewerException, type ViewerTime, viewerTime } from './viewerTime';
export { candidateInWordsFor, viewerTimeInWords } from './viewerTimeWords';
export {
  type DaySpan,
  type HoursFit,
  type Outside,
  STRETCH_HOURS,
  WORKING_HOURS,
  hoursFit,
  isWorkingDay,
  outsideSpan,
} from './workingHours';
