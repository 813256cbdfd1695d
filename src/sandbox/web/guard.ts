import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { HttpMount } from '../state';

export interface GuardOptions {
  /** Host names besides `localhost` (and its subdomains) and IP addresses that may reach the server. */
  hostnames?: string[];
}

/**
 * Refuses what a web page elsewhere can make a browser send to a server on this machine. Any page
 * may send requests to localhost (CSRF), and a page whose own name resolves to 127.0.0.1 once it
 * has loaded is, to the browser, the same origin as the server (DNS rebinding), so it can read the
 * answers too. The first carries the page's Origin; the second the page's name in Host. Mounted
 * before every other route, this covers the whole server, the Web API included. Clients other
 * than browsers (the app's Web API client, curl) send no Origin and pass.
 */
export function localOnly(options: GuardOptions = {}): HttpMount {
  const names = new Set((options.hostnames ?? []).map((name) => name.toLowerCase()));
  return (req, res) => {
    const refusal = refusalOf(req, names);
    if (!refusal) return false;
    refuse(res, refusal);
    return true;
  };
}

function refusalOf(req: IncomingMessage, names: Set<string>): string | undefined {
  const host = req.headers.host;
  const hostname = host ? hostnameOf(host) : undefined;
  if (!host || !hostname || !allowedHost(hostname, names))
    return `Host ${host ?? '(none)'} is not this demo's: open it as http://localhost, or start it with --host NAME.`;
  const origin = req.headers.origin;
  // Same origin is the same scheme, name and port the request was sent to; "null" (a sandboxed
  // frame, a file) is nobody's.
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`)
    return `Requests from ${origin} are refused: only the demo's own page may use it.`;
  return undefined;
}

/** The name in a Host header, or undefined when it is not one a browser would send. */
function hostnameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host);
  return match?.[1]?.toLowerCase();
}

function allowedHost(hostname: string, names: Set<string>): boolean {
  // An address cannot be rebound: a page can only name it, and then it is another origin.
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return true;
  // localhost and its subdomains are loopback by definition (RFC 6761): no one can register them.
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  return names.has(hostname);
}

function refuse(res: ServerResponse, message: string): void {
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}
