import { ErrorCode, type Logger, LogLevel, type SectionBlock, WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../src/sandbox';

/** WebClient echoes Slack's `[ERROR] …` response messages to the console; expected failures shouldn't spam the run. */
const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A WebClient wired the way the app will be: real serializer, emulator base URL, no retries. */
export function clientFor(
  emu: SlackEmulator,
  token: string = emu.botToken,
  extra: { rejectRateLimitedCalls?: boolean } = {},
): WebClient {
  return new WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger, ...extra });
}

/** Resolves to the Slack error code of a rejected Web API call (fails the test if the call succeeded). */
export async function slackError(call: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; data?: Record<string, unknown> }; // WebClient errors are plain Errors with code/data
    if (e.code === ErrorCode.PlatformError && e.data) return { code: String(e.data.error), data: e.data };
    throw error;
  }
  throw new Error('expected the Web API call to fail, but it succeeded');
}

export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) };
}
