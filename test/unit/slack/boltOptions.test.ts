import { loadConfig } from '../../../src/core/config';
import { createLogger } from '../../../src/core/logger';
import { boltOptions } from '../../../src/slack/app';

const logger = createLogger('error');
const healthz = { path: '/healthz', method: ['GET'], handler: () => undefined };

describe("Bolt's options", () => {
  it('in Socket Mode serve the health check and calendar feeds on PORT', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '8123' });
    const options = boltOptions(config, logger, { routes: [healthz] });
    expect(options).toMatchObject({ socketMode: true, appToken: 'xapp-1', port: 8123, customRoutes: [healthz] });
    expect(options.signingSecret).toBeUndefined();
  });

  it('over HTTP verify every request with the signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' });
    const options = boltOptions(config, logger, { routes: [healthz] });
    expect(options).toMatchObject({ signingSecret: 'abcdef0123456789', token: 'xoxb-1', customRoutes: [healthz] });
    expect(options.socketMode).toBeUndefined();
  });
});
