import type { Logger } from '../../../src/core/logger';
import { quietExpectedWaits } from '../../../src/demo/quietLogger';
import { PacedOut } from '../../../src/workspaces/pacer';

function recording() {
  const lines: Array<[string, unknown[]]> = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push([level, args]);
  const logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => undefined,
    getLevel: () => 'debug',
    setName: () => undefined,
  } as unknown as Logger;
  return { logger, lines };
}

describe('the demo’s quiet terminal', () => {
  it('logs a home tab refresh held by the pacer at debug, without the error and its stack', () => {
    const { logger, lines } = recording();
    quietExpectedWaits(logger).warn('Could not refresh the home tab of U1', new PacedOut(4));
    expect(lines).toEqual([
      ['debug', ['Could not refresh the home tab of U1', 'Error: rate limited here for 4 s before calling Slack']],
    ]);
  });

  it('logs a rate limit Slack imposed, and the Web API client’s retry, at debug', () => {
    const { logger, lines } = recording();
    const slack = Object.assign(new Error('A rate limit was exceeded'), { code: 'slack_webapi_rate_limited_error' });
    const quiet = quietExpectedWaits(logger);
    quiet.warn('Home section x failed for U1', slack);
    quiet.warn('API Call failed due to rate limiting. Will retry in 4 seconds.');
    expect(lines.map(([level]) => level)).toEqual(['debug', 'debug']);
  });

  it('still warns about real failures, with the error itself, and still logs errors', () => {
    const { logger, lines } = recording();
    const quiet = quietExpectedWaits(logger);
    const failed = Object.assign(new Error('An API error occurred: channel_not_found'), { code: 'slack_webapi_platform_error' });
    quiet.warn('Could not refresh the home tab of U1', failed);
    quiet.warn('Delivery reminder 3 failed for good: not_in_channel');
    quiet.error('The scheduler pass failed', new PacedOut(1));
    expect(lines).toEqual([
      ['warn', ['Could not refresh the home tab of U1', failed]],
      ['warn', ['Delivery reminder 3 failed for good: not_in_channel']],
      ['error', ['The scheduler pass failed', expect.any(PacedOut)]],
    ]);
  });
});
