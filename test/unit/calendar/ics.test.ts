import { type CalendarSession, escapeText, foldLine, formatOffset, renderCalendar } from '../../../src/calendar/ics';

const session = (over: Partial<CalendarSession> = {}): CalendarSession => ({
  id: 7,
  startsAt: new Date('2026-12-01T14:00:00Z'),
  endsAt: new Date('2026-12-01T15:30:00Z'),
  updatedAt: new Date('2026-11-20T08:15:30Z'),
  status: 'scheduled',
  sequence: 0,
  circleName: 'New Managers',
  focus: 'Leading a team for the first time',
  timeZone: 'America/New_York',
  videoLink: 'https://meet.example.com/abc',
  warmupLeader: 'Ben',
  isPair: false,
  ...over,
});

/** Physical lines, split on CRLF only. */
const physicalLines = (ics: string): string[] => ics.split('\r\n').slice(0, -1);
/** Content lines as a reader sees them after unfolding (RFC 5545 3.1). */
const contentLines = (ics: string): string[] =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .slice(0, -1);
/** The VEVENT blocks, unfolded. */
const events = (ics: string): string[][] => {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of contentLines(ics)) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = null;
    } else current?.push(line);
  }
  return out;
};
const prop = (lines: string[], name: string): string | undefined =>
  lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
const blocksOf = (ics: string, kind: string): string[][] => {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of contentLines(ics)) {
    if (line === `BEGIN:${kind}`) current = [];
    else if (line === `END:${kind}` && current) {
      out.push(current);
      current = null;
    } else current?.push(line);
  }
  return out;
};

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines, backslash first', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    expect(escapeText('x\r\ny\rz')).toBe('x\\ny\\nz');
    expect(escapeText('C:\\new')).toBe('C:\\\\new');
  });

  it('leaves colons, quotes and tabs alone and drops other control characters', () => {
    expect(escapeText('Time: "now"\there')).toBe('Time: "now"\there');
    expect(escapeText('bell\u0007 and nul\u0000')).toBe('bell and nul');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets as it is', () => {
    const line = `SUMMARY:${'a'.repeat(67)}`;
    expect(Buffer.byteLength(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds ASCII at 75 octets with a leading space on each continuation', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBe(3);
    expect(folded[0]).toHaveLength(75);
    expect(folded[1]).toHaveLength(75);
    expect(folded[1]!.startsWith(' ')).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('never splits a multi-byte character: an emoji that would cross octet 75 moves to the next line', () => {
    const line = `DESCRIPTION:${'a'.repeat(61)}😀 after`;
    const folded = foldLine(line).split('\r\n');
    expect(Buffer.byteLength(folded[0]!)).toBe(73);
    expect(folded[1]).toBe(' 😀 after');
  });

  it('never splits an accented character at the boundary', () => {
    const line = `SUMMARY:${'b'.repeat(66)}é${'c'.repeat(10)}`;
    const folded = foldLine(line).split('\r\n');
    expect(Buffer.byteLength(folded[0]!)).toBe(74);
    expect(folded[1]).toBe(` é${'c'.repeat(10)}`);
  });

  it('keeps every physical line within 75 octets and valid UTF-8 for long mixed text', () => {
    const text = 'Réunion ☕ café — 日本語のテキスト 👩‍👩‍👧‍👦 naïve façade 🎉'.repeat(6);
    const line = `DESCRIPTION:${escapeText(text)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(3);
    for (const physical of folded) {
      expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
      // A split code point would leave a lone surrogate, which does not survive a UTF-8 round trip.
      expect(Buffer.from(physical, 'utf8').toString('utf8')).toBe(physical);
    }
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });

  it('keeps an escape pair on one line', () => {
    const line = `DESCRIPTION:${'a'.repeat(62)}\\nnext`;
    const folded = foldLine(line).split('\r\n');
    expect(folded[0]).toBe(`DESCRIPTION:${'a'.repeat(62)}`);
    expect(folded[1]).toBe(' \\nnext');
  });
});

describe('formatOffset', () => {
  it('writes offsets as +HHMM / -HHMM', () => {
    expect(formatOffset(-5 * 3_600_000)).toBe('-0500');
    expect(formatOffset(5.5 * 3_600_000)).toBe('+0530');
    expect(formatOffset(0)).toBe('+0000');
    expect(formatOffset(5 * 3_600_000 + 45 * 60_000)).toBe('+0545');
  });
});

describe('renderCalendar', () => {
  it('has the calendar header, CRLF line endings and no line over 75 octets', () => {
    const ics = renderCalendar([session({ focus: `A long focus, with commas; semicolons and ünïcödé ${'ü'.repeat(80)}` })]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = contentLines(ics);
    expect(lines).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Peer Circles',
        expect.stringMatching(/^PRODID:/),
      ]),
    );
    for (const physical of physicalLines(ics)) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
  });

  it('writes one event with a stable UID, UTC DTSTAMP from the last change, sequence and details', () => {
    const [event] = events(renderCalendar([session({ sequence: 3 })]));
    expect(event).toBeDefined();
    expect(prop(event!, 'UID')).toBe('UID:session-7@peer-circles');
    expect(prop(event!, 'DTSTAMP')).toBe('DTSTAMP:20261120T081530Z');
    expect(prop(event!, 'SEQUENCE')).toBe('SEQUENCE:3');
    expect(prop(event!, 'SUMMARY')).toBe('SUMMARY:New Managers');
    expect(prop(event!, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(prop(event!, 'LOCATION')).toBe('LOCATION:https://meet.example.com/abc');
    expect(prop(event!, 'URL')).toBe('URL:https://meet.example.com/abc');
    expect(prop(event!, 'DESCRIPTION')).toBe(
      'DESCRIPTION:Leading a team for the first time\\nWarm-up: Ben\\nJoin the call: https://meet.example.com/abc',
    );
  });

  it('escapes the circle name and focus', () => {
    const [event] = events(renderCalendar([session({ circleName: 'Leads, Managers; & Co\\', focus: 'One\nTwo' })]));
    expect(prop(event!, 'SUMMARY')).toBe('SUMMARY:Leads\\, Managers\\; & Co\\\\');
    expect(prop(event!, 'DESCRIPTION')).toMatch(/^DESCRIPTION:One\\nTwo\\nWarm-up/);
  });

  it('marks a cancelled session CANCELLED with its sequence, so calendars remove it', () => {
    const ics = renderCalendar([
      session({ id: 1 }),
      session({ id: 2, status: 'cancelled', sequence: 1 }),
      session({ id: 3, status: 'held' }),
    ]);
    const [first, cancelled, held] = events(ics);
    expect(prop(first!, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(prop(cancelled!, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(prop(cancelled!, 'SEQUENCE')).toBe('SEQUENCE:1');
    expect(prop(cancelled!, 'DESCRIPTION')).toMatch(/^DESCRIPTION:This session is cancelled\./);
    expect(prop(held!, 'STATUS')).toBe('STATUS:CONFIRMED');
  });

  it('leaves out LOCATION and URL without a video link, and the warm-up line without a leader', () => {
    const [event] = events(renderCalendar([session({ videoLink: null, warmupLeader: null })]));
    expect(prop(event!, 'LOCATION')).toBeUndefined();
    expect(prop(event!, 'URL')).toBeUndefined();
    expect(prop(event!, 'DESCRIPTION')).toBe('DESCRIPTION:Leading a team for the first time');
  });

  it('keeps a video link that is not a web URL out of URL but still shows it', () => {
    const [event] = events(renderCalendar([session({ videoLink: 'Room 4, 2nd floor' })]));
    expect(prop(event!, 'URL')).toBeUndefined();
    expect(prop(event!, 'LOCATION')).toBe('LOCATION:Room 4\\, 2nd floor');
  });

  it('writes New York times as local wall time with TZID, and a VTIMEZONE with its real transitions', () => {
    const ics = renderCalendar([
      session({ id: 1 }),
      // Across the March 2027 change: still 09:00 on the wall, an hour earlier in UTC.
      session({ id: 2, startsAt: new Date('2027-03-16T13:00:00Z'), endsAt: new Date('2027-03-16T14:30:00Z') }),
    ]);
    const [winter, spring] = events(ics);
    expect(prop(winter!, 'DTSTART')).toBe('DTSTART;TZID=America/New_York:20261201T090000');
    expect(prop(winter!, 'DTEND')).toBe('DTEND;TZID=America/New_York:20261201T103000');
    expect(prop(spring!, 'DTSTART')).toBe('DTSTART;TZID=America/New_York:20270316T090000');

    const zones = blocksOf(ics, 'VTIMEZONE');
    expect(zones).toHaveLength(1);
    expect(zones[0]).toContain('TZID:America/New_York');
    expect(blocksOf(ics, 'STANDARD')).toEqual([
      ['DTSTART:20261101T020000', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'TZNAME:EST'],
    ]);
    expect(blocksOf(ics, 'DAYLIGHT')).toEqual([
      ['DTSTART:20270314T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'TZNAME:EDT'],
    ]);
  });

  it('writes Kolkata times with TZID and a fixed +05:30 VTIMEZONE', () => {
    const ics = renderCalendar([
      session({
        timeZone: 'Asia/Kolkata',
        startsAt: new Date('2026-12-01T03:30:00Z'),
        endsAt: new Date('2026-12-01T04:30:00Z'),
      }),
    ]);
    const [event] = events(ics);
    expect(prop(event!, 'DTSTART')).toBe('DTSTART;TZID=Asia/Kolkata:20261201T090000');
    expect(prop(event!, 'DTEND')).toBe('DTEND;TZID=Asia/Kolkata:20261201T100000');
    const zones = blocksOf(ics, 'VTIMEZONE');
    expect(zones).toHaveLength(1);
    expect(zones[0]).toContain('TZID:Asia/Kolkata');
    const [standard] = blocksOf(ics, 'STANDARD');
    expect(standard).toEqual(expect.arrayContaining(['DTSTART:19700101T000000', 'TZOFFSETFROM:+0530', 'TZOFFSETTO:+0530']));
    expect(blocksOf(ics, 'DAYLIGHT')).toEqual([]);
  });

  it('knows daylight time in the southern hemisphere, and starts with the observance in force', () => {
    const ics = renderCalendar([
      session({
        timeZone: 'Australia/Sydney',
        startsAt: new Date('2027-01-10T22:00:00Z'),
        endsAt: new Date('2027-01-10T23:00:00Z'),
      }),
      session({
        timeZone: 'Australia/Sydney',
        startsAt: new Date('2027-06-10T22:00:00Z'),
        endsAt: new Date('2027-06-10T23:00:00Z'),
      }),
    ]);
    const [summer, winter] = events(ics);
    expect(prop(summer!, 'DTSTART')).toBe('DTSTART;TZID=Australia/Sydney:20270111T090000');
    expect(prop(winter!, 'DTSTART')).toBe('DTSTART;TZID=Australia/Sydney:20270611T080000');
    expect(blocksOf(ics, 'DAYLIGHT')).toEqual([['DTSTART:20261004T020000', 'TZOFFSETFROM:+1000', 'TZOFFSETTO:+1100']]);
    expect(blocksOf(ics, 'STANDARD')).toEqual([['DTSTART:20270404T030000', 'TZOFFSETFROM:+1100', 'TZOFFSETTO:+1000']]);
  });

  it('writes one VTIMEZONE per zone used, whatever the number of events', () => {
    const ics = renderCalendar([
      session({ id: 1 }),
      session({ id: 2, startsAt: new Date('2026-12-15T14:00:00Z'), endsAt: new Date('2026-12-15T15:00:00Z') }),
      session({ id: 3, timeZone: 'Asia/Kolkata' }),
    ]);
    expect(contentLines(ics).filter((l) => l.startsWith('TZID:'))).toEqual(['TZID:America/New_York', 'TZID:Asia/Kolkata']);
  });

  it('falls back to UTC times without a zone', () => {
    const ics = renderCalendar([session({ timeZone: null })]);
    const [event] = events(ics);
    expect(prop(event!, 'DTSTART')).toBe('DTSTART:20261201T140000Z');
    expect(prop(event!, 'DTEND')).toBe('DTEND:20261201T153000Z');
    expect(blocksOf(ics, 'VTIMEZONE')).toEqual([]);
  });

  it('is byte-identical for the same sessions', () => {
    expect(renderCalendar([session()])).toBe(renderCalendar([session()]));
  });
});
