import type { IncomingMessage, ServerResponse } from 'node:http';
import { FileStore } from './fileStore';
import { TsClock } from './ids';
import { MessageStore } from './messageStore';
import { type OAuthAppConfig, OAuthServer } from './oauth';
import type { RateLimiter } from './rateLimits';
import { TriggerStore } from './triggers';
import type { InjectedFailure, RecordedCall, RecordedResponse } from './types';
import { ViewStore } from './viewStore';
import { BOT, Workspace } from './workspace';

export interface EmulatorConfig {
  signingSecret: string;
  botToken: string;
  teamId: string;
  now: () => number;
  verificationToken: string;
  /** Whether the app has the chat:write.public scope (post to public channels without joining). */
  chatWritePublic: boolean;
  /** The app's OAuth client, for installs through the authorize page and oauth.v2.access. */
  oauth?: OAuthAppConfig;
}

/** What a response_url remembers about the interaction that produced it. */
export interface ResponseUrlContext {
  userId: string;
  channelId: string;
  /** Set when the URL came from a click on a message. */
  messageTs?: string;
  isEphemeral: boolean;
}

export interface ResponseUrlEntry {
  url: string;
  createdAt: number;
  uses: number;
  context: ResponseUrlContext;
}

/**
 * Extra HTTP routes on the emulator's server (the demo's page). Returns true when it took the
 * request; the emulator's own routes answer the rest.
 */
export type HttpMount = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Tells listeners that the workspace may have changed (a Web API call, a response_url post, a
 * driver action), so a live view can refresh. Coarse on purpose: listeners re-read what they show.
 */
export class ChangeFeed {
  private readonly listeners = new Set<() => void>();
  version = 0;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** Everything the emulator knows; the HTTP layer, method handlers and the driver all share one instance. */
export class EmulatorState {
  readonly workspace: Workspace;
  readonly botUserId = BOT.userId;
  readonly botId = BOT.botId;
  readonly appId = BOT.appId;
  readonly ts: TsClock;
  readonly messages: MessageStore;
  readonly views: ViewStore;
  readonly triggers: TriggerStore;
  readonly files = new FileStore();
  readonly calls: RecordedCall[] = [];
  readonly responseUrlPosts: RecordedResponse[] = [];
  readonly responseUrls = new Map<string, ResponseUrlEntry>();
  readonly failures = new Map<string, InjectedFailure[]>();
  readonly changes = new ChangeFeed();
  readonly mounts: HttpMount[] = [];
  /** Filled in once the server is listening. */
  baseUrl = '';
  /** Added to every Web API and response_url answer: Slack is not always fast. */
  latencyMs = 0;
  readonly oauth: OAuthServer;
  /** Slack's posting limits, when the emulator was asked to keep them. */
  rateLimiter: RateLimiter | undefined;
  /** The workspace the Web API call being answered speaks for (calls are answered one at a time). */
  callerTeamId: string | undefined;
  /**
   * The bot token of the app's install in its own workspace (the one a single-workspace app is
   * configured with), and the ones Slack revoked: an uninstall revokes it, installing again issues
   * a new one, and a revoked token never works again.
   */
  botToken: string;
  readonly revokedBotTokens = new Set<string>();

  constructor(readonly config: EmulatorConfig) {
    this.botToken = config.botToken;
    this.workspace = new Workspace(config.teamId, config.now);
    this.ts = new TsClock(config.now);
    this.messages = new MessageStore(this.ts);
    this.views = new ViewStore(config.now, { teamId: config.teamId, appId: this.appId, botId: this.botId });
    this.triggers = new TriggerStore(config.now);
    this.oauth = new OAuthServer(
      config.oauth,
      { teamId: config.teamId, teamName: this.workspace.team.name, appId: this.appId, botUserId: this.botUserId },
      config.now,
    );
  }

  now(): number {
    return this.config.now();
  }
}
