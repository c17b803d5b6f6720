import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PRODUCTION_TEST_ENV, subgraphManifest } from './helpers/compose';
import { spawnService, stopAllServices, type ServiceProcess } from './helpers/processes';
import { Client, registerCustomer } from './helpers/supergraph';

const ROOT = join(__dirname, '..');

/**
 * `npm run build` compiles every workspace to dist/, and the container runs that JavaScript with
 * plain `node` (no tsx). This runs the same build (turbo caches it, so a second run takes
 * seconds) and starts the router and the users subgraph from dist/: a query answered through
 * both proves that the compiled code resolves its sibling workspaces' compiled code.
 */
describe('the build', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'build-test-'));
  let router: ServiceProcess;

  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
    // Production refuses the development secrets published in the repository: the compose tests' own.
    const secrets = { ...PRODUCTION_TEST_ENV, NODE_ENV: 'production' };
    const users = await spawnService('users (dist)', 'subgraphs/users', { ...secrets, PORT: '0', DATA_DIR: dataDir }, 60_000, ['--enable-source-maps', 'dist/index.js']);
    // Only users is started: the other subgraphs point at a closed port and this query needs none of them.
    const subgraphUrls = Object.fromEntries(subgraphManifest().map(({ name }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, name === 'users' ? `${users.url}/graphql` : 'http://127.0.0.1:1/graphql']));
    router = await spawnService('router (dist)', 'router', { ...secrets, ...subgraphUrls, PORT: '0' }, 60_000, ['--enable-source-maps', 'dist/index.js']);
  }, 300_000);

  afterAll(async () => {
    await stopAllServices();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("compiles each workspace's entry point, and the compiled code imports it from there", () => {
    // swc.build.json rewrites `@supergraph/<name>` imports to the sibling's compiled `main`: a
    // workspace missing there (or whose main moved) would be required from src/*.ts at run time.
    const { paths } = (JSON.parse(readFileSync(join(ROOT, 'swc.build.json'), 'utf8')) as { jsc: { paths: Record<string, string[]> } }).jsc;
    const workspaces = readdirSync(join(ROOT, 'node_modules/@supergraph')).map((name) => realpathSync(join(ROOT, 'node_modules/@supergraph', name)));
    // Workspaces with a compiled `main` (clients/web builds a browser bundle, not a module others import).
    const built = workspaces.filter((dir) => {
      const { scripts, main } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; main?: string };
      return scripts?.build && main;
    });
    expect(built.length).toBeGreaterThanOrEqual(9);
    for (const dir of built) {
      const { name, main } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; main: string };
      const compiledMain = join(relative(ROOT, dir), main.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'));
      expect({ name, mapped: paths[name] }).toEqual({ name, mapped: [compiledMain] });
      expect({ name, built: existsSync(join(ROOT, compiledMain)) }).toEqual({ name, built: true });
    }
    for (const { name } of subgraphManifest()) expect(existsSync(join(ROOT, 'subgraphs', name, 'dist/index.js'))).toBe(true);
    // The subgraphs read their schema next to their code.
    expect(existsSync(join(ROOT, 'subgraphs/users/dist/schema.graphql'))).toBe(true);
  });

  it('serves a query through the compiled router and the compiled users subgraph', async () => {
    expect(await (await fetch(`${router.url}/health`)).json()).toMatchObject({ status: 'ok' });
    const customer: Client = await registerCustomer(`${router.url}/graphql`, 'built');
    expect(await customer.data('{ me { id name } }')).toEqual({ me: { id: customer.userId, name: 'built' } });
  });

  it('loads no TypeScript source at run time', async () => {
    // Every @supergraph/* import in the compiled code points at a sibling's dist/, never at src/.
    const server = readFileSync(join(ROOT, 'router/dist/server.js'), 'utf8');
    expect(server).toMatch(/require\("\.\.\/\.\.\/packages\/service-kit\/dist\/index(\.js)?"\)/);
    expect(server).not.toMatch(/require\("@supergraph\//);
  });
});
