import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../core/logger';

export interface RunningOpsServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * The operator's endpoints on a port of their own (OPS_PORT), apart from the one Slack and
 * calendar apps reach: it can be left off the load balancer and firewalled to the monitoring
 * network. Serves exactly the given routes (paths without parameters); anything else is a 404.
 */
export async function startOpsServer(routes: CustomRoute[], port: number, logger: Logger): Promise<RunningOpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    const route = routes.find((r) => r.path === path);
    const methods = route ? [route.method].flat().map((m) => m.toUpperCase()) : [];
    if (!route || !methods.includes(req.method ?? 'GET')) {
      res.writeHead(route ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(route ? 'Method not allowed\n' : 'Not found\n');
      return;
    }
    Promise.resolve(route.handler(Object.assign(req, { params: {} }), res)).catch((error: unknown) => {
      logger.error(`Ops endpoint ${path} failed`, error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
