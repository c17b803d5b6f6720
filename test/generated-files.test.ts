import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { composeSupergraph, SUPERGRAPH_PATH } from '../scripts/supergraph';

const ROOT = join(__dirname, '..');

describe('committed generated files', () => {
  it('schema/supergraph.graphql composes without errors and matches the subgraphs (run `npm run compose`)', () => {
    const { supergraphSdl, errors } = composeSupergraph();
    expect(errors).toEqual([]);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8').trim()).toBe(supergraphSdl!.trim());
  });

  it('typed resolvers are what codegen.yml generates from the schemas (run `npm run codegen`)', () => {
    const config = parse(readFileSync(join(ROOT, 'codegen.yml'), 'utf8'), { merge: true });
    const out = mkdtempSync(join(tmpdir(), 'codegen-'));
    try {
      const targets = Object.keys(config.generates);
      config.generates = Object.fromEntries(targets.map((target, i) => [join(out, `${i}.ts`), config.generates[target]]));
      writeFileSync(join(out, 'codegen.yml'), stringify(config));
      execFileSync(join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', join(out, 'codegen.yml'), '--silent'], { cwd: ROOT, stdio: 'pipe' });
      targets.forEach((target, i) => {
        expect({ target, content: readFileSync(join(out, `${i}.ts`), 'utf8') }).toEqual({ target, content: readFileSync(join(ROOT, target), 'utf8') });
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
