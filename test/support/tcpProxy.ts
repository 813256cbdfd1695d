import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy between the app and PostgreSQL that a test can cut: every connection through it
 * dies at once, as when the server restarts or the network drops. `cutOn` cuts the moment a
 * client sends a statement containing the given text, before the server sees it.
 */
export interface TcpProxy {
  port: number;
  /** Drops every open connection (new ones go through again). */
  cut(): void;
  /** Cuts once, when a client next sends bytes containing `text`; resolves when it did. */
  cutOn(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let trap: { text: string; done: () => void } | undefined;
  const cut = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (trap && chunk.includes(trap.text)) {
        const sprung = trap;
        trap = undefined;
        cut();
        sprung.done();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    port: address.port,
    cut,
    cutOn: (text) => new Promise<void>((resolve) => (trap = { text, done: resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}
