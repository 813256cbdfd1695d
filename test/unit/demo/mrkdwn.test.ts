import { type Line, linesText, parseMrkdwn, type RichContext } from '../../../web/demo/model/mrkdwn';

const ctx: RichContext = {
  timeZone: 'Asia/Kolkata',
  now: Date.UTC(2026, 11, 1, 12, 0),
  userName: (id) => ({ U0PCANA001: 'Ana Souza' })[id],
  channelName: (id) => ({ C0PCGENERL: 'general' })[id],
};

const only = (lines: Line[]) => {
  const [line] = lines;
  if (!line || line.kind === 'pre') throw new Error('expected one line of inlines');
  return line.inlines;
};

describe('mrkdwn as the reader sees it', () => {
  it('marks bold, italic, strike and code, nested', () => {
    expect(only(parseMrkdwn('a *bold _both_* ~gone~ `x*y*`', ctx))).toEqual([
      { kind: 'text', text: 'a ', marks: [] },
      { kind: 'text', text: 'bold ', marks: ['bold'] },
      { kind: 'text', text: 'both', marks: ['bold', 'italic'] },
      { kind: 'text', text: ' ', marks: [] },
      { kind: 'text', text: 'gone', marks: ['strike'] },
      { kind: 'text', text: ' ', marks: [] },
      { kind: 'text', text: 'x*y*', marks: ['code'] },
    ]);
  });

  it("renders the emoji codes the app writes, with Slack's own names, and leaves unknown ones as typed", () => {
    expect(linesText(parseMrkdwn(':notebook: :incoming_envelope: :spiral_calendar_pad: :hugs: :no_such_emoji:', ctx))).toBe(
      '📓 📨 🗓️ 🤗 :no_such_emoji:',
    );
  });

  it('leaves markers inside words and lone ones alone', () => {
    expect(linesText(parseMrkdwn('snake_case_name and 2 * 3 * 4', ctx))).toBe('snake_case_name and 2 * 3 * 4');
    expect(only(parseMrkdwn('snake_case_name', ctx))).toEqual([{ kind: 'text', text: 'snake_case_name', marks: [] }]);
  });

  it('resolves mentions, channel links, broadcasts and links', () => {
    expect(
      only(
        parseMrkdwn(
          '<@U0PCANA001> in <#C0PCGENERL>, <#C0PCOTHER1|elsewhere>, <!here>: <https://x.test/a?b=1&amp;c=2|the doc>',
          ctx,
        ),
      ),
    ).toEqual([
      { kind: 'user', id: 'U0PCANA001', label: '@Ana Souza' },
      { kind: 'text', text: ' in ', marks: [] },
      { kind: 'channel', id: 'C0PCGENERL', label: '#general' },
      { kind: 'text', text: ', ', marks: [] },
      { kind: 'channel', id: 'C0PCOTHER1', label: '#elsewhere' },
      { kind: 'text', text: ', ', marks: [] },
      { kind: 'broadcast', label: '@here' },
      { kind: 'text', text: ': ', marks: [] },
      { kind: 'link', url: 'https://x.test/a?b=1&c=2', label: 'the doc', marks: [] },
    ]);
  });

  it('renders date tokens in the reader’s zone', () => {
    const [date] = only(parseMrkdwn('<!date^1796749200^{date_long_pretty} at {time}|2026-12-08 17:00 UTC>', ctx));
    expect(date).toEqual({ kind: 'date', label: 'Tuesday, December 8th, 2026 at 10:30 PM', iso: '2026-12-08T17:00:00.000Z' });
  });

  it('splits quotes, bullets and code blocks into lines, and decodes entities once', () => {
    const lines = parseMrkdwn('&gt; quoted &amp; kept\n• first\n- second\n```\nif a < b\n```\nplain :wave:', ctx);
    expect(lines.map((l) => l.kind)).toEqual(['quote', 'bullet', 'bullet', 'pre', 'line']);
    expect(linesText(lines)).toBe('quoted & kept\n• first\n• second\nif a < b\nplain 👋');
  });

  it('links only http, https and mailto: any other scheme stays text', () => {
    expect(only(parseMrkdwn('<javascript:alert(document.domain)|the doc>', ctx))).toEqual([
      { kind: 'text', text: 'the doc', marks: [] },
    ]);
    // Spelled the ways a browser would still read as javascript: (case, a tab inside, leading space).
    for (const url of [
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
    ]) {
      const inlines = only(parseMrkdwn(`*<${url}|x>*`, ctx));
      expect(inlines).toEqual([{ kind: 'text', text: 'x', marks: ['bold'] }]);
    }
    expect(only(parseMrkdwn('<vbscript:msgbox>', ctx))).toEqual([{ kind: 'text', text: 'vbscript:msgbox', marks: [] }]);
    expect(only(parseMrkdwn('<mailto:ana@x.test> <http://x.test|x>', ctx))).toEqual([
      { kind: 'link', url: 'mailto:ana@x.test', label: 'ana@x.test', marks: [] },
      { kind: 'text', text: ' ', marks: [] },
      { kind: 'link', url: 'http://x.test', label: 'x', marks: [] },
    ]);
    const [bad, , good] = only(
      parseMrkdwn('<!date^1796749200^{date}^javascript:alert(1)|a> <!date^1796749200^{date}^https://x.test/s|b>', ctx),
    );
    expect(bad).not.toHaveProperty('url');
    expect(good).toHaveProperty('url', 'https://x.test/s');
  });

  it('keeps escaped angle brackets as text, not as tokens', () => {
    expect(linesText(parseMrkdwn('a &lt;b&gt; c', ctx))).toBe('a <b> c');
  });
});
