import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { CloseCode, createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { mintApiKey } from '@supergraph/auth';
import { testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { readRouterEnv } from '../src/env';
import { startRouter, type RouterConfig, type RunningRouter } from '../src/server';
import type { Logger } from '@supergraph/service-kit';

/**
 * graphql-ws sockets without credentials: refused (4403) unless the router is told to allow them
 * (SUBSCRIPTIONS_ALLOW_ANONYMOUS, used by the side-by-side benchmark); bad credentials: 4403; a
 * failure to verify them: 1011, logged. A tiny subgraph with a public subscription field, composed
 * here, stands behind the router.
 */
describe('router: anonymous subscribers', () => {
  const typeDefs = parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { ping: Int }
    type Subscription { tick: Int! }`);
  let subgraph: Server;
  let wss: WebSocketServer;
  let subgraphUrl: string;
  const routers: RunningRouter[] = [];

  beforeAll(async () => {
    const schema = buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: { ping: () => 1 },
          Subscription: {
            tick: {
              subscribe: async function* () {
                for (let i = 1; i <= 3; i++) {
                  await new Promise((r) => setTimeout(r, 20));
                  yield { tick: i };
                }
              },
            },
          },
          // eslint-disable-next-line no-restricted-syntax -- an async generator resolver, which @apollo/subgraph's resolver map does not type
        } as never,
      },
    ]);
    subgraph = createServer((_req, res) => res.end('{}'));
    wss = new WebSocketServer({ server: subgraph, path: '/graphql' });
    useServer({ schema }, wss);
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    subgraphUrl = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    for (const r of routers) await r.close();
    for (const socket of wss.clients) socket.terminate();
    await new Promise((r) => wss.close(r));
    subgraph.closeAllConnections();
    await new Promise((r) => subgraph.close(r));
  });

  async function start(subscriptionsAllowAnonymous?: boolean, more: Partial<RouterConfig> = {}) {
    const composed = composeServices([{ name: 'ticks', url: subgraphUrl, typeDefs }]);
    if (composed.errors) throw composed.errors[0];
    const router = await startRouter({
      supergraphSdl: composed.supergraphSdl,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: { maxDepth: 10, maxAliases: 10, maxCost: 1000, maxTokens: 1000 },
      logger: testLogger,
      subscriptionsAllowAnonymous,
      ...more,
    });
    routers.push(router);
    return router;
  }

  function subscribe(router: RunningRouter, connectionParams?: Record<string, string>) {
    const client = createClient({ url: `${router.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    const values: number[] = [];
    return new Promise<{ values: number[]; error?: unknown }>((resolve) => {
      client.subscribe<{ tick: number }>(
        { query: 'subscription { tick }' },
        {
          next: (r) => values.push(r.data!.tick),
          error: (error) => resolve({ values, error }),
          complete: () => resolve({ values }),
        },
      );
    }).finally(() => client.dispose());
  }

  it('refuses a socket without credentials by default (4403)', async () => {
    const result = await subscribe(await start());
    expect(result.values).toEqual([]);
    expect((result.error as { code?: number }).code).toBe(CloseCode.Forbidden);
  });

  it('lets an anonymous client subscribe to a public field when allowed', async () => {
    const result = await subscribe(await start(true));
    expect(result.error).toBeUndefined();
    expect(result.values).toEqual([1, 2, 3]);
  });

  describe('close codes at connect', () => {
    /** Answers every API-key verification with 500, as a users subgraph that lost its database does. */
    let verifier: Server;
    let verifyUrl: string;
    const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { ...testLogger, error: (msg, fields) => void logged.push({ msg, fields }), child: () => logger };
    beforeAll(async () => {
      verifier = createServer((_req, res) => res.writeHead(500).end('{"errors":[{"message":"database is down"}]}'));
      await new Promise<void>((resolve) => verifier.listen(0, '127.0.0.1', resolve));
      verifyUrl = `http://127.0.0.1:${(verifier.address() as AddressInfo).port}/internal/api-keys/verify`;
    });
    afterAll(() => new Promise((r) => verifier.close(r)));

    it('closes with 4403 (Forbidden) for credentials that fail verification', async () => {
      const router = await start(true, { apiKeyVerifyUrl: verifyUrl, logger });
      for (const params of [{ authorization: 'Bearer not-a-jwt' }, { authorization: 'Basic abc' }]) {
        const result = await subscribe(router, params);
        expect(result.values).toEqual([]);
        expect(result.error).toMatchObject({ code: CloseCode.Forbidden, reason: 'Forbidden' });
      }
      expect(logged).toEqual([]);
    });

    it('closes with 1011 (Internal error) and logs it when the API-key verification endpoint fails', async () => {
      const router = await start(true, { apiKeyVerifyUrl: verifyUrl, logger });
      logged.length = 0;
      const result = await subscribe(router, { 'x-api-key': mintApiKey('sgk').secret });
      expect(result.values).toEqual([]);
      expect(result.error).toMatchObject({ code: 1011, reason: 'Internal error' });
      expect(logged.map((l) => l.msg)).toContain('graphql-ws connection could not be authenticated');
    });

    it('closes with 1011 when the endpoint cannot be reached at all', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      const router = await start(false, { apiKeyVerifyUrl: `http://127.0.0.1:${port}/verify`, logger });
      logged.length = 0;
      const result = await subscribe(router, { 'x-api-key': mintApiKey('sgk').secret });
      expect(result.error).toMatchObject({ code: 1011, reason: 'Internal error' });
      expect(logged.map((l) => l.msg)).toContain('graphql-ws connection could not be authenticated');
    });
  });

  it('reads SUBSCRIPTIONS_ALLOW_ANONYMOUS, off unless set', () => {
    expect(readRouterEnv({}).SUBSCRIPTIONS_ALLOW_ANONYMOUS).toBe(false);
    expect(readRouterEnv({ SUBSCRIPTIONS_ALLOW_ANONYMOUS: 'true' }).SUBSCRIPTIONS_ALLOW_ANONYMOUS).toBe(true);
    expect(readRouterEnv({ SUBSCRIPTIONS_ALLOW_ANONYMOUS: 'false' }).SUBSCRIPTIONS_ALLOW_ANONYMOUS).toBe(false);
  });
});
