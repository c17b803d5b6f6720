import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { graphql } from '@supergraph/testkit';
import { networkGuardEnv } from './helpers/network-guard';

/**
 * A new domain is three steps: `npm run new:subgraph <name>`, `npm run compose && npm run codegen`,
 * then write the domain. This runs them on a copy of the repository (its tracked and new files,
 * node_modules shared by symlink except the workspace links, which point into the copy), so the real
 * checkout is never touched, and checks that the new subgraph is composed, typed, tested and served
 * through the router by the embedded default with no other edit.
 */
const ROOT = join(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** The repository's files (tracked, plus new ones not yet committed) and a node_modules of its own. */
function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'new-subgraph-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  mkdirSync(join(copy, 'node_modules/@supergraph'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '@supergraph') symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
  }
  // Workspace links are relative (../../subgraphs/users): recreated, they point into the copy.
  for (const entry of readdirSync(join(ROOT, 'node_modules/@supergraph'))) {
    symlinkSync(readlinkSync(join(ROOT, 'node_modules/@supergraph', entry)), join(copy, 'node_modules/@supergraph', entry));
  }
  return copy;
}

const EMBEDDED_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...networkGuardEnv(), LOG_LEVEL: 'error' };

describe('npm run new:subgraph', () => {
  let copy: string;
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: copy, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...EMBEDDED_ENV } });

  beforeAll(() => {
    copy = copyRepository();
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('scaffolds a domain that compose, codegen, typecheck, its own test and the embedded supergraph pick up', async () => {
    // Step 1: the scaffold, its entry in the list with the next free port, and the link.
    run(bin('tsx'), ['scripts/new-subgraph.ts', 'sample']);
    const list = JSON.parse(readFileSync(join(copy, 'schema/subgraphs.json'), 'utf8')).subgraphs;
    const ports = list.filter((s: { name: string }) => s.name !== 'sample').map((s: { port: number }) => s.port);
    expect(list.at(-1)).toEqual({ name: 'sample', port: Math.max(...ports) + 1 });
    expect(readlinkSync(join(copy, 'node_modules/@supergraph/sample'))).toBe('../../subgraphs/sample');
    const lock = JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/@supergraph/sample']).toMatchObject({ resolved: 'subgraphs/sample', link: true });

    // Step 2: generated files follow the list.
    run(bin('tsx'), ['scripts/compose.ts']);
    run(bin('graphql-codegen'), ['--config', 'codegen.ts', '--silent']);
    expect(readFileSync(join(copy, 'schema/supergraph.graphql'), 'utf8')).toMatch(/join__Graph[\s\S]*SAMPLE @join__graph\(name: "sample"/);
    const compose = readFileSync(join(copy, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain('WORKSPACE: "@supergraph/sample"');
    expect(compose).toContain(`SUBGRAPH_SAMPLE_URL: http://sample:${Math.max(...ports) + 1}/graphql`);
    expect(existsSync(join(copy, 'subgraphs/sample/src/__generated__/resolvers-types.ts'))).toBe(true);
    run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);

    // Its first behaviour test passes as scaffolded.
    run(bin('jest'), ['--ci', 'subgraphs/sample']);

    // The embedded default serves it through the router, seeded.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: join(copy, 'embedded'),
      env: { ...EMBEDDED_ENV, PORT: '0', DATA_DIR: join(copy, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`the supergraph did not start:\n${output}`)), 180_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Supergraph ready: (\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`the supergraph exited with ${code}:\n${output}`)));
      });
      const res = await graphql(url, '{ samples(first: 5) { id name createdAt } }');
      expect(res.errors).toBeUndefined();
      expect(res.data.samples.map((s: { name: string }) => s.name)).toEqual(['Second sample', 'First sample']);
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  }, 420_000);
});
