/**
 * How a circle runs as a program, beyond its rhythm: when members are asked to check in, when a
 * run of missed sessions earns a kind nudge, what a coaching program's members can pick as topics
 * and how long before partners may meet again, and how a cycle ends. Facilitators choose.
 */
export interface ProgramSettings {
  /** Minutes after a session ends that members are asked to check in. */
  checkinDelayMinutes: number;
  /** Sessions missed in a row before a member gets a nudge and the facilitators a heads-up. */
  lapseThreshold: number;
  /** A coaching program's topic list, for its matching survey. */
  topics: string[];
  /** Cycles before two people may be paired again; null: never while another match exists. */
  pairCooloffCycles: number | null;
  /** Whether evaluation comments and answers are shown without names in reports. */
  evaluationsAnonymous: boolean;
  /** Whether the next cycle opens by itself at the end date. */
  continueAutomatically: boolean;
  /** Days the end-of-cycle evaluation stays open. */
  surveyCloseDays: number;
}

export const DEFAULT_PROGRAM: ProgramSettings = {
  checkinDelayMinutes: 15,
  lapseThreshold: 2,
  topics: [],
  pairCooloffCycles: null,
  evaluationsAnonymous: false,
  continueAutomatically: false,
  surveyCloseDays: 14,
};

/** Held to this menu by migration 0004, like the reminder leads: the scheduler scans by these values. */
export const CHECKIN_DELAY_OPTIONS = [
  { minutes: 0, label: 'As soon as it ends' },
  { minutes: 15, label: '15 minutes after it ends' },
  { minutes: 60, label: 'An hour after it ends' },
  { minutes: 180, label: '3 hours after it ends' },
  { minutes: 720, label: '12 hours after it ends' },
] as const;

export const LAPSE_OPTIONS = [1, 2, 3, 4] as const;
export const COOLOFF_OPTIONS = [
  { value: 'all', label: 'Never pair the same people again', cycles: null },
  { value: '1', label: 'Not in the next cycle', cycles: 1 },
  { value: '2', label: 'Not for 2 cycles', cycles: 2 },
  { value: '3', label: 'Not for 3 cycles', cycles: 3 },
] as const;
export const SURVEY_CLOSE_OPTIONS = [7, 14, 21, 30] as const;
export const CYCLE_END_FLAGS = {
  anonymous: 'Show evaluations without names in reports',
  autoContinue: 'Open the next cycle by itself at the end date',
} as const;

export const MAX_TOPICS = 20;
export const TOPIC_MAX = 60;

export type ProgramParse = { ok: true; program: ProgramSettings } | { ok: false; field: ProgramField; error: string };
export type ProgramField = 'checkinDelay' | 'lapseThreshold' | 'topics' | 'cooloff' | 'cycleEnd' | 'surveyClose';

export interface ProgramInputs {
  checkinDelay: string | undefined;
  lapseThreshold: string | undefined;
  topics: string | undefined;
  cooloff: string | undefined;
  cycleEnd: string[] | undefined;
  surveyClose: string | undefined;
}

/** The topic list as typed: one per line (or comma-separated), trimmed, without repeats. */
export function parseTopics(text: string): { ok: true; topics: string[] } | { ok: false; error: string } {
  const topics: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,]/)) {
    const topic = raw.trim().replace(/\s+/g, ' ');
    if (topic === '' || seen.has(topic.toLowerCase())) continue;
    if (topic.length > TOPIC_MAX)
      return { ok: false, error: `Keep each topic to ${TOPIC_MAX} characters ("${topic.slice(0, 20)}…" is longer).` };
    if (/[<>*_~`|]/.test(topic))
      return { ok: false, error: 'Topics cannot contain < > * _ ~ ` or | (Slack formatting characters).' };
    seen.add(topic.toLowerCase());
    topics.push(topic);
  }
  if (topics.length > MAX_TOPICS) return { ok: false, error: `List at most ${MAX_TOPICS} topics (there are ${topics.length}).` };
  return { ok: true, topics };
}

/** Reads the program fields; a field left out keeps its default (older modals lack them). */
export function parseProgram(inputs: ProgramInputs): ProgramParse {
  const delay = inputs.checkinDelay === undefined ? DEFAULT_PROGRAM.checkinDelayMinutes : Number(inputs.checkinDelay);
  if (!CHECKIN_DELAY_OPTIONS.some((o) => o.minutes === delay)) {
    return { ok: false, field: 'checkinDelay', error: 'Choose when members are asked to check in from the list.' };
  }
  const lapse = inputs.lapseThreshold === undefined ? DEFAULT_PROGRAM.lapseThreshold : Number(inputs.lapseThreshold);
  if (!(LAPSE_OPTIONS as readonly number[]).includes(lapse)) {
    return { ok: false, field: 'lapseThreshold', error: 'Choose after how many missed sessions from the list.' };
  }
  const topics = parseTopics(inputs.topics ?? '');
  if (!topics.ok) return { ok: false, field: 'topics', error: topics.error };
  const cooloff = COOLOFF_OPTIONS.find((o) => o.value === (inputs.cooloff ?? 'all'));
  if (!cooloff) return { ok: false, field: 'cooloff', error: 'Choose when partners may meet again from the list.' };
  const flags = inputs.cycleEnd ?? [];
  if (!flags.every((f) => f in CYCLE_END_FLAGS)) return { ok: false, field: 'cycleEnd', error: 'Choose from the list.' };
  const close = inputs.surveyClose === undefined ? DEFAULT_PROGRAM.surveyCloseDays : Number(inputs.surveyClose);
  if (!(SURVEY_CLOSE_OPTIONS as readonly number[]).includes(close)) {
    return { ok: false, field: 'surveyClose', error: 'Choose how long the evaluation stays open from the list.' };
  }
  return {
    ok: true,
    program: {
      checkinDelayMinutes: delay,
      lapseThreshold: lapse,
      topics: topics.topics,
      pairCooloffCycles: cooloff.cycles,
      evaluationsAnonymous: flags.includes('anonymous'),
      continueAutomatically: flags.includes('autoContinue'),
      surveyCloseDays: close,
    },
  };
}
