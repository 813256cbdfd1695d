/**
 * Only these schemes become links: anything else (`javascript:`, `data:`, `vbscript:`...) would run
 * script on the page or stand in for it, and text in the workspace is whatever someone typed.
 */
const LINKABLE = new Set(['http:', 'https:', 'mailto:']);

/** The URL, when the scheme the browser would read in it may be followed; otherwise undefined. */
export function safeUrl(raw: string): string | undefined {
  // The URL parser, not a prefix test: browsers drop leading spaces and control characters and any
  // tab or newline inside the scheme ("java\tscript:"), and so does it. A relative URL is refused:
  // it would resolve against the page.
  if (!URL.canParse(raw)) return undefined;
  return LINKABLE.has(new URL(raw).protocol) ? raw : undefined;
}
