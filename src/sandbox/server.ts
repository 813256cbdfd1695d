import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, isIPv6 } from 'node:net';
import { parseMultipart, readBody } from './httpBody';
import { handleResponseUrlPost } from './responseUrls';
import type { EmulatorState } from './state';
import { type HttpReply, handleApiCall } from './webApi';

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the Web API (/api/<method>), upload URLs (/upload/<id>), response URLs (/response/<id>) and
 * mounted routes, on the loopback interface unless given another `host`.
 */
export async function startServer(state: EmulatorState, port = 0, host = '127.0.0.1'): Promise<RunningServer> {
  const server = createServer((req, res) => {
    if (state.mounts.some((mount) => mount(req, res))) return;
    route(state, req)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => send(res, { status: 500, headers: {}, body: `emulator error: ${String(error)}` }))
      .finally(() => state.changes.notify());
  });
  // Clients (undici's fetch, which @slack/web-api uses) drop idle sockets after 4 s; with Node's
  // default of 5 s here, a loaded machine can fire the client's timer late and reuse a socket this
  // server has just closed ("fetch failed"). Slack keeps connections open far longer.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo; // listen() on a TCP port always yields AddressInfo
  return { baseUrl: `http://${reachableHost(host)}:${actual}`, close: () => closeServer(server) };
}

/** Where this machine reaches a server listening on `host`: a wildcard address is not one to connect to. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return isIPv6(host) ? `[${host}]` : host;
}

async function route(state: EmulatorState, req: IncomingMessage): Promise<HttpReply> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const body = await readBody(req);
  if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
  const contentType = req.headers['content-type'] ?? '';
  if (req.method === 'GET' && url.pathname === '/oauth/v2/authorize') return state.oauth.authorize(req, url);
  const [, kind, id] = url.pathname.split('/');
  if (kind === 'api' && id) {
    if (req.method === 'GET') {
      const query = Buffer.from(url.searchParams.toString());
      return handleApiCall(state, {
        method: id,
        body: query,
        contentType: 'application/x-www-form-urlencoded',
        authorization: req.headers.authorization,
      });
    }
    return handleApiCall(state, { method: id, body, contentType, authorization: req.headers.authorization });
  }
  if (req.method !== 'POST') return { status: 405, headers: {}, body: 'method not allowed' };
  if (kind === 'upload' && id) return receiveUpload(state, id, body, contentType);
  if (kind === 'response' && id) return handleResponseUrlPost(state, id, body);
  return { status: 404, headers: {}, body: 'not found' };
}

/** @slack/web-api posts file bytes as multipart (field "body"); curl-style raw bodies work too. */
function receiveUpload(state: EmulatorState, id: string, body: Buffer, contentType: string): HttpReply {
  let bytes = body;
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const parts = parseMultipart(body, contentType);
    const file = parts.find((p) => p.filename !== undefined) ?? parts[0];
    bytes = file?.data ?? Buffer.alloc(0);
  }
  if (!state.files.receive(id, Buffer.from(bytes))) return { status: 404, headers: {}, body: 'upload not found' };
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: `OK - ${bytes.length}` };
}

function send(res: ServerResponse, reply: HttpReply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets from WebClient/undici would otherwise hold close() open.
    server.closeAllConnections();
  });
}
