import { LogLevel, WebClient } from '@slack/web-api';
import { createLogger, redact } from '../../src/core/logger';
import { startSlackEmulator, USERS } from '../../src/sandbox';

describe('logs never carry secrets', () => {
  it('masks Slack tokens and database passwords', () => {
    expect(redact('token xoxb-123-456-abcdef used')).toBe('token xoxb-*** used');
    expect(redact('app xapp-1-A1-1-abcdef')).toBe('app xapp-***');
    expect(redact('postgres://app:s3cret@db:5432/x')).toBe('postgres://app:***@db:5432/x');
  });

  it('masks them whatever logs them, objects included', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l));
    logger.error('call failed', { headers: { Authorization: 'Bearer xoxb-999-888-zzz' } }, new Error('bad xoxp-1-2-3'));
    expect(lines.join('\n')).not.toMatch(/xox[bp]-\d/);
    logger.setLevel(LogLevel.ERROR);
    logger.info('hidden');
    expect(lines).toHaveLength(1);
  });

  it('masks secret fields that have no shape of their own, and the configured secrets wherever they appear', () => {
    expect(redact('body: {"client_id":"1.2","client_secret":"abc123def456","refresh_token":"xoxe-1-zzz"}')).toBe(
      'body: {"client_id":"1.2","client_secret":"***","refresh_token":"***"}',
    );
    expect(redact('client_secret=abc123def456&grant_type=refresh_token')).toBe('client_secret=***&grant_type=refresh_token');
    expect(redact('a rotating xoxe-1-abcdef refresh token')).toBe('a rotating xoxe-*** refresh token');
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l), ['my-signing-secret-0123', 'S2V5S2V5S2V5S2V5']);
    logger.warn('checked with my-signing-secret-0123 and key S2V5S2V5S2V5S2V5');
    expect(lines[0]).toContain('checked with *** and key ***');
  });

  it('masks calendar feed addresses at every level, whoever writes them', () => {
    const feed = 'https://circles.example.com/calendar/Zq3_x-9LmNoPqRsTuVwXyZ012345.ics';
    const lines: string[] = [];
    const logger = createLogger('debug', (l) => lines.push(l));
    logger.info(`Unhandled HTTP request (GET) made to ${feed}`);
    logger.debug('payload', { text: `Your calendar: <${feed}|subscribe>` });
    expect(lines.join('\n')).not.toContain('Zq3_x-9LmNoPqRsTuVwXyZ012345');
    expect(lines[0]).toContain('/calendar/***.ics');
  });

  it('keeps the Web API client’s request and answer bodies out of debug lines: what people typed, calendar links', async () => {
    const emulator = await startSlackEmulator();
    try {
      const lines: string[] = [];
      const logger = createLogger('debug', (l) => lines.push(l));
      const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl, logger });
      const typed = 'Agenda from Zoë: talk about my manager Priya';
      await client.chat.postMessage({ channel: USERS.ana, text: `${typed} https://c.example/calendar/SeCrEt0123456789.ics` });
      await client.chat.postMessage({ channel: 'C0NOSUCH01', text: typed }).catch(() => undefined);
      const all = lines.join('\n');
      expect(all).toContain('http request body: (not logged');
      expect(all).toContain('channel_not_found');
      expect(all).not.toContain('Zoë');
      expect(all).not.toContain('Priya');
      expect(all).not.toContain('SeCrEt0123456789');
    } finally {
      await emulator.close();
    }
  });
});
