import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { candidateLabel } from '../availability';
import { todayIn } from '../time/zonedTime';
import { addDays } from '../time/calendarDate';
import { ProgramFields as F, ProgramViews } from './ids';
import {
  BUILT_IN_FIELDS,
  CYCLE_MONTHS,
  DEFAULT_RULES,
  DEFAULT_SIZE,
  FIELD_LABELS,
  LONG_TEXT_MAX,
  NAME_MAX,
  type Program,
  PURPOSE_MAX,
  RHYTHM_LABELS,
  RHYTHMS,
  SIZE_LIMITS,
} from './model';
import { DURATIONS, QUESTION_FORMAT, QUESTION_IDS, questionLine, RULE_CHOICES, ruleChoice } from './settingsForm';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });

function input(blockId: string, label: string, element: InputBlock['element'], extra: Partial<InputBlock> = {}): InputBlock {
  return { type: 'input', block_id: blockId, label: plain(label), element, ...extra };
}

function select(actionId: string, opts: PlainTextOption[], initial: string | undefined) {
  const chosen = opts.find((o) => o.value === initial);
  return { type: 'static_select' as const, action_id: actionId, options: opts, ...(chosen ? { initial_option: chosen } : {}) };
}

const RULE_LABELS: Record<(typeof RULE_CHOICES)[number], string> = {
  off: 'Leave out',
  'alike:1': 'Alike (weight 1)',
  'alike:2': 'Alike (weight 2)',
  'alike:3': 'Alike (weight 3)',
  'mix:1': 'Mix (weight 1)',
  'mix:2': 'Mix (weight 2)',
  'mix:3': 'Mix (weight 3)',
};
const ruleOptions = RULE_CHOICES.map((c) => option(c, RULE_LABELS[c]));
const weightOptions = ['0', '1', '2', '3'].map((w) => option(w, w === '0' ? 'Leave out' : `Weight ${w}`));
const sizeOptions = Array.from({ length: SIZE_LIMITS.max - SIZE_LIMITS.min + 1 }, (_, i) => String(SIZE_LIMITS.min + i)).map(
  (n) => option(n, n),
);

/** What the modal starts from: a program being edited, or a new one in the organizer's zone. */
export interface SettingsStart {
  program?: Program;
  timeZone: string;
  now: Date;
}

/** The new / edit program modal. About 30 blocks, far under Slack's 100. */
export function programSettingsModal(start: SettingsStart): ModalView {
  const p = start.program;
  const zone = p?.timeZone ?? start.timeZone;
  const rules = p?.rules ?? DEFAULT_RULES;
  const deadlineDay = p ? addDays(todayIn(p.deadline, zone), -1) : addDays(todayIn(start.now, zone), 14);
  const blocks: KnownBlock[] = [
    input(F.name, 'Name', {
      type: 'plain_text_input',
      action_id: F.name,
      max_length: NAME_MAX,
      ...(p ? { initial_value: p.name } : {}),
    }),
    input(
      F.purpose,
      'Purpose',
      {
        type: 'plain_text_input',
        action_id: F.purpose,
        multiline: true,
        max_length: PURPOSE_MAX,
        ...(p?.purpose ? { initial_value: p.purpose } : {}),
      },
      { optional: true, hint: plain('What people gain by joining: shown on the post and at the top of the intake.') },
    ),
    input(
      F.kind,
      'Kind',
      select(F.kind, [option('circles', 'Circles that meet together'), option('pairs', 'Coaching pairs')], p?.kind ?? 'circles'),
    ),
    input(F.minSize, 'Smallest circle', select(F.minSize, sizeOptions, String(p?.minSize ?? DEFAULT_SIZE.min))),
    input(F.maxSize, 'Largest circle', select(F.maxSize, sizeOptions, String(p?.maxSize ?? DEFAULT_SIZE.max))),
    input(
      F.rhythm,
      'Circles meet',
      select(
        F.rhythm,
        RHYTHMS.map((r) => option(r, RHYTHM_LABELS[r])),
        p?.rhythm ?? 'weekly',
      ),
    ),
    input(
      F.cycleMonths,
      'Cycle length',
      select(
        F.cycleMonths,
        CYCLE_MONTHS.map((m) => option(String(m), `${m} months`)),
        String(p?.cycleMonths ?? 6),
      ),
    ),
    input(
      F.timeZone,
      'Time zone of the times below',
      { type: 'plain_text_input', action_id: F.timeZone, max_length: 64, initial_value: zone },
      { hint: plain('Its name, such as America/New_York. Each person sees the times in their own zone.') },
    ),
    input(
      F.duration,
      'Length of a meeting',
      select(
        F.duration,
        DURATIONS.map((d) => option(String(d), `${d} minutes`)),
        String(p?.durationMinutes ?? 60),
      ),
    ),
    input(
      F.times,
      'Candidate meeting times',
      {
        type: 'plain_text_input',
        action_id: F.times,
        multiline: true,
        max_length: 600,
        ...(p ? { initial_value: p.candidates.map(candidateLabel).join('\n') } : {}),
        placeholder: plain('Tue 09:00\nThu 16:00'),
      },
      { hint: plain('One per line: a weekday and a 24-hour time, or for monthly circles the week too (“2nd Tue 09:00”).') },
    ),
    input(F.deadline, 'Last day to join', { type: 'datepicker', action_id: F.deadline, initial_date: deadlineDay }),
    input(
      F.questions,
      'Your own questions (up to 5)',
      {
        type: 'plain_text_input',
        action_id: F.questions,
        multiline: true,
        max_length: LONG_TEXT_MAX * 2,
        ...(p?.questions.length ? { initial_value: p.questions.map(questionLine).join('\n') } : {}),
        placeholder: plain('Preferred format? | Discussion | Case clinic'),
      },
      { optional: true, hint: plain(QUESTION_FORMAT) },
    ),
    { type: 'header', text: plain('Matching rules') },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'For each answer: should a circle’s members be *alike* (share experience) or *mixed* (learn from difference), and how much it counts.',
        },
      ],
    },
    ...BUILT_IN_FIELDS.map((key) =>
      input(
        `${F.rulePrefix}${key}`,
        FIELD_LABELS[key],
        select(`${F.rulePrefix}${key}`, ruleOptions, ruleChoice(rules.fields[key])),
      ),
    ),
    ...QUESTION_IDS.map((key, i) =>
      input(
        `${F.rulePrefix}${key}`,
        `Your question ${i + 1}`,
        select(`${F.rulePrefix}${key}`, ruleOptions, ruleChoice(rules.fields[key])),
        { optional: true, hint: plain('Used only if you ask this question above.') },
      ),
    ),
    input(
      F.separateOrganizations,
      'Organizations',
      {
        type: 'checkboxes',
        action_id: F.separateOrganizations,
        options: [option('separate', 'Never two people from one organization in a circle')],
        ...(rules.separateOrganizations
          ? { initial_options: [option('separate', 'Never two people from one organization in a circle')] }
          : {}),
      },
      { optional: true },
    ),
    input(
      F.maxIfNeedBe,
      '“If need be” answers a circle’s time may rely on',
      select(
        F.maxIfNeedBe,
        ['0', '1', '2', '3'].map((n) => option(n, n === '0' ? 'None: everyone said yes' : `At most ${n}`)),
        String(rules.maxIfNeedBe),
      ),
    ),
    input(F.wishWeight, 'Wishes to be together', select(F.wishWeight, weightOptions, String(rules.wishWeight))),
    input(
      F.repeatWeight,
      'Avoid repeating earlier rounds’ circles',
      select(F.repeatWeight, weightOptions, String(rules.repeatWeight)),
    ),
  ];
  return {
    type: 'modal',
    callback_id: ProgramViews.settings,
    private_metadata: JSON.stringify(p ? { programId: p.id } : {}),
    title: plain(p ? 'Edit program' : 'New program'),
    submit: plain(p ? 'Save' : 'Create'),
    close: plain('Cancel'),
    blocks,
  };
}
