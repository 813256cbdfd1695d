import type { ComponentChildren } from 'preact';
import type { Inline, Line, Mark } from '../model/mrkdwn';

function marked(marks: Mark[], children: ComponentChildren): ComponentChildren {
  return marks.reduce<ComponentChildren>((inner, mark) => {
    if (mark === 'bold') return <strong>{inner}</strong>;
    if (mark === 'italic') return <em>{inner}</em>;
    if (mark === 'strike') return <s>{inner}</s>;
    return <code class="inline-code">{inner}</code>;
  }, children);
}

function InlineView({ inline }: { inline: Inline }) {
  switch (inline.kind) {
    case 'text':
      return <>{marked(inline.marks, inline.text)}</>;
    case 'link':
      return (
        <>
          {marked(
            inline.marks,
            <a href={inline.url} target="_blank" rel="noreferrer noopener">
              {inline.label}
            </a>,
          )}
        </>
      );
    case 'user':
      return <span class="mention">{inline.label}</span>;
    case 'channel':
      return <span class="mention channel">{inline.label}</span>;
    case 'broadcast':
      return <span class="mention broadcast">{inline.label}</span>;
    case 'date':
      return (
        <time class="slack-date" dateTime={inline.iso} title={inline.iso}>
          {inline.url ? (
            <a href={inline.url} target="_blank" rel="noreferrer noopener">
              {inline.label}
            </a>
          ) : (
            inline.label
          )}
        </time>
      );
  }
}

/** Parsed mrkdwn (or plain text) as elements: never as HTML, so app text cannot inject markup. */
export function Rich({ lines, class: className }: { lines: Line[]; class?: string }) {
  return (
    <div class={`rich ${className ?? ''}`}>
      {lines.map((line, i) => {
        if (line.kind === 'pre') return <pre key={i}>{line.text}</pre>;
        const inlines = line.inlines.map((inline, j) => <InlineView key={j} inline={inline} />);
        if (line.kind === 'quote') return <blockquote key={i}>{inlines}</blockquote>;
        if (line.kind === 'bullet')
          return (
            <div key={i} class="bullet">
              <span class="dot">•</span>
              <span>{inlines}</span>
            </div>
          );
        return (
          <div key={i} class="line">
            {inlines.length ? inlines : '\u00a0'}
          </div>
        );
      })}
    </div>
  );
}
