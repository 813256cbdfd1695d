import { LogLevel } from '@slack/web-api';
import { createLogger, redact } from '../../src/core/logger';

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
});
