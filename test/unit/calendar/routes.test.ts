import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { calendarRoutes } from '../../../src/calendar/routes';
import { loadConfig } from '../../../src/core/config';
import type { Database } from '../../../src/db/types';
import { createLogger } from '../../../src/core/logger';

/** A database whose every query fails with an error that repeats the query's parameters, as some drivers do. */
class EchoingFailureDriver implements Driver {
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: async (query: CompiledQuery) => {
        throw new Error(`query failed with parameters ${JSON.stringify(query.parameters)}`);
      },
      streamQuery: () => {
        throw new Error('not used');
      },
    };
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

describe('calendar route', () => {
  const lines: string[] = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const db = new Kysely<Database>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new EchoingFailureDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const deps = {
      config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' }),
      db,
      clock: () => new Date('2026-11-23T15:00:00Z'),
      logger: createLogger('debug', (line) => lines.push(line)),
      gateway: {
        client: async () => {
          throw new Error('not used');
        },
      },
      inflight: new Set<Promise<unknown>>(),
    };
    const [feed] = calendarRoutes(deps);
    server = createServer((req, res) => {
      const file = /^\/calendar\/([^/]+)$/.exec(req.url ?? '')?.[1] ?? '';
      feed!.handler(Object.assign(req, { params: { file } }), res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 503 when the database fails, and never writes the token to the log', async () => {
    const token = 'Tok3n_-abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
    expect(token).toHaveLength(43);
    const res = await fetch(`${baseUrl}/calendar/${token}.ics`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.text()).not.toContain(token);
    const logged = lines.join('\n');
    expect(logged).toContain('Calendar feed: could not read the database');
    expect(logged).toContain('query failed with parameters');
    expect(logged).not.toContain(token);
  });
});
