import { apportionMinutes } from './apportionMinutes';

export const AGENDA_FORMAT_IDS = ['open-checkin', 'peer-assist', 'troika', 'case-clinic', 'wol'] as const;
export type AgendaFormatId = (typeof AGENDA_FORMAT_IDS)[number];

interface Phase {
  label: string;
  weight: number;
}

interface SectionTemplate {
  title: string;
  /** Relative share of the time left after the warm-up; whole numbers so splits are exact. */
  weight: number;
  detail?: string;
  /** Steps within the section; their minutes are worked out per agenda and written into the detail. */
  phases?: readonly Phase[];
}

export interface AgendaFormat {
  id: AgendaFormatId;
  name: string;
  description: string;
  sections: readonly SectionTemplate[];
}

// A Troika round is ~10 minutes in the Liberating Structures original; the weights
// keep those proportions when the round is stretched or squeezed.
const TROIKA_ROUND: readonly Phase[] = [
  { label: 'the client presents their challenge and what help they want', weight: 2 },
  { label: 'consultants ask clarifying questions', weight: 2 },
  { label: 'the client turns their back; consultants discuss ideas and advice as if the client were not there', weight: 5 },
  { label: 'the client turns around and shares what was most useful', weight: 1 },
];

export const AGENDA_FORMATS: Readonly<Record<AgendaFormatId, AgendaFormat>> = {
  'open-checkin': {
    id: 'open-checkin',
    name: 'Open check-in round',
    description: 'Everyone checks in, then the circle works through the topics people bring.',
    sections: [
      {
        title: 'Check-in round',
        weight: 30,
        detail: "Each person shares what's on their mind and what they'd like from today. Listen without cross-talk.",
      },
      {
        title: 'Open discussion',
        weight: 55,
        detail: 'Work through the agenda items and anything raised in the check-in, most pressing first.',
      },
      { title: 'Check-out round', weight: 15, detail: 'One sentence each: a takeaway, a next step, or a thank-you.' },
    ],
  },
  'peer-assist': {
    id: 'peer-assist',
    name: 'Peer Assist',
    description: "One member brings a piece of work they're about to start; peers share experience before they begin.",
    sections: [
      {
        title: 'The host sets the scene',
        weight: 10,
        detail: "The host shares the goal, the context, and what they'd like help with.",
      },
      { title: 'Questions to understand', weight: 15, detail: 'Peers ask questions to understand the situation. No advice yet.' },
      {
        title: 'Peers share experience',
        weight: 30,
        detail: "Peers share what they've done in similar situations: what worked, what didn't, and who else knows.",
      },
      { title: 'Options and insights', weight: 25, detail: 'Together, draw out options and lessons the host could use.' },
      { title: 'The host reflects', weight: 12, detail: "The host says what they've learned and what they'll do next." },
      { title: 'Close', weight: 8, detail: 'Appreciations, and one thing each peer takes away for their own work.' },
    ],
  },
  troika: {
    id: 'troika',
    name: 'Troika Consulting',
    description: 'In trios, each person gets quick, practical help from two peers on a challenge they face.',
    sections: [
      { title: 'Form trios', weight: 2, detail: 'Split into groups of three and agree who is client first, second, and third.' },
      { title: 'Round 1: first client', weight: 10, phases: TROIKA_ROUND },
      { title: 'Round 2: switch roles, second client', weight: 10, phases: TROIKA_ROUND },
      { title: 'Round 3: switch roles, third client', weight: 10, phases: TROIKA_ROUND },
      {
        title: 'Debrief together',
        weight: 3,
        detail: 'What was it like to be the client, and to be a consultant? What will you try?',
      },
    ],
  },
  // Steps and proportions follow the Presencing Institute's Case Clinic guide (~70 min).
  'case-clinic': {
    id: 'case-clinic',
    name: 'Case Clinic',
    description:
      'A case giver brings a live challenge; coaches listen deeply, mirror back what they hear, and explore it together.',
    sections: [
      { title: 'Roles', weight: 3, detail: 'Choose a case giver, coaches, and a timekeeper.' },
      {
        title: 'Intention statement',
        weight: 15,
        detail:
          'The case giver describes the situation, their intention, where they are stuck, and the help they need. Coaches listen; clarifying questions only.',
      },
      {
        title: 'Stillness',
        weight: 3,
        detail: 'Silence. Coaches notice the images, metaphors, feelings, and gestures the case brings up.',
      },
      {
        title: 'Mirroring',
        weight: 12,
        detail:
          'Each coach shares the image, metaphor, feeling, or gesture that came up; the case giver reflects on what they heard.',
      },
      {
        title: 'Generative dialogue',
        weight: 22,
        detail: "Build on the mirrors and the case giver's reflections to explore new ways of seeing and moving forward.",
      },
      {
        title: 'Closing remarks',
        weight: 8,
        detail: 'Coaches share closing thoughts; the case giver says how they now see the situation and their next step.',
      },
    ],
  },
  // Working Out Loud circles meet weekly for 12 weeks, each week with exercises from the circle guide.
  wol: {
    id: 'wol',
    name: 'Working Out Loud circle',
    description: 'Members make progress on a personal goal by building relationships, one guided week at a time.',
    sections: [
      {
        title: 'Goals and progress',
        weight: 15,
        detail: 'Each person restates their goal and shares what they tried since last time.',
      },
      {
        title: "This week's exercises",
        weight: 50,
        detail: "Work through this week's exercises from the circle guide, helping each other along.",
      },
      { title: 'Reflect', weight: 15, detail: 'What felt easy, what felt awkward, and what surprised you?' },
      {
        title: 'Commitments',
        weight: 10,
        detail: "Each person names one or two things they'll do before the next meeting.",
      },
    ],
  },
};

export interface AgendaInput {
  warmup?: { leaderName?: string; prompt?: string };
  items: Array<{ text: string; author: string }>;
  readings: string[];
}

export interface AgendaSection {
  title: string;
  minutes: number;
  detail?: string;
}

export interface Agenda {
  title: string;
  sections: AgendaSection[];
  items: Array<{ text: string; author: string }>;
  readings: string[];
}

export const MIN_AGENDA_MINUTES = 15;

/** 5 minutes for short sessions, growing to 10 for two hours or more. */
export function warmupMinutes(durationMinutes: number): number {
  return Math.min(10, Math.max(5, Math.round(durationMinutes / 12)));
}

export function buildAgenda(format: AgendaFormatId, durationMinutes: number, input: AgendaInput): Agenda {
  if (!Number.isInteger(durationMinutes) || durationMinutes < MIN_AGENDA_MINUTES) {
    throw new RangeError(`An agenda needs a whole number of minutes ≥ ${MIN_AGENDA_MINUTES}, got ${durationMinutes}`);
  }
  const spec = AGENDA_FORMATS[format];
  const warmup = warmupMinutes(durationMinutes);
  const split = apportionMinutes(
    durationMinutes - warmup,
    spec.sections.map((s) => s.weight),
  );

  const sections: AgendaSection[] = [{ title: 'Warm-up', minutes: warmup, detail: warmupDetail(input.warmup) }];
  spec.sections.forEach((template, i) => {
    const minutes = split[i] ?? 0;
    const detail = template.phases ? phasesDetail(template.phases, minutes) : template.detail;
    sections.push(detail === undefined ? { title: template.title, minutes } : { title: template.title, minutes, detail });
  });

  return {
    title: `${spec.name} (${durationMinutes} min)`,
    sections,
    items: input.items.map((item) => ({ ...item })),
    readings: [...input.readings],
  };
}

function warmupDetail(warmup: AgendaInput['warmup']): string {
  const leader = warmup?.leaderName?.trim();
  const prompt = warmup?.prompt?.trim();
  if (leader && prompt) return `${leader} leads: “${prompt}”`;
  if (prompt) return `“${prompt}”`;
  if (leader) return `${leader} leads a quick round so everyone arrives.`;
  return 'A quick round so everyone arrives: one thing on your mind today.';
}

function phasesDetail(phases: readonly Phase[], minutes: number): string {
  const split = apportionMinutes(
    minutes,
    phases.map((p) => p.weight),
  );
  // Below a minute per step, per-step timings would be noise; show the steps alone.
  const timed = split.every((m) => m > 0);
  const steps = phases.map((p, i) => (timed ? `${p.label} (${split[i]} min)` : p.label));
  const text = steps.join(' → ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
