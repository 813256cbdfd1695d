/** Shapes shared by the emulator's stores, its HTTP layer and the tests that inspect them. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface RecordedCall {
  method: string;
  /** Arguments as the app sent them; form values stay strings (that is what Slack receives), JSON fields are parsed. */
  args: JsonObject;
  /** Parsed JSON body of the reply, or the raw text for injected HTTP errors. */
  response: unknown;
  status: number;
  at: Date;
  /** True when the reply came from `fail()` rather than the method handler. */
  injected: boolean;
}

export interface RecordedResponse {
  url: string;
  body: unknown;
  at: Date;
  /** HTTP status the emulator answered with; rejected posts (used/expired URL, bad body) are recorded too. */
  status: number;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface StoredMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  updatedCount: number;
  attachments?: unknown[];
  metadata?: unknown;
  files?: string[];
  reactions?: Reaction[];
}

export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'command_ack';

export interface StoredEphemeral {
  /** message_ts Slack hands back; ephemerals are never addressable with chat.update. */
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  source: EphemeralSource;
}

export interface StoredView {
  id: string;
  /** The view object exactly as views.* would return it (id, hash, state, …). */
  view: JsonObject;
  userId: string;
  rootViewId: string;
  previousViewId: string | null;
  hash: string;
  externalId?: string;
  type: 'modal' | 'home';
  /** Modals leave the user's stack when closed but stay inspectable. */
  isOpen: boolean;
}

export interface StoredFile {
  id: string;
  title: string;
  filename: string;
  content: string;
  channel: string | undefined;
  bytes: Buffer;
}

export type InjectedFailure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };
