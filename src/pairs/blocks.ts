import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { CircleRow } from '../circles/service';
import { actions, button, context, divider, escapeMrkdwn, section, slackDate, truncate } from '../slack/blocks';
import { PairActions, PairFields as F, PairViews } from './ids';
import { type Arrangement, describeFit, TIME_SLOTS } from './matching';
import {
  CHECKBOXES_PER_GROUP,
  type CheckRef,
  type DraftRef,
  GOALS_MAX,
  type HomeLine,
  type LeftOutReason,
  type MatchStatus,
  MAX_WISHES,
  STAGE_LABELS,
  storedReasons,
  TIME_LABELS,
} from './model';
import type { PairRow, SurveyRow } from './store';
import { COMMITMENT_TIPS, TIPS, type TipKey } from './tips';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const name = (circle: Pick<CircleRow, 'name'>) => `*${escapeMrkdwn(circle.name)}*`;
const opt = (value: string, text: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });
const mention = (id: string) => `<@${id}>`;
const people = (ids: readonly string[]) =>
  ids.length <= 1 ? ids.map(mention).join('') : `${ids.slice(0, -1).map(mention).join(', ')} and ${mention(ids.at(-1)!)}`;

// ---------------------------------------------------------------------------------------------
// The survey

export const surveyText = (circle: CircleRow) => `Answer the matching survey of ${circle.name}`;

export function surveyBlocks(circle: CircleRow, cycleId: number): KnownBlock[] {
  return [
    section(
      `:handshake: ${name(circle)} is matching its members into coaching pairs for this cycle. ` +
        'Tell us what you want to work on and when you can meet, and we will find you a good partner.',
    ),
    actions([button('Answer the survey', PairActions.survey, String(cycleId), 'primary')]),
    context('You can change your answers until the organizers confirm the pairs. Who you would rather not meet stays private.'),
  ];
}

export const remindText = (circle: CircleRow, deadline: Date) =>
  `Reminder: answer the matching survey of ${circle.name} by ${slackDate(deadline, '{date_long_pretty}')}`;

export function remindBlocks(circle: CircleRow, cycleId: number, deadline: Date): KnownBlock[] {
  return [
    section(
      `:alarm_clock: The organizers of ${name(circle)} are about to match pairs. Please answer the matching survey by ` +
        `${slackDate(deadline, '{date_long_pretty}')}, so you are matched too.`,
    ),
    actions([button('Answer the survey', PairActions.survey, String(cycleId), 'primary')]),
  ];
}

export interface SurveyDefaults {
  survey: SurveyRow | undefined;
  timeZone: string | null;
  /** Who can be wished for or avoided: the program's other members (never the person answering), by name. */
  others: Array<{ id: string; name: string }>;
}

/** A picker of the program's other members: a static list, so nobody outside it (nor oneself) can be chosen. */
function peoplePicker(actionId: string, others: SurveyDefaults['others'], initial: string[], max?: number) {
  const options = others.map((p) => opt(p.id, p.name));
  const chosen = options.filter((o) => initial.includes(o.value ?? ''));
  return {
    type: 'multi_static_select' as const,
    action_id: actionId,
    placeholder: plain('Choose people in this program'),
    options,
    ...(max ? { max_selected_items: max } : {}),
    ...(chosen.length ? { initial_options: chosen } : {}),
  };
}

export function surveyModal(circle: CircleRow, cycleId: number, topics: readonly string[], d: SurveyDefaults): ModalView {
  const s = d.survey;
  const blocks: KnownBlock[] = [
    section(`${name(circle)} · matching survey${s ? '\n_You have answered already: change anything and save._' : ''}`),
    {
      type: 'input',
      block_id: F.goals,
      label: plain('What do you want to work on this cycle?'),
      element: {
        type: 'plain_text_input',
        action_id: F.goals,
        multiline: true,
        max_length: GOALS_MAX,
        placeholder: plain('e.g. Delegating more, and preparing for my first board meeting'),
        ...(s ? { initial_value: s.goals } : {}),
      },
    },
  ];
  for (let i = 0; i * CHECKBOXES_PER_GROUP < topics.length; i++) {
    const group = topics.slice(i * CHECKBOXES_PER_GROUP, (i + 1) * CHECKBOXES_PER_GROUP).map((t) => opt(t, t));
    const initial = group.filter((o) => s?.topics.includes(o.value ?? ''));
    blocks.push({
      type: 'input',
      block_id: `${F.topicsPrefix}${i}`,
      optional: true,
      label: plain(i === 0 ? 'Topics you want to talk about' : 'More topics'),
      element: {
        type: 'checkboxes',
        action_id: `${F.topicsPrefix}${i}`,
        options: group,
        ...(initial.length ? { initial_options: initial } : {}),
      },
    });
  }
  const stageOptions = STAGE_LABELS.map((label, i) => opt(String(i), label));
  const timeOptions = TIME_SLOTS.map((t) => opt(t, TIME_LABELS[t]));
  const initialTimes = timeOptions.filter((o) => s?.times.includes(o.value ?? ''));
  const zone = s?.time_zone ?? d.timeZone;
  // 100 options a select: a program holds at most SIZE_CAP_MAX people, so all of them fit.
  const pickers: KnownBlock[] = d.others.length
    ? [
        {
          type: 'input',
          block_id: F.wishes,
          optional: true,
          label: plain(`People you would like to be matched with (up to ${MAX_WISHES})`),
          element: peoplePicker(F.wishes, d.others, s?.wishes ?? [], MAX_WISHES),
        },
        {
          type: 'input',
          block_id: F.avoid,
          optional: true,
          label: plain('People you would rather not be matched with'),
          hint: plain('Private: nobody sees this list, and it is never given as a reason.'),
          element: peoplePicker(F.avoid, d.others, s?.avoid ?? []),
        },
      ]
    : [context('Nobody else is in this program yet, so there is nobody to ask for or avoid.')];
  blocks.push(
    {
      type: 'input',
      block_id: F.stage,
      label: plain('Your career stage or level of responsibility'),
      element: {
        type: 'static_select',
        action_id: F.stage,
        options: stageOptions,
        ...(s?.stage !== undefined && s?.stage !== null ? { initial_option: stageOptions[s.stage]! } : {}),
      },
    },
    {
      type: 'input',
      block_id: F.times,
      optional: true,
      label: plain('When can you meet? (none ticked: any time)'),
      element: {
        type: 'checkboxes',
        action_id: F.times,
        options: timeOptions,
        ...(initialTimes.length ? { initial_options: initialTimes } : {}),
      },
    },
    {
      type: 'input',
      block_id: F.timeZone,
      label: plain('Your time zone'),
      hint: plain('From your Slack profile; change it if you will be elsewhere this cycle (e.g. Europe/London).'),
      element: { type: 'plain_text_input', action_id: F.timeZone, max_length: 64, ...(zone ? { initial_value: zone } : {}) },
    },
    ...pickers,
  );
  return {
    type: 'modal',
    callback_id: PairViews.survey,
    private_metadata: JSON.stringify({ cycleId }),
    title: plain('Matching survey'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

export const surveySavedText = (circle: CircleRow, edited: boolean) =>
  edited
    ? `:white_check_mark: Your survey answers for ${name(circle)} are updated. You can change them until the pairs are confirmed.`
    : `:white_check_mark: Thank you! Your survey answers for ${name(circle)} are saved. You will hear when the pairs are confirmed, and can change your answers until then.`;

// ---------------------------------------------------------------------------------------------
// The organizer's view

const ref = (r: DraftRef) => JSON.stringify(r);
/** A message holds 50 blocks: the groups beyond this are counted, not shown. */
const PREVIEW_MAX_GROUPS = 40;
/** My App Home shows this many coaching programs at most. */
export const HOME_MAX_PROGRAMS = 5;

export function statusBlocks(circle: CircleRow, status: MatchStatus, deadline: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(
      `*Matching ${escapeMrkdwn(circle.name)}*, cycle ${status.cycle.number}: ${status.answered.length} of ${status.answered.length + status.missing.length} active members have answered the survey.`,
    ),
  ];
  if (status.missing.length) blocks.push(section(`Not answered yet: ${people(status.missing)}`));
  if (status.paused.length) blocks.push(context(`Paused, so not matched this time: ${people(status.paused)}`));
  // Before confirm, the cycle's pairs are those kept from the last cycle.
  if (status.pairs.length)
    blocks.push(
      context(
        `Staying together from the last cycle (not surveyed or matched again): ${status.pairs.map((p) => people(p.user_ids)).join('; ')}`,
      ),
    );
  const value = JSON.stringify({ circleId: circle.id, deadline: deadline.toISOString() });
  const buttons = [];
  if (status.missing.length) {
    blocks.push(
      context(`Remind them to answer by ${slackDate(deadline, '{date_long_pretty} at {time}')}, or match those who have.`),
    );
    buttons.push(button('Remind them', PairActions.remind, value));
  }
  if (status.answered.length >= 2)
    buttons.push(button('Match those who answered', PairActions.preview, String(circle.id), 'primary'));
  if (buttons.length) blocks.push(actions(buttons));
  else blocks.push(context('At least two active members need to answer the survey before anyone can be matched.'));
  blocks.push(...rematchBlocks(status));
  return blocks;
}

function rematchBlocks(status: MatchStatus): KnownBlock[] {
  if (!status.rematches.length) return [];
  const lines = status.rematches.map(
    (r) =>
      `• ${mention(r.user_id)} asked for a rematch (pair: ${people(r.user_ids)}), ${slackDate(r.requested_at, '{date_short_pretty}')}`,
  );
  return [divider(), section(`*Rematch requests*\n${lines.join('\n')}`)];
}

export function confirmedBlocks(circle: CircleRow, status: MatchStatus): KnownBlock[] {
  const lines = status.pairs.map((p) => `• ${people(p.user_ids)}${p.fit ? ` (fit ${p.fit})` : ''}`);
  return [
    section(`*${escapeMrkdwn(circle.name)}*, cycle ${status.cycle.number}: the pairs are confirmed.\n${lines.join('\n')}`),
    ...rematchBlocks(status),
  ];
}

/** Active and paused members the draft does not hold, so Confirm would leave them out too. */
export interface PreviewOutside {
  notAnswered: string[];
  paused: string[];
  /** Answered after the preview was drawn up. */
  late: string[];
}

export function previewBlocks(
  circle: CircleRow,
  arrangement: Arrangement,
  r: DraftRef,
  note?: string,
  outside: PreviewOutside = { notAnswered: [], paused: [], late: [] },
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(
      `*Preview: pairs for ${escapeMrkdwn(circle.name)}* (nobody has been told anything yet)\n` +
        `${arrangement.groups.length} group${arrangement.groups.length === 1 ? '' : 's'}, total fit ${arrangement.totalFit}` +
        `${arrangement.repeats ? `, ${arrangement.repeats} repeat pair${arrangement.repeats === 1 ? '' : 's'} (unavoidable)` : ''}.`,
    ),
  ];
  if (note) blocks.push(context(note));
  for (const g of arrangement.groups.slice(0, PREVIEW_MAX_GROUPS)) {
    blocks.push(section(`${people(g.members)} · fit ${g.fit}${g.repeat ? ' · _met in an earlier cycle_' : ''}\n${reasonsOf(g)}`));
  }
  const lines = [
    ...arrangement.unmatched.map((u) => `• ${mention(u.id)}: ${UNMATCHED_FOR_ORGANIZER[u.reason]}`),
    ...outside.notAnswered.map((id) => `• ${mention(id)}: has not answered the survey`),
    ...outside.late.map((id) => `• ${mention(id)}: answered after this preview was drawn up`),
    ...outside.paused.map((id) => `• ${mention(id)}: paused`),
  ];
  if (lines.length) {
    blocks.push(
      section(`*Left out if you confirm this* (each is told why, and what happens next):\n${lines.join('\n')}`.slice(0, 3000)),
    );
  }
  blocks.push(
    actions([
      button('Shuffle', PairActions.shuffle, ref(r)),
      button('Swap two people', PairActions.swap, ref(r)),
      button('Confirm and tell everyone', PairActions.confirm, ref(r), 'primary'),
    ]),
  );
  return blocks;
}

function reasonsOf(g: Arrangement['groups'][number]): string {
  return g.reasons
    .map((p) => {
      const parts = describeReasons(p);
      return g.members.length === 3 ? `${mention(p.a)} & ${mention(p.b)}: ${parts}` : parts;
    })
    .map((l) => `_${l}_`)
    .join('\n');
}

const describeReasons = (p: Arrangement['groups'][number]['reasons'][number]) => describeFit(p, mention).join('; ');

export const previewText = (circle: CircleRow) => `Preview of the pairs for ${circle.name}`;

/** Why someone is not matched, as the organizer reads it: nobody's avoid-list is revealed. */
const UNMATCHED_FOR_ORGANIZER: Record<Arrangement['unmatched'][number]['reason'], string> = {
  'avoid-list': 'no partner possible among those who answered',
  'no-partner-left': 'the numbers left nobody to pair them with',
  'swapped-out': 'taken out by a swap',
};

/** A picker of the people in the preview, for the swap. */
function draftPicker(actionId: string, inDraft: Array<{ id: string; name: string }>) {
  return {
    type: 'static_select' as const,
    action_id: actionId,
    placeholder: plain('Choose someone in the preview'),
    options: inDraft.slice(0, 100).map((p) => opt(p.id, p.name)),
  };
}

export function swapModal(r: DraftRef, inDraft: Array<{ id: string; name: string }>): ModalView {
  return {
    type: 'modal',
    callback_id: PairViews.swap,
    private_metadata: JSON.stringify(r),
    title: plain('Swap two people'),
    submit: plain('Swap'),
    close: plain('Cancel'),
    blocks: [
      section('Choose two people in different groups: they trade places. The groups they join are kept if you shuffle later.'),
      { type: 'input', block_id: F.swapA, label: plain('This person…'), element: draftPicker(F.swapA, inDraft) },
      { type: 'input', block_id: F.swapB, label: plain('…trades places with'), element: draftPicker(F.swapB, inDraft) },
    ],
  };
}

export const confirmedText = (circle: CircleRow, groups: number, leftOut: number) =>
  `:tada: Confirmed: ${groups} group${groups === 1 ? '' : 's'} in ${name(circle)}. Each gets a group DM with an introduction now` +
  `${leftOut ? `, and ${leftOut === 1 ? 'the 1 member not matched is' : `the ${leftOut} members not matched are`} told why and what happens next` : ''}.`;

export const remindedText = (count: number, deadline: Date) =>
  `:incoming_envelope: Reminded ${count} member${count === 1 ? '' : 's'} to answer by ${slackDate(deadline, '{date_long_pretty}')}.`;

// ---------------------------------------------------------------------------------------------
// The outcome

/** Why a pair was matched, a line per reason; a trio's lines say which two of them each is about. */
export function pairReasonLines(pair: PairRow): string[] {
  const trio = pair.user_ids.length === 3;
  return storedReasons(pair.reasons).map((r) => {
    if (r.kind === 'text') return r.text;
    const words = describeFit({ a: r.a, b: r.b, reasons: r }, mention).join('; ');
    return trio ? `${mention(r.a)} & ${mention(r.b)}: ${words}` : words;
  });
}

export function introBlocks(circle: CircleRow, pair: PairRow, goals: Map<string, string>): KnownBlock[] {
  const who = pair.user_ids.length === 3 ? 'you three' : 'you two';
  const goalLines = pair.user_ids
    .filter((id) => goals.has(id))
    .map((id) => `• ${mention(id)}: ${escapeMrkdwn(truncate(goals.get(id)!, 300))}`);
  return [
    section(
      `:wave: ${people(pair.user_ids)}: welcome to your coaching ${pair.user_ids.length === 3 ? 'trio' : 'pair'} in ${name(circle)}!`,
    ),
    section(
      `*Why ${who}*\n${
        pairReasonLines(pair)
          .map((r) => `• ${r}`)
          .join('\n') || '• You both chose this program.'
      }`,
    ),
    ...(goalLines.length ? [section(`*What each of you wants to work on*\n${goalLines.join('\n')}`)] : []),
    section(
      '*A working agreement to start from* (change it to suit you)\n' +
        '• Our shared goals: say what each of you wants from this cycle, and how you will know it helped.\n' +
        '• Confidentiality: what is said between us stays between us.\n' +
        '• How often we meet: e.g. 45 minutes every two weeks, booked before we end each conversation.\n' +
        '• Feedback: each of us says how we like to receive it (direct, with examples, in writing).',
    ),
    section(
      '*For your first conversation*\nWhat is one situation at work right now where a thinking partner would make a difference, and what would a good outcome look like?',
    ),
    context(
      'Every so often I will ask here whether you have met. Answer for the pair; it helps the organizers, and nobody is graded.',
    ),
  ];
}

export const introText = (circle: CircleRow, pair: PairRow) => `You are matched in ${circle.name}: ${people(pair.user_ids)}`;

const LEFT_OUT: Record<LeftOutReason, string> = {
  'no-survey': 'you had not answered the matching survey when the pairs were made',
  late: 'your survey answers came in after the organizers had drawn up the pairs',
  paused: 'your membership is paused',
  'avoid-list': 'we could not find a partner for you among the people who answered this time',
  'no-partner-left': 'the numbers did not work out: everyone else was matched in a way that left no partner for you',
  'swapped-out': 'the organizers rearranged the pairs and no place was left for you',
};

export function leftOutText(circle: CircleRow, reason: LeftOutReason): string {
  const next =
    reason === 'paused'
      ? 'When you resume, you will be asked for your answers again at the next cycle, and matched then.'
      : 'You keep your place: the organizers know, and may match you with someone who joins or asks for a rematch. Otherwise you will be asked again when the next cycle opens.';
  return `:information_source: The pairs of ${name(circle)} for this cycle are confirmed, and you were not matched this time because ${LEFT_OUT[reason]}. ${next}`;
}

export const keptText = (circle: CircleRow, pair: PairRow, cycle: number) =>
  `:handshake: You all chose to continue, so you stay paired in cycle ${cycle} of ${name(circle)}: ${people(pair.user_ids)}. ` +
  'No survey and no new matching for you this time; the "did you meet?" checks go on here.';

export const announceText = (circle: CircleRow, groups: number, cycle: number) =>
  `:handshake: The coaching pairs of ${name(circle)} for cycle ${cycle} are confirmed: ${groups} group${groups === 1 ? '' : 's'}. ` +
  'Look for your group DM with your partner; anyone not matched has been told why.';

// ---------------------------------------------------------------------------------------------
// "Did you meet?"

export const checkText = 'Did you meet since the last check?';

export function checkBlocks(r: CheckRef): KnownBlock[] {
  const value = JSON.stringify(r);
  return [
    section(':calendar: *Did you meet since the last check?* One answer for the pair is enough.'),
    actions([
      button('Yes', PairActions.metYes, value, 'primary'),
      button('Not yet', PairActions.metNotYet, value),
      button("We're stuck", PairActions.metStuck, value),
    ]),
  ];
}

export const answeredText = (userId: string, answer: 'yes' | 'not_yet') =>
  answer === 'yes'
    ? `:white_check_mark: ${mention(userId)} says you met. Keep it going!`
    : `:hourglass: ${mention(userId)} says not yet. Book a time now, while you think of it.`;

export function stuckBlocks(userId: string, pairId: number): KnownBlock[] {
  return [
    section(
      `:construction: ${mention(userId)} says you are stuck. That happens: try saying what is not working, and changing the format. ` +
        'If it still does not work, you can ask the organizers for a new partner.',
    ),
    actions([button('Ask for a rematch', PairActions.rematch, String(pairId))]),
  ];
}

export const rematchText = (fresh: boolean) =>
  fresh
    ? ':incoming_envelope: Your rematch request is with the organizers: they will see it the next time they match pairs, and may reach out.'
    : 'A rematch request for this pair is already with the organizers.';

export const commitmentTipsText = (pair: PairRow) =>
  `:bulb: ${people(pair.user_ids)}, two checks in a row without a meeting. Time for a short, courageous conversation about commitment:\n` +
  COMMITMENT_TIPS.map((t) => `• ${t}`).join('\n');

export const headsUpText = (circle: CircleRow, pair: PairRow) =>
  `:eyes: Heads-up: ${people(pair.user_ids)} in ${name(circle)} answered "not yet" to two meeting checks in a row. ` +
  'They have been sent tips on talking about commitment; a friendly word from you may help.';

// ---------------------------------------------------------------------------------------------
// Monthly tips

export function tipBlocks(key: TipKey): KnownBlock[] {
  const tip = TIPS.find((t) => t.key === key)!;
  return [section(`:bulb: *Peer-coaching tip of the month: ${tip.title}*\n${tip.text}`)];
}

export const tipText = (key: TipKey) => `Peer-coaching tip of the month: ${TIPS.find((t) => t.key === key)!.title}`;

// ---------------------------------------------------------------------------------------------
// The App Home

export function homeBlocks(lines: HomeLine[]): KnownBlock[] {
  if (!lines.length) return [];
  const blocks: KnownBlock[] = [section('*Your coaching pairs*')];
  for (const l of lines.slice(0, HOME_MAX_PROGRAMS)) {
    if (l.kind === 'paired') blocks.push(section(`${name(l.circle)}: you are paired with ${people(l.partners)} this cycle.`));
    else if (l.kind === 'unmatched')
      blocks.push(
        section(`${name(l.circle)}: you were not matched this cycle; you will be asked again when the next one opens.`),
      );
    else if (l.answered)
      blocks.push(
        section(
          `${name(l.circle)}: your survey answers are in; the pairs are not confirmed yet.`,
          button('Change my answers', PairActions.survey, String(l.cycleId)),
        ),
      );
    else
      blocks.push(
        section(
          `${name(l.circle)}: answer the matching survey so you can be matched this cycle.`,
          button('Answer the survey', PairActions.survey, String(l.cycleId), 'primary'),
        ),
      );
  }
  return blocks;
}
