// Serves the peer benchmark's subgraphs from ONE process, each on its own free port on 127.0.0.1,
// and prints `{"accounts":"http://127.0.0.1:<port>/graphql", ...}` on one stdout line when ready.
//
// The subgraphs answer from memory and memoize every response by its request body (the data never
// changes), so their CPU per request is near zero and what the benchmark measures is the gateway.
// Env: SUBGRAPH_DELAY_MS adds that much latency to every subgraph response (a network/database
// stand-in); EVENTS=1 also starts the `events` subgraph (subscriptions over graphql-ws on /graphql,
// plus POST /emit to publish one tick to every subscription and GET /stats for their count).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { EVENTS_TYPEDEFS, SUBGRAPHS } from './schemas';

const DELAY_MS = Number(process.env.SUBGRAPH_DELAY_MS ?? 0);
const now = () => performance.timeOrigin + performance.now();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      .on('error', reject);
  });
}

/** A GraphQL-over-HTTP handler for `schema`; `memoize` keeps each distinct request's response. */
function graphqlHandler(schema: GraphQLSchema, memoize: boolean) {
  const documents = new Map<string, DocumentNode>();
  const responses = new Map<string, string>();
  async function answer(raw: string): Promise<string> {
    try {
      const { query, variables, operationName } = JSON.parse(raw);
      let document = documents.get(query);
      if (!document) {
        document = parse(query);
        const errors = validate(schema, document);
        if (errors.length) return JSON.stringify({ errors: errors.map((e) => ({ message: e.message })) });
        documents.set(query, document);
      }
      return JSON.stringify(await execute({ schema, document, variableValues: variables, operationName }));
    } catch (e) {
      return JSON.stringify({ errors: [{ message: String((e as Error).message ?? e) }] });
    }
  }
  return async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    let out = memoize ? responses.get(raw) : undefined;
    if (out === undefined) {
      out = await answer(raw);
      if (memoize && responses.size < 10_000) responses.set(raw, out);
    }
    const send = (body: string) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    if (DELAY_MS > 0) setTimeout(send, DELAY_MS, out);
    else send(out);
  };
}

function listen(server: Server): Promise<string> {
  // Gateways keep connections open between requests; Node's 5 s default would close them under them.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

/** The events subgraph: each POST /emit pushes the next tick to every open `tick` subscription. */
function eventsServer(): Server {
  const listeners = new Set<(tick: { seq: number; sentAt: number }) => void>();
  let seq = 0;
  let last: { seq: number; sentAt: number } | null = null;
  function ticks(): AsyncIterableIterator<{ tick: { seq: number; sentAt: number } }> {
    const queue: { seq: number; sentAt: number }[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const push = (t: { seq: number; sentAt: number }) => (queue.push(t), wake?.());
    listeners.add(push);
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        while (!queue.length && !done) await new Promise<void>((r) => (wake = r));
        return done ? { done: true, value: undefined } : { done: false, value: { tick: queue.shift()! } };
      },
      async return() {
        done = true;
        listeners.delete(push);
        wake?.();
        return { done: true, value: undefined };
      },
    };
  }
  const schema = buildSubgraphSchema([
    {
      typeDefs: EVENTS_TYPEDEFS,
      resolvers: {
        Query: { lastTick: () => last },
        Subscription: { tick: { subscribe: () => ticks() } },
        // Ticks point at products in turn, so the "entity" probe needs products and inventory.
        Tick: { product: (t: { seq: number }) => ({ upc: String((t.seq % 9) + 1) }) },
        // eslint-disable-next-line no-restricted-syntax -- a bench subgraph's resolver map has no generated types; buildSubgraphSchema checks it against the SDL
      } as never,
    },
  ]);
  const graphql = graphqlHandler(schema, false);
  const server = createServer((req, res) => {
    if (req.url === '/emit' && req.method === 'POST') {
      last = { seq: ++seq, sentAt: now() };
      for (const push of listeners) push(last);
      res.end(JSON.stringify({ seq, subscriptions: listeners.size }));
    } else if (req.url === '/stats') res.end(JSON.stringify({ subscriptions: listeners.size }));
    else if (req.method === 'POST') void graphql(req, res);
    else res.writeHead(404).end();
  });
  useServer({ schema }, new WebSocketServer({ server, path: '/graphql' }));
  return server;
}

async function main() {
  const urls: Record<string, string> = {};
  for (const [name, def] of Object.entries(SUBGRAPHS)) {
    const handler = graphqlHandler(buildSubgraphSchema([def]), true);
    urls[name] = await listen(createServer((req, res) => (req.method === 'POST' ? void handler(req, res) : res.writeHead(405).end())));
  }
  if (process.env.EVENTS === '1') urls.events = await listen(eventsServer());
  console.log(JSON.stringify(urls));
}

void main();
