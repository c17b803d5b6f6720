import { ROUTER_ENV_KEYS } from '@supergraph/router/src/env';
import { SUBGRAPH_ENV_KEYS } from '@supergraph/service-kit';
import type { z } from 'zod';
import { readCompose, subgraphManifest } from './helpers/compose';

/** The variables a subgraph's own `settings` schema reads (through refinements and transforms). */
function settingsKeys(name: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each subgraph of the list, by name
  let schema = (require(`@supergraph/${name}`) as { subgraph: { settings?: z.ZodType } }).subgraph.settings as { shape?: object; in?: unknown } | undefined;
  while (schema && !schema.shape && schema.in) schema = schema.in;
  return schema?.shape ? Object.keys(schema.shape) : [];
}

/**
 * There is no Docker engine here, so docker-compose.yml cannot be run: these checks keep it
 * honest. The multi-process tests (test/processes.test.ts) start the same services with the
 * environment written here.
 */
describe('docker-compose.yml matches the code', () => {
  const { services } = readCompose();
  const subgraphs = subgraphManifest();
  const routers = Object.entries(services).filter(([, s]) => s.build?.args?.WORKSPACE === '@supergraph/router');

  it.each(subgraphs)('runs the $name subgraph from its workspace on its port with PostgreSQL and Redis', ({ name, port }) => {
    const service = services[name];
    expect(service).toBeDefined();
    expect(service.build?.args?.WORKSPACE).toBe(`@supergraph/${name}`);
    expect(service.environment).toMatchObject({ PORT: String(port), HOST: '0.0.0.0', NODE_ENV: 'production' });
    expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(service.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${port}/ready`);
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['postgres', 'redis']);
  });

  it('sets only environment variables that the subgraphs read', () => {
    for (const { name } of subgraphs) {
      const known = [...SUBGRAPH_ENV_KEYS, ...settingsKeys(name), `${name.toUpperCase()}_DATABASE_URL`];
      const unknown = Object.keys(services[name].environment ?? {}).filter((key) => !known.includes(key));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('runs two router replicas, each pointing at every subgraph by service name and port', () => {
    expect(routers.length).toBeGreaterThanOrEqual(2);
    for (const [name, router] of routers) {
      const env = router.environment ?? {};
      for (const { name: subgraph, port } of subgraphs) {
        expect({ router: name, url: env[`SUBGRAPH_${subgraph.toUpperCase()}_URL`] }).toEqual({ router: name, url: `http://${subgraph}:${port}/graphql` });
      }
      const unknown = Object.keys(env).filter((key) => !ROUTER_ENV_KEYS.includes(key) && !/^SUBGRAPH_[A-Z0-9_]+_URL$/.test(key));
      expect(unknown).toEqual([]);
      expect(router.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${env.PORT}/ready`);
      expect(Object.keys(router.depends_on ?? {}).sort()).toEqual(subgraphs.map((s) => s.name).sort());
    }
  });

  it('lists no service for a subgraph that does not exist', () => {
    const workspaces = Object.values(services)
      .map((s) => s.build?.args?.WORKSPACE)
      .filter((w): w is string => !!w && w !== '@supergraph/router');
    expect(workspaces.sort()).toEqual(subgraphs.map((s) => `@supergraph/${s.name}`).sort());
  });
});
