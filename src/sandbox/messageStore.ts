import { type TsClock, withGeneratedIds } from './ids';
import type { EphemeralSource, StoredEphemeral, StoredMessage } from './types';

export interface MessageContent {
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  attachments?: unknown[];
  metadata?: unknown;
  files?: string[];
}

/** Channel history as the workspace would show it now: updates applied, deletions gone. */
export class MessageStore {
  private readonly byChannel = new Map<string, StoredMessage[]>();
  readonly ephemerals: StoredEphemeral[] = [];

  constructor(private readonly ts: TsClock) {}

  post(channel: string, user: string, content: MessageContent): StoredMessage {
    const message: StoredMessage = {
      ts: this.ts.next(),
      channel,
      user,
      text: content.text,
      blocks: withGeneratedIds(content.blocks),
      updatedCount: 0,
      ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
      ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
      ...(content.files ? { files: content.files } : {}),
    };
    const list = this.byChannel.get(channel) ?? [];
    list.push(message);
    this.byChannel.set(channel, list);
    return message;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.find((m) => m.ts === ts);
  }

  list(channel: string): StoredMessage[] {
    return [...(this.byChannel.get(channel) ?? [])];
  }

  replace(message: StoredMessage, content: Partial<MessageContent>): void {
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = withGeneratedIds(content.blocks);
    if (content.attachments !== undefined) message.attachments = content.attachments;
    if (content.metadata !== undefined) message.metadata = content.metadata;
    message.updatedCount += 1;
  }

  delete(channel: string, ts: string): boolean {
    const list = this.byChannel.get(channel);
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  addEphemeral(channel: string, user: string, content: MessageContent, source: EphemeralSource): StoredEphemeral {
    const ephemeral: StoredEphemeral = {
      ts: this.ts.next(),
      channel,
      user,
      text: content.text,
      blocks: withGeneratedIds(content.blocks),
      source,
      ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
    };
    this.ephemerals.push(ephemeral);
    return ephemeral;
  }
}
