import { type Logger as SlackLogger, LogLevel as SlackLogLevel } from '@slack/web-api';
import pino from 'pino';
import type { LogLevel } from './config';
import { logContext } from './logContext';
import { loggableError, loggableJson, scrubCalendarFeeds, scrubDatabaseText, withoutWebApiBodies } from './logRedaction';

// Slack tokens and secrets look like these; anything that matches is masked before it is written,
// whichever library produced the line.
const SECRET_PATTERNS = [/xox[abposre]-[A-Za-z0-9-]+/g, /xapp-[A-Za-z0-9-]+/g, /(postgres(?:ql)?:\/\/[^:\s/]+:)[^@\s]+@/g];
// Secrets that have no recognizable shape, where a library prints them as fields (the WebClient
// logs oauth.v2.access's request body at debug level, client secret included).
const SECRET_FIELDS = /("?(?:client_secret|refresh_token|signing_secret|state_secret)"?\s*[:=]\s*"?)[^"&\s,}]+/g;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = scrubCalendarFeeds(text.replace(SECRET_FIELDS, (_match, key: string) => `${key}***`));
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
    return `${part.name}: ${scrubDatabaseText(part.message)}${cause}`;
  }
  // Strings too: a library may have put an error's message in one (Bolt's "Error details: …").
  if (typeof part === 'string') return scrubDatabaseText(withoutWebApiBodies(part));
  try {
    return scrubDatabaseText(loggableJson(part));
  } catch {
    return String(part);
  }
}

/**
 * Structured JSON lines (pino), one per call, behind Slack's logger interface so Bolt, the
 * WebClient and our code all log the same way. Each line carries the fields of the unit of work
 * it was written in (`withLogContext`: request id, delivery key); an Error logged goes in `err`
 * with its stack and codes but none of the data a failed statement carries (see logRedaction.ts).
 * Every line passes through `redact` as written, which also masks the given secrets (the
 * configuration's, see `secretsOf`) and calendar feed addresses, so no token reaches the log
 * whichever library put it there. `sink` receives each line (tests); the default is stderr.
 */
export function createLogger(level: LogLevel, sink?: (line: string) => void, secrets: readonly string[] = []): Logger {
  // Through process.stderr rather than straight to its file descriptor, so whatever watches the
  // process's output (a test capturing every line for secrets) sees the lines too.
  const destination = { write: (line: string) => (sink ? sink(line.trimEnd()) : process.stderr.write(line)) };
  let name = 'peer-circles';
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ name, ...logContext() }),
      hooks: { streamWrite: (line) => redact(line, secrets) },
      // `err` is already what may be shown (loggableError); pino's own serializer would fold the
      // causes back into one message and stack.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  let current: LogLevel = level;
  const write = (lvl: LogLevel, parts: unknown[]) => {
    if (!base.isLevelEnabled(lvl)) return;
    const error = parts.find((p): p is Error => p instanceof Error);
    const msg = parts.map(render).join(' ');
    if (error) base[lvl]({ err: loggableError(error) }, msg);
    else base[lvl](msg);
  };
  return {
    debug: (...m) => write('debug', m),
    info: (...m) => write('info', m),
    warn: (...m) => write('warn', m),
    error: (...m) => write('error', m),
    setLevel: (l) => {
      if (l in SLACK_LEVELS) {
        current = l as LogLevel;
        base.level = current;
      }
    },
    getLevel: () => SLACK_LEVELS[current],
    setName: (n) => {
      name = n;
    },
  };
}
