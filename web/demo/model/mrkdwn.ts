import { nameToEmoji } from 'gemoji';
import { safeUrl } from './safeUrl';
import { type DateContext, formatSlackDate, parseDateToken } from './slackDate';

/**
 * Slack's mrkdwn, read into lines of inline pieces the page renders without ever setting HTML:
 * *bold*, _italic_, ~strike~, `code`, ``` blocks, > quotes, bullet lines, `<url|text>` links,
 * `<@U…>` mentions, `<#C…>` channel links, `<!here>` and `<!date^…>` tokens, :emoji: codes. A link
 * whose scheme is not http, https or mailto stays text.
 */
export type Mark = 'bold' | 'italic' | 'strike' | 'code';

export type Inline =
  | { kind: 'text'; text: string; marks: Mark[] }
  | { kind: 'link'; url: string; label: string; marks: Mark[] }
  | { kind: 'user'; id: string; label: string }
  | { kind: 'channel'; id: string; label: string }
  | { kind: 'broadcast'; label: string }
  | { kind: 'date'; label: string; iso: string; url?: string };

export type Line = { kind: 'line' | 'quote' | 'bullet'; inlines: Inline[] } | { kind: 'pre'; text: string };

/** Everything a reader's view of a text depends on. */
export interface RichContext extends DateContext {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

/** Slack's names that GitHub's emoji list (which Slack's mostly matches) spells otherwise. */
const SLACK_ALIASES: Record<string, string> = {
  spiral_calendar_pad: 'spiral_calendar',
  spiral_note_pad: 'spiral_notepad',
  simple_smile: 'slightly_smiling_face',
};

export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => nameToEmoji[SLACK_ALIASES[name] ?? name] ?? whole);
}

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A whole mrkdwn text as lines. */
export function parseMrkdwn(source: string, ctx: RichContext): Line[] {
  const lines: Line[] = [];
  const raw = source.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i] ?? '';
    if (line.trimStart().startsWith('```')) {
      const body: string[] = [];
      let rest = line.trimStart().slice(3);
      // ```inline``` on one line, or a fence running over several lines.
      if (rest.endsWith('```') && rest.length >= 3) {
        lines.push({ kind: 'pre', text: decodeEntities(rest.slice(0, -3)) });
        continue;
      }
      if (rest) body.push(rest);
      for (i++; i < raw.length; i++) {
        rest = raw[i] ?? '';
        if (rest.trimEnd().endsWith('```')) {
          const last = rest.trimEnd().slice(0, -3);
          if (last) body.push(last);
          break;
        }
        body.push(rest);
      }
      lines.push({ kind: 'pre', text: decodeEntities(body.join('\n')) });
      continue;
    }
    const quote = /^(?:&gt;|>)\s?(.*)$/.exec(line);
    if (quote) {
      lines.push({ kind: 'quote', inlines: parseInline(quote[1] ?? '', ctx) });
      continue;
    }
    const bullet = /^\s*[•◦▪-]\s+(.*)$/.exec(line);
    if (bullet) {
      lines.push({ kind: 'bullet', inlines: parseInline(bullet[1] ?? '', ctx) });
      continue;
    }
    lines.push({ kind: 'line', inlines: parseInline(line, ctx) });
  }
  return lines;
}

/** Plain text objects: no formatting, only emoji codes (when `emoji` is not false). */
export function plainLines(text: string, emoji = true): Line[] {
  return text
    .split('\n')
    .map((line) => ({ kind: 'line', inlines: [{ kind: 'text', text: emoji ? emojify(line) : line, marks: [] }] }));
}

const MARK_OF: Record<string, Mark> = { '*': 'bold', _: 'italic', '~': 'strike' };
const WORDISH = /[\p{L}\p{N}]/u;

/** Where an emphasis span opened at `i` closes, following Slack's rule that markers hug words. */
function closingOf(text: string, i: number, marker: string): number {
  const before = text[i - 1];
  const after = text[i + 1];
  if (before !== undefined && WORDISH.test(before)) return -1;
  if (after === undefined || /\s/.test(after) || after === marker) return -1;
  for (let j = i + 2; j < text.length; j++) {
    if (text[j] === '\n') return -1;
    if (text[j] !== marker) continue;
    const inside = text[j - 1] ?? '';
    const next = text[j + 1];
    if (/\s/.test(inside)) continue;
    if (next !== undefined && WORDISH.test(next)) continue;
    return j;
  }
  return -1;
}

export function parseInline(text: string, ctx: RichContext, marks: Mark[] = []): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: emojify(decodeEntities(plain)), marks });
    plain = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i) {
        flush();
        out.push(angleToken(text.slice(i + 1, end), ctx, marks));
        i = end;
        continue;
      }
    }
    if (c === '`' && !marks.includes('code')) {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'text', text: decodeEntities(text.slice(i + 1, end)), marks: [...marks, 'code'] });
        i = end;
        continue;
      }
    }
    const mark = MARK_OF[c];
    if (mark && !marks.includes(mark)) {
      const end = closingOf(text, i, c);
      if (end > i) {
        flush();
        out.push(...parseInline(text.slice(i + 1, end), ctx, [...marks, mark]));
        i = end;
        continue;
      }
    }
    plain += c;
  }
  flush();
  return out;
}

function angleToken(inner: string, ctx: RichContext, marks: Mark[]): Inline {
  const [target = '', label] = splitLabel(inner);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return { kind: 'user', id, label: `@${label ?? ctx.userName(id) ?? id}` };
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return { kind: 'channel', id, label: `#${label ?? ctx.channelName(id) ?? id}` };
  }
  if (target.startsWith('!')) {
    const date = parseDateToken(inner);
    if (date) {
      const link = date.link ? safeUrl(date.link) : undefined;
      return {
        kind: 'date',
        label: formatSlackDate(date.seconds, date.format, ctx),
        iso: new Date(date.seconds * 1000).toISOString(),
        ...(link ? { url: link } : {}),
      };
    }
    const name = target.slice(1).split('^')[0] ?? '';
    return { kind: 'broadcast', label: `@${label ?? name}` };
  }
  const written = decodeEntities(target);
  const shown = label !== undefined ? decodeEntities(label) : written.replace(/^mailto:/, '');
  const url = safeUrl(written);
  return url ? { kind: 'link', url, label: shown, marks } : { kind: 'text', text: shown, marks };
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** The words of some lines, for tests and accessible labels. */
export function linesText(lines: Line[]): string {
  return lines
    .map((l) => (l.kind === 'pre' ? l.text : `${l.kind === 'bullet' ? '• ' : ''}${l.inlines.map(inlineText).join('')}`))
    .join('\n');
}

function inlineText(inline: Inline): string {
  return 'text' in inline ? inline.text : inline.label;
}
