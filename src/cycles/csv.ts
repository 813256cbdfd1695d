import { stringify } from 'csv-stringify/sync';
import type { Report } from './report';

/** The report as CSV files a spreadsheet opens: one per table, quoting left to the library. */

export interface CsvFile {
  filename: string;
  content: string;
}

const iso = (d: Date) => d.toISOString();

export function reportCsvs(r: Report): CsvFile[] {
  const prefix = `${r.circle.name.replace(/[^A-Za-z0-9]+/g, '-')}-cycle-${r.cycle.number}`;
  const sessions = stringify(
    r.sessions.map((s) => [s.id, iso(s.startsAt), s.expected, s.present, s.recorded, s.checkins, s.usefulness ?? '']),
    { header: true, columns: ['session_id', 'starts_at', 'expected', 'present', 'recorded', 'checkins', 'usefulness_avg'] },
  );
  const attendance = stringify(
    r.members.map((m) => [m.userId, m.expected, m.present, m.checkins]),
    { header: true, columns: ['member', 'sessions_expected', 'sessions_present', 'checkins'] },
  );
  const evaluations = stringify(
    r.evaluations.map((e) => [
      r.anonymous ? '' : (e.user_id ?? ''),
      e.value_rating,
      e.kept_own,
      e.kept_others,
      e.recommend ? 'yes' : 'no',
      e.choice,
      e.most_useful ?? '',
      e.to_improve ?? '',
    ]),
    {
      header: true,
      columns: ['member', 'value', 'kept_own', 'kept_others', 'recommend', 'choice', 'most_useful', 'to_improve'],
    },
  );
  return [
    { filename: `${prefix}-sessions.csv`, content: sessions },
    { filename: `${prefix}-attendance.csv`, content: attendance },
    { filename: `${prefix}-evaluations.csv`, content: evaluations },
  ];
}
