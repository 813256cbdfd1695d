import { ACK_TIMEOUT_MS, CHANNELS, type DriverResult, type SlackDriver } from '../../src/sandbox';
import type { TestApp } from './app';

/** One request as Slack sees it: how long its ack took, and what the app asked of Slack before it. */
export interface TimedAck {
  what: string;
  elapsedMs: number;
  timedOut: boolean;
  status: number;
  /** What the ack carried ('' for a bare ack: a modal closes). */
  body: unknown;
  /** Web API methods (and response_url posts) answered before the ack came back. */
  beforeAck: string[];
}

/**
 * Sends requests one at a time, each once the app has finished what the last one set going, and
 * notes what Slack answered before each ack. The emulator answers nothing in under its latency,
 * so a call the app made after acking cannot be answered before the ack reaches the driver; what
 * was answered by then was awaited before the ack, which Slack's 3 seconds have no room for.
 */
export function ackTimer(t: TestApp) {
  // The bare driver: the tests' usual one waits for the work after each ack before it returns.
  const slack = t.emulator.driver(`${t.baseUrl}/slack/events`);
  const acks: TimedAck[] = [];

  async function time(what: string, send: (slack: SlackDriver) => Promise<DriverResult>): Promise<DriverResult> {
    await t.settle();
    const calls = t.emulator.calls.length;
    const responses = t.emulator.responseUrlPosts.length;
    const result = await send(slack);
    const beforeAck = [
      ...t.emulator.calls.slice(calls).map((c) => c.method),
      ...t.emulator.responseUrlPosts.slice(responses).map(() => 'response_url'),
    ];
    acks.push({
      what,
      elapsedMs: result.elapsedMs,
      timedOut: result.timedOut,
      status: result.status,
      body: result.body,
      beforeAck,
    });
    return result;
  }

  return {
    slack,
    acks,
    time,
    /** A press of a button carrying `value`, on an ephemeral message in #general. */
    click: (userId: string, actionId: string, value: string) =>
      time(`button ${actionId}`, (s) => {
        const button = { type: 'button', action_id: actionId, value, text: { type: 'plain_text', text: 'Go' } };
        const blocks = [{ type: 'actions', elements: [button] }];
        return s.clickButton(userId, { ephemeral: { blocks, channelId: CHANNELS.general } }, actionId);
      }),
    /** The requests that called Slack before acking, acked late or failed: none, when every handler acks first. */
    late: (): TimedAck[] =>
      acks.filter((a) => a.beforeAck.length > 0 || a.timedOut || a.elapsedMs >= ACK_TIMEOUT_MS || a.status !== 200),
    /** Waits for a modal the app opens for this person. */
    openedView: (userId: string, callbackId: string) =>
      t.emulator.waitFor(() => t.emulator.openViewsOf(userId).find((v) => v.view.callback_id === callbackId), 10_000),
  };
}
