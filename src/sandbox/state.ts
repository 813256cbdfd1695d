import { FileStore } from './fileStore';
import { TsClock } from './ids';
import { MessageStore } from './messageStore';
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
  /** Filled in once the server is listening. */
  baseUrl = '';
  /** Added to every Web API and response_url answer: Slack is not always fast. */
  latencyMs = 0;

  constructor(readonly config: EmulatorConfig) {
    this.workspace = new Workspace(config.teamId, config.now);
    this.ts = new TsClock(config.now);
    this.messages = new MessageStore(this.ts);
    this.views = new ViewStore(config.now, { teamId: config.teamId, appId: this.appId, botId: this.botId });
    this.triggers = new TriggerStore(config.now);
  }

  now(): number {
    return this.config.now();
  }
}
