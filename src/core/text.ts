/**
 * Text people typed, made safe to show in a Slack message. Slack reads `<…>` as a mention, a
 * broadcast (`<!channel>`, `<!here>`) or a link, and `&` starts its own escapes: escaping the
 * three is all it asks, and it is enough that nothing typed can ping a channel or forge a link.
 * It lives here, not in `slack/`, because services quote typed text in their errors too.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The longest piece of typed text an answer repeats back: enough to recognise, never a wall. */
export const ECHO_MAX = 80;

/**
 * Typed text repeated back in an answer ("I can't find …"): escaped, on one line, without
 * control characters, and cut short, since a message may quote whatever was pasted.
 */
export function echo(text: string, max = ECHO_MAX): string {
  const oneLine = text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
  return escapeMrkdwn(cut);
}

/**
 * A link with our own label around a URL someone typed. A URL holding `<`, `>`, `|` or a space
 * could close the link early or relabel it, so such a one is shown as plain text instead.
 */
export function link(url: string, label: string): string {
  return /^https?:\/\/[^\s<>|]+$/.test(url) ? `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(label)}>` : escapeMrkdwn(url);
}
