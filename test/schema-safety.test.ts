import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn, scratchRepository } from './helpers/scratch-repository';

/**
 * `npm run schema:check` and `npm run clients:check` on a scratch copy of the repository: a client
 * document uses Product.description on main, a branch removes the field from the products
 * subgraph. Both checks must fail naming the field; marked intentional, the break passes
 * schema:check while clients:check still fails, because a client still asks for the field.
 */
const CLIENT_DOCUMENT = `# A client of the catalogue, as clients/* write them.
query SchemaSafetyCatalogue {
  products(first: 5) {
    edges {
      node {
        id
        name
        description
      }
    }
  }
}
`;

describe('schema safety checks', () => {
  let copy: string;
  /**
   * An npm script of the copy's package.json run as npm runs it (`sh -c`, node_modules/.bin first on
   * PATH) without npm's own start-up, a second of CPU per run; checks run side by side.
   */
  const npmRun = (script: string) =>
    new Promise<{ status: number | null; output: string }>((resolve) => {
      const command = (JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script];
      // The base is the copy's own main, whatever SCHEMA_BASE_REF the run around this test has.
      const env = { ...process.env, PATH: `${join(copy, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, SCHEMA_BASE_REF: '' };
      execFile('sh', ['-c', command], { cwd: copy, env }, (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
      });
    });
  const edit = (file: string, change: (text: string) => string) => {
    const before = readFileSync(join(copy, file), 'utf8');
    const after = change(before);
    expect(after).not.toBe(before);
    writeFileSync(join(copy, file), after);
  };

  beforeAll(() => {
    copy = scratchRepository('schema-safety-');
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('passes on main itself, and with no client documents', async () => {
    rmSync(join(copy, 'clients'), { recursive: true, force: true });
    const [schema, clients] = await Promise.all([npmRun('schema:check'), npmRun('clients:check')]);
    expect(schema).toMatchObject({ status: 0 });
    expect(schema.output).toMatch(/the base main \(merge-base [0-9a-f]{12}\) is the current commit/);
    expect(schema.output).toContain('0 breaking, 0 dangerous');
    expect(clients).toEqual({ status: 0, output: expect.stringContaining('no client documents') });
  }, 120_000);

  it('fails both checks when a branch removes a field a client uses, and only the client check once the break is marked intentional', async () => {
    mkdirSync(join(copy, 'clients/fixture'), { recursive: true });
    writeFileSync(join(copy, 'clients/fixture/catalogue.graphql'), CLIENT_DOCUMENT);
    gitIn(copy, 'add', '-A');
    gitIn(copy, 'commit', '--quiet', '-m', 'a client of the catalogue');
    expect(await npmRun('clients:check')).toEqual({ status: 0, output: expect.stringContaining('1 operations and 0 fragments in 1 files') });

    const forkPoint = gitIn(copy, 'rev-parse', 'HEAD').slice(0, 12);
    gitIn(copy, 'checkout', '--quiet', '-b', 'remove-description');
    edit('subgraphs/products/src/schema.graphql', (sdl) => sdl.replace(/(type Product @key\(fields: "id"\) \{[^}]*?)\n {2}description: String!/, '$1'));
    // A dangerous change rides along: printed, never fatal.
    edit('subgraphs/products/src/schema.graphql', (sdl) => sdl.replace(/(enum SortDirection \{\n {2}ASC\n {2}DESC)/, '$1\n  RANDOM'));
    gitIn(copy, 'commit', '--quiet', '-am', 'products: Product.description removed');
    // Meanwhile main gains a field: the branch, now behind main, must not count it as removed.
    gitIn(copy, 'checkout', '--quiet', 'main');
    edit('subgraphs/products/src/schema.graphql', (sdl) => sdl.replace(/(type Product @key\(fields: "id"\) \{\n {2}id: ID!)/, '$1\n  barcode: String'));
    expect(await npmRun('compose')).toMatchObject({ status: 0 });
    gitIn(copy, 'commit', '--quiet', '-am', 'products: Product.barcode');
    gitIn(copy, 'checkout', '--quiet', 'remove-description');

    const [schema, clients] = await Promise.all([npmRun('schema:check'), npmRun('clients:check')]);
    expect(schema.status).toBe(1);
    expect(schema.output).toContain(`API schema against main (merge-base ${forkPoint}): 1 breaking, 1 dangerous`);
    expect(schema.output).not.toContain('barcode');
    expect(schema.output).toContain("FIELD_REMOVED Product.description: Field 'description' was removed from object type 'Product'");
    expect(schema.output).toMatch(/Dangerous[^\n]*\n {2}- ENUM_VALUE_ADDED SortDirection\.RANDOM/);
    expect(clients.status).toBe(1);
    expect(clients.output).toContain('clients/fixture/catalogue.graphql:8 (query SchemaSafetyCatalogue): Cannot query field "description" on type "Product".');

    writeFileSync(join(copy, 'schema/intentional-changes.yaml'), 'changes:\n  - type: FIELD_REMOVED\n    path: Product.description\n    reason: the catalogue shows names only from now on\n');
    const [marked, stillUsed] = await Promise.all([npmRun('schema:check'), npmRun('clients:check')]);
    expect(marked.status).toBe(0);
    expect(marked.output).toMatch(/marked intentional[^\n]*\n {2}- FIELD_REMOVED Product\.description/);
    expect(stillUsed).toMatchObject({ status: 1, output: expect.stringContaining('Cannot query field "description" on type "Product"') });
  }, 180_000);

  it('refuses an intentional change without a reason', async () => {
    writeFileSync(join(copy, 'schema/intentional-changes.yaml'), 'changes:\n  - type: FIELD_REMOVED\n    path: Product.description\n');
    const schema = await npmRun('schema:check');
    expect(schema.status).toBe(1);
    expect(schema.output).toContain('schema/intentional-changes.yaml is malformed:\n  - changes.0.reason:');
  }, 120_000);
});
