import type { MessageView, PersonView } from '../../../src/sandbox/web/types';
import { Files } from './Files';
import { messageVM } from '../model/blocks';
import type { RichContext } from '../model/mrkdwn';
import { Avatar } from './Avatar';
import { type ActionInput, type BlockEnv, Blocks } from './Blocks';

export interface MessageEnv {
  people: Map<string, PersonView>;
  rich: RichContext;
  blockEnv(message: MessageView): BlockEnv;
}

function timeOf(ts: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(Number(ts) * 1000));
}

function dayOf(ts: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(
    new Date(Number(ts) * 1000),
  );
}

export function MessageItem({ message, env, isReply = false }: { message: MessageView; env: MessageEnv; isReply?: boolean }) {
  const author = env.people.get(message.user);
  const name = author?.realName ?? message.user;
  return (
    <div class={`message ${message.ephemeral ? 'ephemeral' : ''} ${isReply ? 'reply' : ''}`} data-ts={message.ts}>
      <Avatar person={author} size={isReply ? 28 : 36} />
      <div class="message-body">
        {message.ephemeral && <div class="only-you">👁 Only visible to you</div>}
        <div class="message-meta">
          <span class="author">{name}</span>
          {author?.isBot && <span class="app-badge">APP</span>}
          <span class="time" title={new Date(Number(message.ts) * 1000).toISOString()}>
            {timeOf(message.ts, env.rich.timeZone)}
          </span>
          {message.edited && <span class="edited">(edited)</span>}
        </div>
        <Blocks blocks={messageVM(message, env.rich)} env={env.blockEnv(message)} />
        {message.files && <Files files={message.files} />}
        {message.replies.length > 0 && (
          <div class="thread">
            <div class="thread-count">
              {message.replies.length} {message.replies.length === 1 ? 'reply' : 'replies'}
            </div>
            {message.replies.map((r) => (
              <MessageItem key={r.ts} message={r} env={env} isReply />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** A day separator before the first message of each day, in the reader's zone. */
export function MessageList({ messages, env }: { messages: MessageView[]; env: MessageEnv }) {
  let lastDay = '';
  return (
    <div class="message-list">
      {messages.map((m) => {
        const day = dayOf(m.ts, env.rich.timeZone);
        const separator = day !== lastDay;
        lastDay = day;
        return (
          <div key={m.ts}>
            {separator && (
              <div class="day-separator">
                <span>{day}</span>
              </div>
            )}
            <MessageItem message={m} env={env} />
          </div>
        );
      })}
    </div>
  );
}

export type { ActionInput };
