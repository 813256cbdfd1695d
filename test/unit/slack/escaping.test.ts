import { echo, escapeMrkdwn, link } from '../../../src/core/text';

describe('text people typed, made safe to show in Slack', () => {
  it.each([
    ['<!channel> hi', '&lt;!channel&gt; hi'],
    ['<!here>', '&lt;!here&gt;'],
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<!subteam^S123|@leads>', '&lt;!subteam^S123|@leads&gt;'],
    ['<@U123|ana>', '&lt;@U123|ana&gt;'],
    ['<#C123|general>', '&lt;#C123|general&gt;'],
    ['<http://evil.example|Payroll>', '&lt;http://evil.example|Payroll&gt;'],
    ['R&D', 'R&amp;D'],
    ['&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
    ['plain words', 'plain words'],
  ])('escapeMrkdwn(%j) is %j', (typed, shown) => {
    expect(escapeMrkdwn(typed)).toBe(shown);
  });

  it('echo quotes typed text on one line, escaped and cut short', () => {
    expect(echo('<!channel>\n\u0000bell\u0007 and\ttab')).toBe('&lt;!channel&gt; bell and tab');
    const long = echo('x'.repeat(10_000));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('…')).toBe(true);
  });

  it('link labels a clean URL and shows any other as plain text', () => {
    expect(link('https://meet.example.com/a?x=1&y=2', 'Join the call')).toBe(
      '<https://meet.example.com/a?x=1&amp;y=2|Join the call>',
    );
    expect(link('https://meet.example.com/x|<!channel>', 'Join the call')).toBe('https://meet.example.com/x|&lt;!channel&gt;');
    expect(link('https://a.example/ x', 'Join')).toBe('https://a.example/ x');
    expect(link('https://a.example/', '<!here>')).toBe('<https://a.example/|&lt;!here&gt;>');
  });
});
