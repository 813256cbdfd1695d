import { type Logger as SlackLogger, LogLevel as SlackLogLevel } from '@slack/web-api';
import type { LogLevel } from './config';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Slack tokens and secrets look like these; anything that matches is masked before it is written,
// whichever library produced the line.
const SECRET_PATTERNS = [/xox[abposre]-[A-Za-z0-9-]+/g, /xapp-[A-Za-z0-9-]+/g, /(postgres(?:ql)?:\/\/[^:\s/]+:)[^@\s]+@/g];
// Secrets that have no recognizable shape, where a library prints them as fields (the WebClient
// logs oauth.v2.access's request body at debug level, client secret included).
const SECRET_FIELDS = /("?(?:client_secret|refresh_token|signing_secret|state_secret)"?\s*[:=]\s*"?)[^"&\s,}]+/g;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(SECRET_FIELDS, (_match, key: string) => `${key}***`);
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('***');
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}***@` : `${match.slice(0, 5)}***`,
    );
  }
  return out;
}

/** Slack's logger interface, so Bolt and the WebClient log through ours. */
export type Logger = SlackLogger;

const SLACK_LEVELS: Record<LogLevel, SlackLogLevel> = {
  debug: SlackLogLevel.DEBUG,
  info: SlackLogLevel.INFO,
  warn: SlackLogLevel.WARN,
  error: SlackLogLevel.ERROR,
};

function render(part: unknown): string {
  if (part instanceof Error) {
    const cause = part.cause ? ` (cause: ${render(part.cause)})` : '';
    return `${part.name}: ${part.message}${cause}`;
  }
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/**
 * A small line logger; it also serves as Bolt's logger so every line goes through `redact`, which
 * also masks the given secrets (the configuration's, see `secretsOf`) wherever they appear.
 */
export function createLogger(
  level: LogLevel,
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  secrets: readonly string[] = [],
): Logger {
  let current: LogLevel = level;
  let name = 'peer-circles';
  const write = (lvl: LogLevel, parts: unknown[]) => {
    if (ORDER[lvl] < ORDER[current]) return;
    sink(redact(`${new Date().toISOString()} ${lvl.toUpperCase()} [${name}] ${parts.map(render).join(' ')}`, secrets));
  };
  return {
    debug: (...m) => write('debug', m),
    info: (...m) => write('info', m),
    warn: (...m) => write('warn', m),
    error: (...m) => write('error', m),
    setLevel: (l) => {
      if (l in ORDER) current = l as LogLevel;
    },
    getLevel: () => SLACK_LEVELS[current],
    setName: (n) => {
      name = n;
    },
  };
}
