import { type CalendarSession, renderCalendar } from '../../../src/calendar/ics';
import type { Cadence } from '../../../src/time/cadence';
import { occurrences } from '../../../src/time/occurrences';
import { parseFeed, wallIn } from '../../support/ical';

const rotation = (timeZone: string): Cadence => ({
  kind: 'weekly',
  everyWeeks: 1,
  weekday: 'tuesday',
  localTime: '08:00',
  durationMinutes: 60,
  timeZone,
  alternate: { weekday: 'tuesday', localTime: '17:00' },
});

function feedOf(cadence: Cadence, from: string, to: string): { ics: string; sessions: CalendarSession[] } {
  const sessions = occurrences(
    cadence,
    { startDate: from, endDate: to },
    { from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T23:59:59Z`) },
  ).map((o, i): CalendarSession => ({
    id: i + 1,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    status: 'scheduled',
    sequence: 0,
    circleName: 'Growth, early; late',
    focus: '',
    timeZone: cadence.timeZone,
    videoLink: null,
    warmupLeader: null,
    isPair: false,
  }));
  return { ics: renderCalendar(sessions), sessions };
}

/**
 * The feed read back by a standard iCalendar parser (ical.js), not by our own code: every event of
 * an alternating cadence starts at the instant stored, so the two times alternate in the anchor
 * zone and land right in every member's zone, on both sides of each daylight-saving change.
 */
describe('the calendar feed of a rotating cadence, read by ical.js', () => {
  it.each(['America/New_York', 'Australia/Sydney', 'Europe/London'])('anchored in %s, across a year of changes', (zone) => {
    const { ics, sessions } = feedOf(rotation(zone), '2026-12-01', '2027-11-30');
    const parsed = parseFeed(ics);
    expect(parsed).toHaveLength(sessions.length);
    expect(parsed.map((e) => e.start.toISOString())).toEqual(sessions.map((s) => s.startsAt.toISOString()));
    expect(parsed.map((e) => e.summary)).toEqual(sessions.map(() => 'Growth, early; late'));
    const local = parsed.map((e) => wallIn(e.start, zone));
    // The window opens at midnight UTC, so a cycle may show from its second (17:00) session on.
    expect(new Set(local)).toEqual(new Set(['Tue 08:00', 'Tue 17:00']));
    local.forEach((w, i) => {
      if (i > 0) expect(w).not.toBe(local[i - 1]);
    });
  });

  it('puts New York’s 08:00 and 17:00 at the right local time in London, Nairobi and Sydney around March', () => {
    const { ics } = feedOf(rotation('America/New_York'), '2027-03-02', '2027-04-13');
    const starts = parseFeed(ics).map((e) => e.start);
    const view = (zone: string) => starts.map((s) => wallIn(s, zone));
    // 2 Mar 08:00, 9 Mar 17:00, 16 Mar 08:00 (New York on daylight time), 23 Mar 17:00,
    // 30 Mar 08:00 (London on summer time), 6 Apr 17:00 (Sydney back on standard time), 13 Apr 08:00.
    expect(view('America/New_York')).toEqual([
      'Tue 08:00',
      'Tue 17:00',
      'Tue 08:00',
      'Tue 17:00',
      'Tue 08:00',
      'Tue 17:00',
      'Tue 08:00',
    ]);
    expect(view('Europe/London')).toEqual([
      'Tue 13:00',
      'Tue 22:00',
      'Tue 12:00',
      'Tue 21:00',
      'Tue 13:00',
      'Tue 22:00',
      'Tue 13:00',
    ]);
    expect(view('Africa/Nairobi')).toEqual([
      'Tue 16:00',
      'Wed 01:00',
      'Tue 15:00',
      'Wed 00:00',
      'Tue 15:00',
      'Wed 00:00',
      'Tue 15:00',
    ]);
    expect(view('Australia/Sydney')).toEqual([
      'Wed 00:00',
      'Wed 09:00',
      'Tue 23:00',
      'Wed 08:00',
      'Tue 23:00',
      'Wed 07:00',
      'Tue 22:00',
    ]);
  });
});
