import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMount } from '../sandbox/state';

/** A small icon, so a browser's request for one is answered rather than logged as missing. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#4a154b"/><g fill="#fff"><circle cx="32" cy="16" r="6"/><circle cx="46" cy="38" r="6"/><circle cx="18" cy="38" r="6"/></g></svg>`;

const isPagePath = (path: string): boolean => path === '/' || path === '/demo' || path.startsWith('/demo/');

/**
 * The page's routes, answered only once the page is ready: the emulator listens before the app
 * has started, and until then a visitor's request waits here instead of getting the Web API's
 * "method not allowed" for a path it does not know.
 */
export function pageGate(): { mount: HttpMount; open(surface: HttpMount): void; close(): void } {
  let surface: HttpMount | undefined;
  let waiting: Array<() => void> = [];
  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  const mount: HttpMount = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://demo.local').pathname;
    if (path === '/favicon.ico' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
      res.end(FAVICON);
      return true;
    }
    if (!isPagePath(path)) return false;
    if (surface) return surface(req, res) || (notFound(res), true);
    waiting.push(() => {
      if (!surface?.(req, res)) notFound(res);
    });
    return true;
  };
  return {
    mount,
    open(ready) {
      surface = ready;
      const queued = waiting;
      waiting = [];
      for (const resume of queued) resume();
    },
    close() {
      // Whoever still waits when the demo stops gets an answer, not a hung connection.
      const queued = waiting;
      waiting = [];
      for (const resume of queued) resume();
    },
  };
}
