import type { ConversationView } from '../../../src/sandbox/web/types';

export type Selection = { kind: 'conversation'; id: string } | { kind: 'home' };

function Item({ c, selected, onSelect }: { c: ConversationView; selected: boolean; onSelect(): void }) {
  const icon = c.kind === 'private' ? '🔒' : c.kind === 'app' ? '◎' : c.kind === 'group' ? '👥' : '#';
  return (
    <li>
      <button
        type="button"
        class={`sidebar-item ${selected ? 'selected' : ''} ${c.unread > 0 ? 'unread' : ''} ${c.isMember ? '' : 'not-member'}`}
        data-conversation={c.id}
        data-name={c.name}
        onClick={onSelect}
      >
        <span class="sidebar-icon">{icon}</span>
        <span class="sidebar-name">{c.name}</span>
        {c.unread > 0 && (
          <span class="badge" aria-label={`${c.unread} unread`}>
            {c.unread}
          </span>
        )}
      </button>
    </li>
  );
}

export function Sidebar(props: {
  teamName: string;
  conversations: ConversationView[];
  selection: Selection;
  onSelect(selection: Selection): void;
}) {
  const channels = props.conversations.filter((c) => (c.kind === 'channel' || c.kind === 'private') && c.isMember);
  const others = props.conversations.filter((c) => c.kind === 'channel' && !c.isMember);
  const direct = props.conversations.filter((c) => c.kind === 'group');
  const app = props.conversations.find((c) => c.kind === 'app');
  const isSelected = (id: string) => props.selection.kind === 'conversation' && props.selection.id === id;
  return (
    <nav class="sidebar" aria-label="Conversations">
      <div class="team-name">{props.teamName}</div>
      <div class="sidebar-section">Channels</div>
      <ul>
        {channels.map((c) => (
          <Item
            key={c.id}
            c={c}
            selected={isSelected(c.id)}
            onSelect={() => props.onSelect({ kind: 'conversation', id: c.id })}
          />
        ))}
      </ul>
      {others.length > 0 && (
        <>
          <div class="sidebar-section">More channels</div>
          <ul>
            {others.map((c) => (
              <Item
                key={c.id}
                c={c}
                selected={isSelected(c.id)}
                onSelect={() => props.onSelect({ kind: 'conversation', id: c.id })}
              />
            ))}
          </ul>
        </>
      )}
      {direct.length > 0 && (
        <>
          <div class="sidebar-section">Direct messages</div>
          <ul>
            {direct.map((c) => (
              <Item
                key={c.id}
                c={c}
                selected={isSelected(c.id)}
                onSelect={() => props.onSelect({ kind: 'conversation', id: c.id })}
              />
            ))}
          </ul>
        </>
      )}
      {app && (
        <>
          <div class="sidebar-section">Apps</div>
          <ul>
            <Item
              c={app}
              selected={isSelected(app.id) || props.selection.kind === 'home'}
              onSelect={() => props.onSelect({ kind: 'home' })}
            />
          </ul>
        </>
      )}
    </nav>
  );
}
