import { formatSlackDate, ordinal, parseDateToken } from '../../../web/demo/model/slackDate';

// Tuesday 8 December 2026, 17:00 in London (UTC+0 in winter).
const SESSION = Date.UTC(2026, 11, 8, 17, 0) / 1000;
const NOW = Date.UTC(2026, 11, 1, 12, 0);

describe('<!date^…> in the reader’s zone', () => {
  it.each([
    ['Europe/London', 'Tuesday, December 8th, 2026 at 5:00 PM'],
    ['America/New_York', 'Tuesday, December 8th, 2026 at 12:00 PM'],
    ['America/Los_Angeles', 'Tuesday, December 8th, 2026 at 9:00 AM'],
    ['Asia/Kolkata', 'Tuesday, December 8th, 2026 at 10:30 PM'],
  ])('shows the same instant in %s as %s', (timeZone, expected) => {
    expect(formatSlackDate(SESSION, '{date_long_pretty} at {time}', { timeZone, now: NOW })).toBe(expected);
  });

  it('moves to the next day where the reader’s evening is already tomorrow', () => {
    const late = Date.UTC(2026, 11, 8, 20, 0) / 1000;
    expect(formatSlackDate(late, '{date_num} {time}', { timeZone: 'Asia/Kolkata', now: NOW })).toBe('2026-12-09 1:30 AM');
  });

  it('says today, tomorrow and yesterday relative to the reader’s own calendar day', () => {
    const now = Date.UTC(2026, 11, 7, 23, 30); // Monday 23:30 in London, already Tuesday in Kolkata
    expect(formatSlackDate(SESSION, '{date_pretty}', { timeZone: 'Europe/London', now })).toBe('tomorrow');
    expect(formatSlackDate(SESSION, '{date_pretty}', { timeZone: 'Asia/Kolkata', now })).toBe('today');
    expect(formatSlackDate(SESSION - 86_400, '{date_short_pretty}', { timeZone: 'Asia/Kolkata', now })).toBe('yesterday');
  });

  it('keeps the wall time across a daylight-saving change', () => {
    const summer = Date.UTC(2027, 5, 8, 16, 0) / 1000; // 17:00 BST
    expect(formatSlackDate(summer, '{time}', { timeZone: 'Europe/London', now: NOW })).toBe('5:00 PM');
  });

  it('knows every documented format token and leaves unknown ones as written', () => {
    const ctx = { timeZone: 'America/New_York', now: NOW };
    expect(formatSlackDate(SESSION, '{date}|{date_short}|{date_long}|{time_secs}', ctx)).toBe(
      'December 8th, 2026|Dec 8, 2026|Tuesday, December 8th, 2026|12:00:00 PM',
    );
    expect(formatSlackDate(SESSION, '{ago}', ctx)).toBe('in 7 days');
    expect(formatSlackDate(NOW / 1000 - 7200, '{ago}', ctx)).toBe('2 hours ago');
    expect(formatSlackDate(SESSION, '{nonsense}', ctx)).toBe('{nonsense}');
  });

  it('reads tokens with and without a link', () => {
    expect(parseDateToken('!date^1796749200^{date_short} at {time}|2026-12-08 17:00 UTC')).toEqual({
      seconds: 1796749200,
      format: '{date_short} at {time}',
      fallback: '2026-12-08 17:00 UTC',
    });
    expect(parseDateToken('!date^1796749200^{date}^https://example.com|x')?.link).toBe('https://example.com');
    expect(parseDateToken('!here')).toBeUndefined();
  });

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [31, '31st'],
  ])('writes %i as %s', (n, expected) => expect(ordinal(n)).toBe(expected));
});
