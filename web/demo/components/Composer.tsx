import { useState } from 'preact/hooks';

/** Where a person types: `/circle …` runs the command, anything else is posted as a message. */
export function Composer({
  placeholder,
  disabled,
  onSend,
}: {
  placeholder: string;
  disabled: boolean;
  onSend(text: string): void;
}) {
  const [text, setText] = useState('');
  const send = () => {
    const value = text.trim();
    if (!value) return;
    onSend(value);
    setText('');
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <input
        type="text"
        data-testid="composer"
        aria-label="Message or command"
        placeholder={placeholder}
        value={text}
        disabled={disabled}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="send" disabled={disabled || !text.trim()} aria-label="Send">
        ➤
      </button>
      <div class="composer-hint">
        Try <code>/circle help</code>, <code>/circle list</code> or <code>/circle new</code>
      </div>
    </form>
  );
}
