import type { PersonView } from '../../../src/sandbox/web/types';

const COLORS = ['#4a6fa5', '#9b5de5', '#2a9d8f', '#e76f51', '#c0392b', '#3d5a80', '#6a994e', '#b5838d', '#d4a373', '#457b9d'];

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}` : (words[0]?.slice(0, 2) ?? '?');
  return letters.toUpperCase();
}

function colorOf(id: string): string {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? '#4a6fa5';
}

/** Initials on a colour of the person's own: no pictures to fetch, still easy to tell apart. */
export function Avatar({ person, size = 36 }: { person: PersonView | undefined; size?: number }) {
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` };
  if (person?.isBot) {
    return (
      <span class="avatar app-avatar" style={style} aria-hidden="true">
        ◎
      </span>
    );
  }
  return (
    <span class="avatar" style={{ ...style, background: colorOf(person?.id ?? '') }} aria-hidden="true">
      {initialsOf(person?.realName ?? '?')}
    </span>
  );
}
