import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written inside a unit of work carries (a Slack request's id, a delivery's key). */
export type LogFields = Record<string, string | number>;

const storage = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` with these fields added to every line it logs, however deep: callers keep logging
 * through the plain Logger interface and still say which request or delivery a line belongs to.
 */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

export function logContext(): LogFields {
  return storage.getStore() ?? {};
}
