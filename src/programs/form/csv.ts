import { stringify } from 'csv-stringify/sync';
import type { Preview } from './model';
import { reasonWords, timeLabel, UNPLACED_WORDS } from './words';

/**
 * The whole arrangement as one CSV a spreadsheet opens: a row per person, the circle, its time
 * and reasons, or why they are not placed. Names are what people typed in Slack, so a leading
 * `=`, `+`, `-` or `@` is escaped (the library's `escape_formulas`) rather than run as a formula.
 */
export function arrangementCsv(p: Preview, names: Map<string, string>, first: (at: Date | null) => string): string {
  const rows: string[][] = [];
  for (const c of p.circles) {
    const label = timeLabel(c.time);
    // Mentions in the reasons become plain names in a file.
    const reasons = reasonWords(c.facts, c.wishes, p.fields, label)
      .join('; ')
      .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => names.get(id) ?? id);
    for (const id of c.members) {
      rows.push([
        String(c.index + 1),
        label,
        first(c.first),
        (Math.round(c.score * 10) / 10).toString(),
        id,
        names.get(id) ?? '',
        id === c.facilitator ? 'facilitator' : 'member',
        c.facts.ifNeedBe.includes(id) ? 'if need be' : 'yes',
        reasons,
      ]);
    }
  }
  for (const u of p.unplaced)
    rows.push(['', '', '', '', u.id, names.get(u.id) ?? '', 'not placed', '', UNPLACED_WORDS[u.reason]]);
  for (const id of p.unfinished)
    rows.push(['', '', '', '', id, names.get(id) ?? '', 'not placed', '', UNPLACED_WORDS.unfinished]);
  return stringify(rows, {
    header: true,
    columns: ['circle', 'time', 'first_meeting', 'score', 'member', 'name', 'role', 'time_answer', 'reasons'],
    escape_formulas: true,
  });
}

export function csvFilename(programName: string): string {
  return `${programName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'program'}-circles.csv`;
}
