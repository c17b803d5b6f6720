import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import codegen from '../codegen';
import { dockerCompose } from '../scripts/docker-compose';
import { composeSupergraph, subgraphList, SUPERGRAPH_PATH } from '../scripts/supergraph';

const ROOT = join(__dirname, '..');

describe('committed generated files', () => {
  it('schema/supergraph.graphql composes without errors and matches the subgraphs (run `npm run compose`)', () => {
    const { supergraphSdl, errors } = composeSupergraph();
    expect(errors).toEqual([]);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8').trim()).toBe(supergraphSdl!.trim());
  });

  it('docker-compose.yml is what scripts/docker-compose.ts generates from schema/subgraphs.json (run `npm run compose`)', () => {
    expect(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).toBe(dockerCompose(subgraphList()));
  });

  it('typed resolvers are what codegen.ts generates from the schemas of schema/subgraphs.json (run `npm run codegen`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'codegen-'));
    try {
      // The same targets, written to a temporary folder: the committed files must equal them.
      const targets = Object.keys(codegen.generates);
      expect(targets.sort()).toEqual(
        subgraphList()
          .map(({ name }) => `subgraphs/${name}/src/__generated__/resolvers-types.ts`)
          .sort(),
      );
      const config = { ...codegen, generates: Object.fromEntries(targets.map((target, i) => [join(out, `${i}.ts`), codegen.generates[target]])) };
      writeFileSync(join(out, 'codegen.json'), JSON.stringify(config));
      execFileSync(join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', join(out, 'codegen.json'), '--silent'], { cwd: ROOT, stdio: 'pipe' });
      targets.forEach((target, i) => {
        expect({ target, content: readFileSync(join(out, `${i}.ts`), 'utf8') }).toEqual({ target, content: readFileSync(join(ROOT, target), 'utf8') });
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
