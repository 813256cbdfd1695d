import { useEffect } from 'preact/hooks';
import type { Highlight } from '../../src/demo/status';

const CLASS = 'tour-highlight';

/** Outlines what the tour's step talks about, once the page shows it (and again after each read). */
export function useTourHighlight(highlight: Highlight | undefined, version: unknown): void {
  // No timer: while messages arrive the page re-renders often, and a delayed outline would be
  // put off again and again. Effects run once the DOM is committed, so the target is there.
  useEffect(() => {
    const target = highlight ? find(highlight) : undefined;
    for (const el of document.querySelectorAll(`.${CLASS}`)) if (el !== target) el.classList.remove(CLASS);
    if (!target || target.classList.contains(CLASS)) return;
    target.classList.add(CLASS);
    target.scrollIntoView({ block: 'nearest' });
  }, [highlight, version]);
}

function last(selector: string, match: (el: Element) => boolean = () => true): Element | undefined {
  return [...document.querySelectorAll(selector)].filter(match).at(-1);
}

function find(h: Highlight): Element | undefined {
  if (h.block) return last(`.modal [data-block-id="${CSS.escape(h.block)}"]`);
  if (h.action) return last(`[data-action-id="${CSS.escape(h.action)}"]`);
  if (h.files) return last('.message .files');
  const text = h.text;
  if (text)
    return (
      last('.message', (m) => (m.textContent ?? '').includes(text)) ??
      last('.home .bk-section', (m) => (m.textContent ?? '').includes(text))
    );
  return undefined;
}
