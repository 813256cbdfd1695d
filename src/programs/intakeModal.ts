import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { candidateInWordsFor, candidateKey, rangeFrom, viewerTime } from '../availability';
import { truncate } from '../slack/blocks';
import { todayIn } from '../time/zonedTime';
import { IntakeFields as F, ProgramViews } from './ids';
import { MAX_AVOID, MAX_LISTED_PEOPLE, timesFingerprint } from './intakeForm';
import {
  ANSWER_LABELS,
  type IntakeAnswers,
  LONG_TEXT_MAX,
  MAX_WISHES,
  type Program,
  SECTOR_LABELS,
  SECTORS,
  STAGES,
  TEXT_MAX,
} from './model';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });
/** Slack's limit on an input's label. */
const LABEL_MAX = 2000;

function input(blockId: string, label: string, element: InputBlock['element'], extra: Partial<InputBlock> = {}): InputBlock {
  return { type: 'input', block_id: blockId, label: plain(truncate(label, LABEL_MAX)), element, ...extra };
}

const ANSWER_OPTIONS = (['yes', 'ifneedbe', 'no'] as const).map((a) => option(a, ANSWER_LABELS[a]));

/**
 * Each candidate time as the person has it over the program's first cycle, in words: "Tue 09:00
 * New York: Tue 15:00 for you; 14:00 from 14 Mar to 27 Mar". Plain text.
 */
export function timesForViewer(program: Pick<Program, 'candidates' | 'deadline' | 'timeZone' | 'cycleMonths'>, timeZone: string) {
  const range = rangeFrom(todayIn(program.deadline, program.timeZone), program.cycleMonths);
  return program.candidates.map((c) => ({ key: candidateKey(c), words: candidateInWordsFor(c, viewerTime(c, timeZone, range)) }));
}

export interface IntakeStart {
  program: Program;
  /** Their answers so far; null the first time. */
  answers: IntakeAnswers | null;
  /** Their zone as Slack has it, used until they give one. */
  slackZone: string;
  /** Everyone else who joined, with the names they go by; null when too many to list (the workspace's picker then). */
  others: Array<{ id: string; name: string }> | null;
}

function peoplePicker(actionId: string, start: IntakeStart, chosen: string[], max: number, placeholder: string) {
  const { others } = start;
  if (others && others.length > 0 && others.length <= MAX_LISTED_PEOPLE) {
    const opts = others.map((o) => option(o.id, o.name || o.id));
    const initial = opts.filter((o) => o.value !== undefined && chosen.includes(o.value));
    return {
      type: 'multi_static_select' as const,
      action_id: actionId,
      options: opts,
      max_selected_items: max,
      placeholder: plain(placeholder),
      ...(initial.length ? { initial_options: initial } : {}),
    };
  }
  return {
    type: 'multi_users_select' as const,
    action_id: actionId,
    max_selected_items: max,
    placeholder: plain(placeholder),
    ...(chosen.length ? { initial_users: chosen } : {}),
  };
}

/** The intake: a few blocks per built-in question, one per candidate time and per organizer's question; at most 35. */
export function intakeModal(start: IntakeStart): ModalView {
  const { program, answers: a } = start;
  const zone = a?.timeZone ?? start.slackZone;
  const textInput = (id: string, label: string, initial: string | undefined, multiline: boolean, optional = false) =>
    input(
      id,
      label,
      {
        type: 'plain_text_input',
        action_id: id,
        multiline,
        max_length: multiline ? LONG_TEXT_MAX : TEXT_MAX,
        ...(initial ? { initial_value: initial } : {}),
      },
      optional ? { optional: true } : {},
    );
  const stageOptions = STAGES.map((s, i) => option(String(i), s));
  const sectorOptions = SECTORS.map((s) => option(s, SECTOR_LABELS[s]));
  const pick = (opts: PlainTextOption[], value: string | undefined) => opts.find((o) => o.value === value);
  const stageInitial = pick(stageOptions, a ? String(a.stage) : undefined);
  const sectorInitial = pick(sectorOptions, a?.sector);

  const blocks: KnownBlock[] = [];
  if (program.purpose) blocks.push({ type: 'section', text: plain(truncate(program.purpose, 3000)) });
  blocks.push(
    input(F.stage, 'Career stage or level of responsibility', {
      type: 'static_select',
      action_id: F.stage,
      options: stageOptions,
      ...(stageInitial ? { initial_option: stageInitial } : {}),
    }),
    input(F.sector, 'Sector', {
      type: 'static_select',
      action_id: F.sector,
      options: sectorOptions,
      ...(sectorInitial ? { initial_option: sectorInitial } : {}),
    }),
    input(
      F.organization,
      'Organization',
      {
        type: 'plain_text_input',
        action_id: F.organization,
        max_length: TEXT_MAX,
        ...(a ? { initial_value: a.organization } : {}),
      },
      { hint: plain('Only the matching reads this, to keep colleagues in different circles. No one else sees it.') },
    ),
    textInput(F.role, 'Function or role', a?.role, false),
    textInput(F.topics, 'Topics you would like to talk about', a?.topics, true),
    textInput(F.goals, 'What you hope to get from it', a?.goals || undefined, true, true),
    input(
      F.timeZone,
      'Your time zone',
      { type: 'plain_text_input', action_id: F.timeZone, max_length: 64, initial_value: zone },
      {
        hint: plain(
          'The times below are shown in this zone. If you change it, save, then open the form again to see them in the new one.',
        ),
      },
    ),
    { type: 'header', text: plain('Which of these times could you make?') },
  );
  for (const [i, t] of timesForViewer(program, zone).entries()) {
    const chosen = pick(ANSWER_OPTIONS, a?.times[t.key]);
    blocks.push(
      input(`${F.timePrefix}${i}`, t.words, {
        type: 'radio_buttons',
        action_id: `${F.timePrefix}${i}`,
        options: ANSWER_OPTIONS,
        ...(chosen ? { initial_option: chosen } : {}),
      }),
    );
  }
  blocks.push(
    input(
      F.wishes,
      `Up to ${MAX_WISHES} people you would like to be with`,
      peoplePicker(F.wishes, start, a?.wishes ?? [], MAX_WISHES, 'Choose people'),
      {
        optional: true,
      },
    ),
    input(
      F.avoid,
      'Privately: people you would rather not be with',
      peoplePicker(F.avoid, start, a?.avoid ?? [], MAX_AVOID, 'Choose people'),
      { optional: true, hint: plain('No one is told, and no reason ever mentions it. Only the matching reads it.') },
    ),
  );
  const volunteer = option('yes', 'I would volunteer to facilitate my circle');
  blocks.push(
    input(
      F.volunteer,
      'Facilitating',
      {
        type: 'checkboxes',
        action_id: F.volunteer,
        options: [volunteer],
        ...(a?.volunteer ? { initial_options: [volunteer] } : {}),
      },
      { optional: true },
    ),
  );
  for (const q of program.questions) {
    const id = `${F.questionPrefix}${q.id}`;
    const opts = q.options.map((o, i) => option(String(i), o));
    const chosen = opts.filter((o) => (a?.answers[q.id] ?? []).includes(q.options[Number(o.value)]!));
    blocks.push(
      input(
        id,
        q.text,
        q.multiple
          ? { type: 'checkboxes', action_id: id, options: opts, ...(chosen.length ? { initial_options: chosen } : {}) }
          : { type: 'static_select', action_id: id, options: opts, ...(chosen[0] ? { initial_option: chosen[0] } : {}) },
      ),
    );
  }
  return {
    type: 'modal',
    callback_id: ProgramViews.intake,
    private_metadata: JSON.stringify({ programId: program.id, times: timesFingerprint(program) }),
    title: plain(truncate(program.name, 24)),
    submit: plain(a ? 'Save changes' : 'Send'),
    close: plain('Later'),
    blocks,
  };
}
