import { askBlocks, askText, backText, followUpBlocks, notesAbsentText, nudgeBlocks } from '../../src/checkins/blocks';
import type { CircleRow, CycleRow } from '../../src/circles/store';
import { closingText, reminderBlocks as evaluationReminderBlocks } from '../../src/cycles/blocks';
import { confirmedText } from '../../src/pairs/blocks';
import { reminderBlocks, reminderText, warmupBlocks, warmupText } from '../../src/sessions/messages';
import type { SessionRow } from '../../src/sessions/store';
import { textOf } from '../support/fixtures';

/**
 * Slack renders `{date_pretty}`, `{date_short_pretty}` and `{date_long_pretty}` as "yesterday",
 * "today", "tomorrow" or a date, depending on the reader's day. Every sentence with such a token
 * must read right in each form: "met yesterday", never "met on yesterday"; "Last day: today",
 * never "its last day is today"; and no relative day beside a count computed apart from it.
 */
const FORMS = {
  yesterday: { long: 'yesterday', short: 'yesterday' },
  today: { long: 'today', short: 'today' },
  date: { long: 'Tuesday, December 1st', short: 'Dec 1' },
} as const;

/** The text as a reader sees it on a day when the token renders in the given form. */
function rendered(text: string, form: keyof typeof FORMS): string {
  return text.replace(/<!date\^\d+\^([^|>]+)(?:\|[^>]*)?>/g, (_, format: string) =>
    format
      .replace(/\{date_long_pretty\}|\{date_pretty\}/g, FORMS[form].long)
      .replace(/\{date_short_pretty\}/g, FORMS[form].short)
      .replace(/\{date_long\}/g, 'Tuesday, December 1st, 2026')
      .replace(/\{time\}/g, '9:00 AM'),
  );
}

/** Wordings that read wrong when the date renders as a relative day. */
const AWKWARD = [
  /\b(on|is|by|until|since) (yesterday|today|tomorrow)\b/i,
  /\b(yesterday|today|tomorrow)\b[^.\n]*\((in \d+|tomorrow)/i,
  /\(in \d+ (days?|hours?|minutes?)\)/,
];

const circle = {
  id: 7,
  team_id: 'T1',
  name: 'Loop',
  kind: 'group',
  channel_id: 'C1',
  video_link: null,
  session_format: 'open-checkin',
} as CircleRow;
const cycle = { id: 1, number: 2, start_date: '2026-06-01', end_date: '2026-12-01' } as CycleRow;
const session = {
  id: 3,
  team_id: 'T1',
  circle_id: 7,
  starts_at: new Date('2026-12-01T14:00:00Z'),
  ends_at: new Date('2026-12-01T15:30:00Z'),
  status: 'scheduled',
  leader_user_id: 'U2',
  prompt_text: 'A good day at work',
} as SessionRow;
const at = new Date('2026-12-01T14:00:00Z');

const SENTENCES: Array<[string, string]> = [
  ['check-in ask', textOf(askBlocks(circle, session))],
  ['check-in ask (notification)', askText(circle, session)],
  ['check-in follow-up', textOf(followUpBlocks(circle, session))],
  ['lapse nudge', textOf(nudgeBlocks(circle, 2, session))],
  ['back from a nudge', backText(circle, session)],
  ['notes for the absent', notesAbsentText(circle, session, null, 'C1')],
  ['session reminder', reminderText(circle, session)],
  ['session reminder (a week ahead)', textOf(reminderBlocks(circle, session, 10080, []))],
  ['session reminder (an hour ahead)', textOf(reminderBlocks(circle, session, 60, []))],
  ['warm-up turn', warmupText(circle, session)],
  ['warm-up turn (message)', textOf(warmupBlocks(circle, session))],
  ['cycle closing', closingText(circle, cycle, at)],
  ['evaluation reminder', textOf(evaluationReminderBlocks(circle, cycle, at))],
];

describe('dates read well in every form Slack renders them', () => {
  it.each(SENTENCES.flatMap(([what, text]) => (['yesterday', 'today', 'date'] as const).map((form) => [what, form, text])))(
    '%s, rendered as %s',
    (_what, form, text) => {
      expect(text).toMatch(/<!date\^/);
      const shown = rendered(text, form as keyof typeof FORMS);
      for (const awkward of AWKWARD) expect(shown).not.toMatch(awkward);
    },
  );

  it('says "met yesterday" and "Last day: today", not "met on yesterday" or "its last day is today"', () => {
    expect(rendered(textOf(askBlocks(circle, session)), 'yesterday')).toContain('*Loop* met yesterday at 9:00 AM.');
    expect(rendered(textOf(askBlocks(circle, session)), 'date')).toContain('*Loop* met Tuesday, December 1st at 9:00 AM.');
    expect(rendered(closingText(circle, cycle, new Date('2026-12-02T00:00:00Z')), 'today')).toContain('Last day: today.');
    expect(rendered(reminderText(circle, session), 'today')).toBe('Reminder: Loop meets today at 9:00 AM');
  });

  it('counts the members not matched in the right number', () => {
    expect(confirmedText(circle, 2, 1)).toContain('the 1 member not matched is told why');
    expect(confirmedText(circle, 2, 3)).toContain('the 3 members not matched are told why');
    expect(confirmedText(circle, 1, 0)).not.toContain('not matched');
  });
});
