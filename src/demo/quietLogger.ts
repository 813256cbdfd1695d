import type { Logger } from '../core/logger';

/**
 * During a demo, waits the app expects are not warnings: the pacer holding a send for Slack's rate
 * limit (the delivery is retried), a home tab refresh that failed on such a wait (it is redrawn
 * when next opened), the Web API client's own "will retry". They go to debug, without a stack;
 * every other warning and every error is logged as before.
 */
export function quietExpectedWaits(logger: Logger): Logger {
  return {
    debug: (...args) => logger.debug(...args),
    info: (...args) => logger.info(...args),
    warn: (...args) => {
      if (args.some(isExpectedWait)) logger.debug(...args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)));
      else logger.warn(...args);
    },
    error: (...args) => logger.error(...args),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
  };
}

const RATE_LIMITED = 'slack_webapi_rate_limited_error';

/** A rate-limit wait: ours (PacedOut) or Slack's, as an error, or the Web API client's own line about retrying. */
export function isExpectedWait(part: unknown): boolean {
  if (part instanceof Error) return (part as { code?: unknown }).code === RATE_LIMITED;
  if (typeof part === 'string') return /rate[- ]limit/i.test(part) && /retr(y|ied)/i.test(part);
  return false;
}
