import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's request signing: `v0=` + hex HMAC-SHA256(secret, `v0:<ts>:<raw body>`). */
export function computeSignature(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Uses the real wall clock on purpose (not the emulator's injectable clock): the app under test
 * checks freshness against its own Date.now().
 */
export function signatureHeaders(
  signingSecret: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': computeSignature(signingSecret, timestamp, rawBody),
  };
}

/** Reference verifier with Slack's 5-minute replay window, for hostile-request tests. */
export function verifySignature(
  signingSecret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > 60 * 5) return false;
  const expected = Buffer.from(computeSignature(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
