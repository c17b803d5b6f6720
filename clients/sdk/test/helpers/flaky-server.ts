import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyServer {
  url: string;
  /** The operation names of the requests received, in order. */
  received: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for an unreliable network in front of the API: answers the first `failures`
 * requests with `failure` (a status and body), then every request with `data`.
 */
export async function startFlakyServer(failures: number, failure: { status: number; body: string }, data: unknown): Promise<FlakyServer> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push((JSON.parse(body) as { operationName: string }).operationName);
      const answer = received.length <= failures ? failure : { status: 200, body: JSON.stringify({ data }) };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
