import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CORE = join(__dirname, '..');
const COMMITTED = join(CORE, 'src/gql');

describe('clients/core typed documents', () => {
  it('are what codegen.ts generates from the documents and the supergraph API schema (run `npm run codegen -w clients/core`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'client-core-gql-'));
    try {
      execFileSync(join(CORE, '../../node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--silent'], { cwd: CORE, env: { ...process.env, CODEGEN_OUT_DIR: `${out}/` }, stdio: 'pipe' });
      expect(readdirSync(out).sort()).toEqual(readdirSync(COMMITTED).sort());
      readdirSync(out).forEach((file) => expect({ file, content: readFileSync(join(out, file), 'utf8') }).toEqual({ file, content: readFileSync(join(COMMITTED, file), 'utf8') }));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
