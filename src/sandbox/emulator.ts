import { SlackDriver } from './driver';
import type { OAuthAppConfig } from './oauth';
import { RateLimiter, type RateLimitOptions } from './rateLimits';
import { issueResponseUrl } from './responseUrls';
import { randomId } from './ids';
import { startServer } from './server';
import { EmulatorState, type HttpMount, type ResponseUrlContext } from './state';
import type {
  InjectedFailure,
  JsonObject,
  RecordedCall,
  RecordedResponse,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
} from './types';
import type { Workspace } from './workspace';

export interface SlackEmulatorOptions {
  signingSecret?: string;
  botToken?: string;
  teamId?: string;
  /** Clock in ms for trigger/response_url expiry, message ts and recordings. Defaults to Date.now. */
  now?: () => number;
  /** Fixed port; 0 (default) picks a free one. */
  port?: number;
  /** The address to listen on; default 127.0.0.1, so nothing else on the network reaches it. */
  host?: string;
  /** Legacy verification token placed in payloads. */
  verificationToken?: string;
  /** Mirror the app's manifest: with chat:write.public, chat.postMessage works in public channels the bot hasn't joined. Default false. */
  chatWritePublic?: boolean;
  /** Milliseconds added to every Web API and response_url answer (default 0); `setLatency` changes it later. */
  latencyMs?: number;
  /** The app's OAuth client: enables /oauth/v2/authorize and oauth.v2.access (with token rotation if asked). */
  oauth?: OAuthAppConfig;
  /** Keep Slack's posting limits (429 with Retry-After past them). */
  rateLimits?: RateLimitOptions;
  /** Milliseconds the posting limits refill on: real elapsed time unless a test moves its own. */
  rateLimitClock?: () => number;
}

export interface SeedMessage {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export interface SlackEmulator {
  apiUrl: string;
  baseUrl: string;
  botToken: string;
  signingSecret: string;
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
  workspace: Workspace;
  calls: RecordedCall[];
  responseUrlPosts: RecordedResponse[];
  callsTo(method: string): RecordedCall[];
  messages(channelId: string): StoredMessage[];
  dmChannelOf(userId: string): string;
  dmsTo(userId: string): StoredMessage[];
  ephemeralsTo(userId: string): StoredEphemeral[];
  homeOf(userId: string): JsonObject | undefined;
  view(viewId: string): StoredView | undefined;
  openViewsOf(userId: string): StoredView[];
  issueTriggerId(userId?: string): string;
  issueResponseUrl(context: ResponseUrlContext): string;
  responsesFor(responseUrl: string): RecordedResponse[];
  files(): StoredFile[];
  seedMessage(message: SeedMessage): StoredMessage;
  fail(method: string, failure: InjectedFailure, times?: number): void;
  /** Makes every Web API and response_url answer take this long from now on. */
  setLatency(ms: number): void;
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  waitForCall(method: string, match?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  reset(): void;
  close(): Promise<void>;
  driver(appUrl: string): SlackDriver;
  /**
   * Tokens stop working for a workspace (or an org), as an uninstall does: those issued through
   * OAuth, and for the emulator's own workspace its bot token too; returns how many.
   */
  revokeTokens(teamOrEnterpriseId: string): number;
  /**
   * The app is installed in the emulator's own workspace again after its token was revoked: Slack
   * issues a new bot token (returned, and `botToken` from now on); the revoked one stays revoked.
   */
  reissueBotToken(): string;
  /** The tokens issued through OAuth and whom they speak for. */
  issuedTokens(): Map<string, { teamId: string | null; enterpriseId: string | null; expiresAt: number | undefined }>;
  /** How many Web API calls were answered 429 because of `rateLimits` (not `fail()`). */
  rateLimitedCount(): number;
  /** The emulator's clock (ms), which may run ahead of the wall clock in the demo. */
  now(): number;
  /** Serves extra routes (the demo's page) from the emulator's HTTP server, before its own. */
  mount(handler: HttpMount): void;
  /** Called after every request the emulator served and every `notifyChange()`; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** For changes made outside the HTTP server, such as the driver applying an ack to a modal stack. */
  notifyChange(): void;
}

export async function startSlackEmulator(opts: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const state = new EmulatorState({
    signingSecret: opts.signingSecret ?? 'emulator-signing-secret',
    botToken: opts.botToken ?? 'xoxb-emulator-token',
    teamId: opts.teamId ?? 'T0PEERS01',
    now: opts.now ?? Date.now,
    verificationToken: opts.verificationToken ?? 'emulator-verification-token',
    chatWritePublic: opts.chatWritePublic ?? false,
    ...(opts.oauth ? { oauth: opts.oauth } : {}),
  });
  state.latencyMs = opts.latencyMs ?? 0;
  state.rateLimiter = opts.rateLimits ? new RateLimiter(opts.rateLimits, opts.rateLimitClock) : undefined;
  const server = await startServer(state, opts.port ?? 0, opts.host);
  state.baseUrl = server.baseUrl;
  return new Emulator(state, server.close);
}

class Emulator implements SlackEmulator {
  readonly apiUrl: string;
  readonly baseUrl: string;

  constructor(
    private readonly state: EmulatorState,
    private readonly closeServer: () => Promise<void>,
  ) {
    this.baseUrl = state.baseUrl;
    this.apiUrl = `${state.baseUrl}/api/`;
  }

  get botToken(): string {
    return this.state.botToken;
  }
  get signingSecret(): string {
    return this.state.config.signingSecret;
  }
  get teamId(): string {
    return this.state.workspace.team.id;
  }
  get botUserId(): string {
    return this.state.botUserId;
  }
  get botId(): string {
    return this.state.botId;
  }
  get appId(): string {
    return this.state.appId;
  }
  get workspace(): Workspace {
    return this.state.workspace;
  }
  get calls(): RecordedCall[] {
    return this.state.calls;
  }
  get responseUrlPosts(): RecordedResponse[] {
    return this.state.responseUrlPosts;
  }

  callsTo(method: string): RecordedCall[] {
    return this.state.calls.filter((c) => c.method === method);
  }

  /** A user id means that user's DM with the bot, as it does for chat.postMessage. */
  messages(channelId: string): StoredMessage[] {
    return this.state.messages.list(/^[UW]/.test(channelId) ? this.dmChannelOf(channelId) : channelId);
  }

  dmChannelOf(userId: string): string {
    return this.state.workspace.dmChannelOf(userId);
  }

  dmsTo(userId: string): StoredMessage[] {
    return this.messages(this.dmChannelOf(userId)).filter((m) => m.user === this.state.botUserId);
  }

  ephemeralsTo(userId: string): StoredEphemeral[] {
    return this.state.messages.ephemerals.filter((e) => e.user === userId);
  }

  homeOf(userId: string): JsonObject | undefined {
    return this.state.views.homeOf(userId)?.view;
  }

  view(viewId: string): StoredView | undefined {
    return this.state.views.get(viewId);
  }

  openViewsOf(userId: string): StoredView[] {
    return this.state.views.stackOf(userId);
  }

  issueTriggerId(userId?: string): string {
    return this.state.triggers.issue(userId);
  }

  issueResponseUrl(context: ResponseUrlContext): string {
    return issueResponseUrl(this.state, context);
  }

  responsesFor(responseUrl: string): RecordedResponse[] {
    return this.state.responseUrlPosts.filter((r) => r.url === responseUrl);
  }

  files(): StoredFile[] {
    return this.state.files.completed();
  }

  /** A message from a person (or another bot), for tests about reacting to or refusing to edit others' messages. */
  seedMessage(message: SeedMessage): StoredMessage {
    if (!this.state.workspace.channel(message.channel)) throw new Error(`seedMessage: no channel ${message.channel}`);
    return this.state.messages.post(message.channel, message.user, {
      text: message.text,
      blocks: message.blocks ?? [],
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    });
  }

  fail(method: string, failure: InjectedFailure, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`fail(): times must be a positive integer, got ${times}`);
    const queue = this.state.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.state.failures.set(method, queue);
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`setLatency(): ms must be zero or more, got ${ms}`);
    this.state.latencyMs = ms;
  }

  /** Polls with real timers: the app's follow-up work after an ack is asynchronous. */
  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 2000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  waitForCall(method: string, match: (call: RecordedCall) => boolean = () => true, timeoutMs = 2000): Promise<RecordedCall> {
    return this.waitFor(() => this.callsTo(method).find(match), timeoutMs).catch(() => {
      const seen = this.state.calls.map((c) => c.method).join(', ') || '(none)';
      throw new Error(`waitForCall: no matching ${method} call within ${timeoutMs} ms; calls so far: ${seen}`);
    });
  }

  /** Clears recordings and pending injected failures; workspace, messages and views stay. Arrays are emptied in place. */
  reset(): void {
    this.state.calls.length = 0;
    this.state.responseUrlPosts.length = 0;
    this.state.failures.clear();
  }

  close(): Promise<void> {
    return this.closeServer();
  }

  driver(appUrl: string): SlackDriver {
    return new SlackDriver(this.state, appUrl);
  }

  now(): number {
    return this.state.now();
  }

  revokeTokens(teamOrEnterpriseId: string): number {
    const own = teamOrEnterpriseId === this.state.workspace.team.id && !this.state.revokedBotTokens.has(this.state.botToken);
    if (own) this.state.revokedBotTokens.add(this.state.botToken);
    return this.state.oauth.revoke(teamOrEnterpriseId) + (own ? 1 : 0);
  }

  reissueBotToken(): string {
    this.state.botToken = `xoxb-${randomId('', 10, '0123456789')}-${randomId('', 24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    return this.state.botToken;
  }

  issuedTokens() {
    return new Map(
      [...this.state.oauth.grants].map(([token, g]) => [
        token,
        { teamId: g.teamId, enterpriseId: g.enterpriseId, expiresAt: g.expiresAt },
      ]),
    );
  }

  rateLimitedCount(): number {
    return this.state.calls.filter((c) => c.status === 429 && !c.injected).length;
  }

  mount(handler: HttpMount): void {
    this.state.mounts.push(handler);
  }

  onChange(listener: () => void): () => void {
    return this.state.changes.subscribe(listener);
  }

  notifyChange(): void {
    this.state.changes.notify();
  }
}
