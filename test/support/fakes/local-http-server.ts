import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A loopback HTTP server (127.0.0.1, random port) that records every request and answers with
 * whatever `answer` returns. The provider fakes in this folder build on it.
 */
export class LocalHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private port = 0;

  private constructor(answer: (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(recorded);
        Promise.resolve()
          .then(() => answer(recorded))
          .then((r) => res.writeHead(r.status, r.headers ?? {}).end(r.body ?? ''))
          .catch((e: unknown) => res.writeHead(599).end(String(e)));
      });
    });
  }

  static async start(answer: (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>): Promise<LocalHttpServer> {
    const self = new LocalHttpServer(answer);
    await new Promise<void>((resolve) => self.server.listen(0, '127.0.0.1', resolve));
    self.port = (self.server.address() as AddressInfo).port;
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}
