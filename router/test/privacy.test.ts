import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { apolloTelemetryDisabled } from '../src/privacy';
import { startRouter, type RunningRouter } from '../src/server';

/**
 * @apollo/gateway starts Apollo's data collection (cloud metadata probes, metrics to Apollo) in
 * every ApolloGateway unless APOLLO_TELEMETRY_DISABLED says otherwise; the router turns it off
 * unless the operator opted in. Under the suite's network guard (test/network-guard.cjs), any
 * attempt of this process to reach beyond loopback is recorded under its pid.
 */
const attemptsOfThisProcess = () =>
  readFileSync(process.env.NETWORK_GUARD_LOG!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((record) => record.pid === process.pid);

describe('router: no data collection by default', () => {
  let subgraph: Server;
  const routers: RunningRouter[] = [];

  beforeAll(async () => {
    const typeDefs = parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Query { ping: Int }`);
    const schema = buildSubgraphSchema([{ typeDefs, resolvers: { Query: { ping: () => 1 } } }]);
    subgraph = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', async () => {
        const { query, variables } = JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(await execute({ schema, document: parse(query), variableValues: variables })));
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
    const composed = composeServices([{ name: 'ping', url, typeDefs }]);
    if (composed.errors) throw composed.errors[0];
    for (const executor of ['fast', 'stock'] as const) {
      routers.push(
        await startRouter({
          supergraphSdl: composed.supergraphSdl,
          identitySecret: TEST_IDENTITY_SECRET,
          jwtSecret: TEST_JWT_SECRET,
          limits: { maxDepth: 10, maxAliases: 10, maxCost: 1000, maxTokens: 1000 },
          logger: testLogger,
          executor,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const router of routers) await router.close();
    await new Promise((resolve) => subgraph.close(resolve));
  });

  it('leaves APOLLO_TELEMETRY_DISABLED resolved to disabled, and neither gateway reaches beyond loopback while serving', async () => {
    expect(['true', '1']).toContain(process.env.APOLLO_TELEMETRY_DISABLED); // 'true' unless the run itself set '1'
    expect(apolloTelemetryDisabled()).toBe(true);
    expect(process.env.NETWORK_GUARD_LOG).toBeTruthy();
    for (const router of routers) {
      const res = await fetch(`${router.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ping }"}' });
      expect(await res.json()).toEqual({ data: { ping: 1 } });
    }
    // The cloud detectors would have started their metadata requests right after construction.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attemptsOfThisProcess()).toEqual([]);
  });

  it.each([
    [undefined, 'true'],
    ['', 'true'],
    ['false', 'false'],
    ['1', '1'],
  ])('APOLLO_TELEMETRY_DISABLED=%p becomes %p: the operator’s explicit choice stands', (value, expected) => {
    const before = process.env.APOLLO_TELEMETRY_DISABLED;
    try {
      if (value === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = value;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module's side effect must run again, in isolation, for each value
      jest.isolateModules(() => require('../src/privacy'));
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe(expected);
    } finally {
      if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = before;
    }
  });
});
