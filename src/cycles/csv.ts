import { type Options, stringify } from 'csv-stringify/sync';
import type { Report } from './report';

/**
 * The report as CSV files a spreadsheet opens: one per table, quoting left to the library. What
 * members typed can start with `=`, `+`, `-` or `@` (or a tab or carriage return) and would run as
 * a formula in a spreadsheet: every text cell is escaped with a leading quote (`escape_formulas`),
 * numbers are not.
 */

export interface CsvFile {
  filename: string;
  content: string;
}

const iso = (d: Date) => d.toISOString();

function table(columns: string[], rows: unknown[][]): string {
  const options: Options = { header: true, columns, escape_formulas: true };
  return stringify(rows, options);
}

export function reportCsvs(r: Report): CsvFile[] {
  const prefix = `${r.circle.name.replace(/[^A-Za-z0-9]+/g, '-')}-cycle-${r.cycle.number}`;
  const sessions = table(
    ['session_id', 'starts_at', 'recorded_status', 'expected', 'present', 'recorded', 'checkins', 'usefulness_avg'],
    r.sessions.map((s) => [
      s.id,
      iso(s.startsAt),
      s.noted ? 'recorded' : 'not recorded',
      s.expected,
      s.noted ? s.present : '',
      s.noted ? s.recorded : '',
      s.checkins,
      s.usefulness ?? '',
    ]),
  );
  // Counted over recorded sessions only, as the header says.
  const attendance = table(
    ['member', 'recorded_sessions_expected', 'recorded_sessions_marked', 'sessions_present', 'checkins'],
    r.members.map((m) => [m.userId, m.expected, m.recorded, m.present, m.checkins]),
  );
  const files = [
    { filename: `${prefix}-sessions.csv`, content: sessions },
    { filename: `${prefix}-attendance.csv`, content: attendance },
  ];
  if (r.pairs) {
    files.push({
      filename: `${prefix}-pairs.csv`,
      content: table(
        ['pair', 'members', 'check_date', 'answer'],
        r.pairs.flatMap((p, i) =>
          p.answers.length
            ? p.answers.map((a) => [i + 1, p.userIds.join(' '), a.date, a.answer])
            : [[i + 1, p.userIds.join(' '), '', '']],
        ),
      ),
    });
  }
  if (!r.anonymous) {
    files.push({
      filename: `${prefix}-evaluations.csv`,
      content: table(
        ['member', 'value', 'kept_own', 'kept_others', 'recommend', 'choice', 'most_useful', 'to_improve'],
        r.evaluations.map((e) => [
          e.user_id ?? '',
          e.value_rating,
          e.kept_own,
          e.kept_others,
          e.recommend ? 'yes' : 'no',
          e.choice,
          e.most_useful ?? '',
          e.to_improve ?? '',
        ]),
      ),
    });
    return files;
  }
  // Anonymous: ratings and choices in one file, comments in another, each in its own shuffled
  // order, so neither a row's position nor a choice beside a comment tells who wrote it.
  files.push(
    {
      filename: `${prefix}-evaluations.csv`,
      content: table(
        ['value', 'kept_own', 'kept_others', 'recommend', 'choice'],
        r.evaluations.map((e) => [e.value_rating, e.kept_own, e.kept_others, e.recommend ? 'yes' : 'no', e.choice]),
      ),
    },
    {
      filename: `${prefix}-comments.csv`,
      content: table(
        ['most_useful', 'to_improve'],
        r.comments.map((c) => [c.mostUseful ?? '', c.toImprove ?? '']),
      ),
    },
  );
  return files;
}
