import { z } from 'zod';

/** The whole runtime configuration; `loadConfig` is the only reader of the environment. */
export interface Config {
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    oauth: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
    apiUrl: string;
  };
  installations: {
    /** AES-256 keys for tokens at rest: the first seals, every one opens (rotation). Empty without OAuth. */
    encryptionKeys: Buffer[];
    /** How long an uninstalled workspace's data is kept before it is erased. */
    retentionDays: number;
  };
  /**
   * Where the operator's endpoints (/metrics, /readyz) are served: on their own port when set (not
   * on PORT), and only to requests bearing the token when set. They name workspaces (team ids).
   */
  ops: { port: number | undefined; token: string | undefined };
  port: number;
  publicUrl: string;
  /** Calendar feed links are derived with it (HMAC), so the database holds no working link. */
  calendarLinkSecret: string;
  databaseUrl: string | undefined;
  dataDir: string;
  scheduler: boolean;
  /** Seconds between scheduler passes in this process (60 in production; tests and demos go faster). */
  schedulerIntervalSeconds: number;
  organizers: string[];
  logLevel: LogLevel;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const MANIFEST_HINT =
  'Create the Slack app from manifest.yml (https://api.slack.com/apps?new_app=1, "From a manifest"), install it, and copy the values into .env (see README, "Slack app setup").';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && (url.hostname !== '' || url.searchParams.has('host'))
    );
  } catch {
    return false;
  }
}

const PORT_HINT = 'a port number between 1 and 65535';
const port = () =>
  z.string().regex(/^\d+$/, PORT_HINT).transform(Number).pipe(z.number().int().min(1, PORT_HINT).max(65535, PORT_HINT));

/**
 * The values .env.example ships with: they pass the shape checks, so a copy of the example left
 * unfilled would start and then fail obscurely at Slack (or verify requests with a public secret).
 */
const PLACEHOLDERS: Record<string, { value: string; instead: string }> = {
  SLACK_BOT_TOKEN: {
    value: 'xoxb-your-bot-token',
    instead: "the Bot User OAuth Token from the app's OAuth & Permissions page",
  },
  SLACK_SIGNING_SECRET: {
    value: 'your-signing-secret',
    instead: "the Signing Secret from the app's Basic Information page",
  },
};

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const schema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^[A-Za-z0-9-]{8,}$/, 'the signing secret from Basic Information (hex)')),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'an app-level token starting with xapp-')),
  SLACK_CLIENT_ID: optional(z.string().regex(/^\d+\.\d+$/, 'a client id like 1234567890.1234567890')),
  SLACK_CLIENT_SECRET: optional(z.string().min(8, 'the client secret from Basic Information')),
  SLACK_STATE_SECRET: optional(z.string().min(16, 'a random string of at least 16 characters')),
  SLACK_API_URL: optional(z.url('a URL such as https://slack.com/api/')),
  PORT: optional(port()),
  OPS_PORT: optional(port()),
  OPS_TOKEN: optional(
    z.string().regex(/^[\x21-\x7e]{24,}$/, 'at least 24 characters without spaces (make one with: openssl rand -hex 32)'),
  ),
  PUBLIC_URL: optional(z.url('a URL such as https://circles.example.com')),
  CALENDAR_LINK_SECRET: optional(
    z.string().regex(/^[\x21-\x7e]{32,}$/, 'at least 32 characters without spaces (make one with: openssl rand -hex 32)'),
  ),
  DATABASE_URL: optional(z.string().refine(isPostgresUrl, 'a PostgreSQL URL such as postgres://user:password@host:5432/dbname')),
  DATA_DIR: optional(z.string()),
  SCHEDULER: optional(z.enum(['on', 'off'], 'on or off')),
  SCHEDULER_INTERVAL_SECONDS: optional(
    z
      .string()
      .regex(/^\d+$/, 'a whole number of seconds that divides 60 (1 to 60)')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 60 && 60 % n === 0, 'a whole number of seconds that divides 60 (1 to 60)'),
  ),
  ORGANIZERS: optional(
    z
      .string()
      .refine(
        (v) => v.split(',').every((id) => slackUserId.test(id.trim())),
        'comma-separated Slack user ids such as U012ABCDEF,U034GHIJKL',
      ),
  ),
  TOKEN_ENCRYPTION_KEY: optional(
    z
      .string()
      .refine(
        (v) =>
          v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(k.trim())),
        'one or more base64 keys of 32 bytes, newest first, comma-separated (make one with: openssl rand -base64 32)',
      ),
  ),
  UNINSTALLED_RETENTION_DAYS: optional(
    z
      .string()
      .regex(/^\d+$/, 'a whole number of days')
      .transform(Number)
      .pipe(z.number().int().min(0).max(3650, 'at most 3650 days')),
  ),
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'], 'one of debug, info, warn, error')),
});

/** Parses the environment; throws a ConfigError whose message is one line naming the variable at fault. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${variable} is malformed: it should be ${issue?.message ?? 'valid'}.`);
  }
  const e = parsed.data;
  for (const [variable, placeholder] of Object.entries(PLACEHOLDERS)) {
    if (env[variable]?.trim() === placeholder.value) {
      throw new ConfigError(
        `${variable} is still the placeholder from .env.example: set it to ${placeholder.instead}. ${MANIFEST_HINT}`,
      );
    }
  }
  const oauthParts = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const oauthCount = oauthParts.filter(Boolean).length;
  if (oauthCount > 0 && oauthCount < 3) {
    const missing = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'].filter((_, i) => !oauthParts[i]);
    throw new ConfigError(
      `${missing[0]} is not set: OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together.`,
    );
  }
  const oauth =
    e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
      ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET }
      : undefined;
  if (e.SLACK_BOT_TOKEN && oauth) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: choose one mode. Unset SLACK_BOT_TOKEN to serve the workspaces that install through /slack/install (each with its own token), or unset the three OAuth variables to serve the one workspace of that token.',
    );
  }
  // Installations hold every workspace's tokens: without a key they would sit in the database in clear.
  if (oauth && !e.TOKEN_ENCRYPTION_KEY) {
    throw new ConfigError(
      "TOKEN_ENCRYPTION_KEY is not set: OAuth mode stores each workspace's tokens encrypted with it. Set it to a base64 key of 32 bytes (openssl rand -base64 32).",
    );
  }
  if (!e.SLACK_BOT_TOKEN && !oauth) {
    throw new ConfigError(`SLACK_BOT_TOKEN is not set: set it to the app's bot token (xoxb-...). ${MANIFEST_HINT}`);
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      `SLACK_SIGNING_SECRET is not set: set it to the signing secret from the app's Basic Information page (or set SLACK_APP_TOKEN for Socket Mode). ${MANIFEST_HINT}`,
    );
  }
  const port = e.PORT ?? 3000;
  if (e.OPS_PORT === port) {
    throw new ConfigError(
      `OPS_PORT is the same as PORT (${port}): give /metrics and /readyz a port of their own, or unset OPS_PORT to serve them on PORT.`,
    );
  }
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      oauth,
      apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    },
    installations: {
      encryptionKeys: (e.TOKEN_ENCRYPTION_KEY ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
        .map((k) => Buffer.from(k, 'base64')),
      retentionDays: e.UNINSTALLED_RETENTION_DAYS ?? 30,
    },
    ops: { port: e.OPS_PORT, token: e.OPS_TOKEN },
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    // One of the two Slack secrets is always set (checked above); its own secret lets either rotate.
    calendarLinkSecret: e.CALENDAR_LINK_SECRET ?? e.SLACK_SIGNING_SECRET ?? e.SLACK_APP_TOKEN ?? '',
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR ?? './.data',
    scheduler: (e.SCHEDULER ?? 'on') === 'on',
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS ?? 60,
    organizers: e.ORGANIZERS ? e.ORGANIZERS.split(',').map((s) => s.trim()) : [],
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}

/** Every secret the configuration holds, for the logger to mask wherever one turns up. */
export function secretsOf(config: Config): string[] {
  const s = config.slack;
  return [
    s.botToken,
    s.signingSecret,
    s.appToken,
    s.oauth?.clientSecret,
    s.oauth?.stateSecret,
    config.ops.token,
    config.calendarLinkSecret,
    ...config.installations.encryptionKeys.map((k) => k.toString('base64')),
  ].filter((v): v is string => Boolean(v));
}
