import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy to the test PostgreSQL that a test can cut, as a network partition would. */
export interface Partition {
  /** postgres URL going through the proxy. */
  url: string;
  /** Drops every connection; new ones are accepted and then hang (no answer, as a partition does). */
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function partitionable(url: string): Promise<Partition> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (cut) return;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(upstream);
    upstream.on('close', () => { sockets.delete(upstream); client.destroy(); });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const via = new URL(url);
  via.port = String(port);
  return {
    url: via.toString(),
    cut: () => {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    heal: () => { cut = false; },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
