import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, loadConfig, secretsOf } from '../../src/core/config';

const base = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5' };

const KEY = Buffer.alloc(32, 1).toString('base64');

const messageOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toEqual({
      slack: {
        botToken: base.SLACK_BOT_TOKEN,
        signingSecret: base.SLACK_SIGNING_SECRET,
        appToken: undefined,
        oauth: undefined,
        apiUrl: 'https://slack.com/api/',
      },
      port: 3000,
      publicUrl: 'http://localhost:3000',
      calendarLinkSecret: base.SLACK_SIGNING_SECRET,
      databaseUrl: undefined,
      dataDir: './.data',
      installations: { encryptionKeys: [], retentionDays: 30 },
      ops: { port: undefined, token: undefined },
      scheduler: true,
      schedulerIntervalSeconds: 60,
      organizers: [],
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      PORT: '8080',
      PUBLIC_URL: 'https://circles.example.com/',
      DATABASE_URL: 'postgres://app:secret@db:5432/circles',
      DATA_DIR: '/var/lib/circles',
      SCHEDULER: 'off',
      SCHEDULER_INTERVAL_SECONDS: '5',
      ORGANIZERS: 'U012ABCDEF, U034GHIJKL',
      LOG_LEVEL: 'debug',
    });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://circles.example.com');
    expect(config.databaseUrl).toBe('postgres://app:secret@db:5432/circles');
    expect(config.dataDir).toBe('/var/lib/circles');
    expect(config.scheduler).toBe(false);
    expect(config.schedulerIntervalSeconds).toBe(5);
    expect(config.organizers).toEqual(['U012ABCDEF', 'U034GHIJKL']);
    expect(config.logLevel).toBe('debug');
  });

  it('derives calendar links from their own secret when set, else from the Slack secret there is', () => {
    const own = 'c'.repeat(40);
    const config = loadConfig({ ...base, CALENDAR_LINK_SECRET: own });
    expect(config.calendarLinkSecret).toBe(own);
    expect(secretsOf(config)).toContain(own);
    const socket = loadConfig({ SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' });
    expect(socket.calendarLinkSecret).toBe('xapp-1-A1-1-abc');
    expect(messageOf({ ...base, CALENDAR_LINK_SECRET: 'short' })).toMatch(
      /^CALENDAR_LINK_SECRET is malformed: it should be at least 32 characters/,
    );
  });

  it('takes a scheduler interval only as whole seconds dividing a minute', () => {
    expect(messageOf({ ...base, SCHEDULER_INTERVAL_SECONDS: '7' })).toMatch(/^SCHEDULER_INTERVAL_SECONDS is malformed/);
    expect(messageOf({ ...base, SCHEDULER_INTERVAL_SECONDS: '0' })).toMatch(/^SCHEDULER_INTERVAL_SECONDS is malformed/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ ...base, PORT: '', DATABASE_URL: '  ' }).port).toBe(3000);
  });

  it('says what to set and how to create the app when Slack credentials are missing', () => {
    const message = messageOf({});
    expect(message).toMatch(/^SLACK_BOT_TOKEN is not set/);
    expect(message).toContain('manifest.yml');
    expect(messageOf({ SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN })).toMatch(/^SLACK_SIGNING_SECRET is not set/);
  });

  it('accepts Socket Mode without a signing secret, and OAuth without a bot token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-1-abc' }).slack.appToken).toBe(
      'xapp-1-A1-1-abc',
    );
    const oauth = loadConfig({
      SLACK_SIGNING_SECRET: base.SLACK_SIGNING_SECRET,
      SLACK_CLIENT_ID: '1234567890.0987654321',
      SLACK_CLIENT_SECRET: 'abcdef0123456789',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
      TOKEN_ENCRYPTION_KEY: KEY,
    });
    expect(oauth.slack.oauth?.clientId).toBe('1234567890.0987654321');
    expect(messageOf({ ...base, SLACK_CLIENT_ID: '1234567890.0987654321' })).toMatch(/^SLACK_CLIENT_SECRET is not set/);
  });

  const oauthEnv = {
    SLACK_SIGNING_SECRET: base.SLACK_SIGNING_SECRET,
    SLACK_CLIENT_ID: '1234567890.0987654321',
    SLACK_CLIENT_SECRET: 'abcdef0123456789',
    SLACK_STATE_SECRET: 'a-long-random-state-secret',
    TOKEN_ENCRYPTION_KEY: KEY,
  };

  it('refuses OAuth together with SLACK_BOT_TOKEN, saying which to unset', () => {
    const message = messageOf({ ...oauthEnv, SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN });
    expect(message).toMatch(
      /^SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: choose one mode/,
    );
    expect(message).toContain('Unset SLACK_BOT_TOKEN');
    expect(message).not.toContain(base.SLACK_BOT_TOKEN);
    expect(message).not.toContain(oauthEnv.SLACK_CLIENT_SECRET);
  });

  it('refuses OAuth without a key for the tokens at rest, and reads a key list for rotation', () => {
    const { TOKEN_ENCRYPTION_KEY: _key, ...noKey } = oauthEnv;
    expect(messageOf(noKey)).toMatch(/^TOKEN_ENCRYPTION_KEY is not set: OAuth mode stores each workspace's tokens encrypted/);
    const newer = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ ...oauthEnv, TOKEN_ENCRYPTION_KEY: `${newer}, ${KEY}`, UNINSTALLED_RETENTION_DAYS: '45' });
    expect(config.installations.encryptionKeys.map((k) => k.toString('base64'))).toEqual([newer, KEY]);
    expect(config.installations.retentionDays).toBe(45);
    const bad = messageOf({ ...oauthEnv, TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' });
    expect(bad).toMatch(/^TOKEN_ENCRYPTION_KEY is malformed: it should be one or more base64 keys of 32 bytes/);
    expect(bad).not.toContain('c2hvcnQ=');
    // Single-workspace mode needs no key: it stores no token.
    expect(loadConfig(base).installations.encryptionKeys).toEqual([]);
  });

  it('refuses the placeholders of .env.example, in one line naming the variable', () => {
    const example = dotenv.parse(readFileSync(join(__dirname, '..', '..', '.env.example')));
    const message = messageOf(example);
    expect(message).toMatch(/^SLACK_BOT_TOKEN is still the placeholder from \.env\.example: set it to /);
    expect(message.split('\n')).toHaveLength(1);
    // Each placeholder alone is refused too.
    expect(messageOf({ ...example, SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN })).toMatch(
      /^SLACK_SIGNING_SECRET is still the placeholder from \.env\.example: set it to /,
    );
    expect(loadConfig({ ...example, ...base }).slack.botToken).toBe(base.SLACK_BOT_TOKEN);
  });

  it('serves /metrics and /readyz on OPS_PORT and behind OPS_TOKEN when asked, and masks the token in logs', () => {
    const token = 'f3a9c0d18e7b4c2a9d6e5f4a3b2c1d0e';
    const config = loadConfig({ ...base, OPS_PORT: '9090', OPS_TOKEN: token });
    expect(config.ops).toEqual({ port: 9090, token });
    expect(secretsOf(config)).toContain(token);
    expect(messageOf({ ...base, OPS_PORT: '3000' })).toMatch(/^OPS_PORT is the same as PORT \(3000\)/);
    const tooShort = messageOf({ ...base, OPS_TOKEN: 'tiny-token' });
    expect(tooShort).toMatch(/^OPS_TOKEN is malformed: it should be at least 24 characters/);
    expect(tooShort).not.toContain('tiny-token');
  });

  it.each([
    ['OPS_PORT', 'ops', /^OPS_PORT is malformed: it should be a port number between 1 and 65535/],
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /^SLACK_BOT_TOKEN is malformed: it should be a bot token starting with xoxb-/],
    ['SLACK_APP_TOKEN', 'abc', /^SLACK_APP_TOKEN is malformed/],
    ['SLACK_API_URL', 'not a url', /^SLACK_API_URL is malformed: it should be a URL/],
    ['PORT', 'eighty', /^PORT is malformed: it should be a port number between 1 and 65535/],
    ['PORT', '70000', /^PORT is malformed/],
    ['PUBLIC_URL', 'circles.example.com', /^PUBLIC_URL is malformed/],
    ['DATABASE_URL', 'mysql://root@localhost/db', /^DATABASE_URL is malformed: it should be a PostgreSQL URL/],
    ['DATABASE_URL', 'postgres://', /^DATABASE_URL is malformed/],
    ['SCHEDULER', 'yes', /^SCHEDULER is malformed: it should be on or off/],
    ['ORGANIZERS', 'alice,bob', /^ORGANIZERS is malformed: it should be comma-separated Slack user ids/],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL is malformed/],
  ])('names %s when it is malformed (%s)', (variable, value, expected) => {
    const message = messageOf({ ...base, [variable]: value });
    expect(message).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });
});
