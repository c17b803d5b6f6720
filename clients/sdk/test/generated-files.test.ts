import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import codegen from '../codegen';
import { API_SCHEMA_PATH, apiSchemaSdl } from '../scripts/api-schema';

const SDK = join(__dirname, '..');
const TYPES = 'src/__generated__/operations.ts';

describe("the SDK's committed generated files (run `npm run codegen -w clients/sdk`)", () => {
  it('api-schema.graphql is the API schema of schema/supergraph.graphql', () => {
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(apiSchemaSdl());
  });

  it('the typed documents are what codegen makes of src/operations', () => {
    const out = mkdtempSync(join(tmpdir(), 'sdk-codegen-'));
    try {
      writeFileSync(join(out, 'codegen.json'), JSON.stringify({ ...codegen, generates: { [join(out, 'operations.ts')]: codegen.generates[TYPES] } }));
      execFileSync(join(SDK, '../../node_modules/.bin/graphql-codegen'), ['--config', join(out, 'codegen.json'), '--silent'], { cwd: SDK, stdio: 'pipe' });
      expect(readFileSync(join(out, 'operations.ts'), 'utf8')).toBe(readFileSync(join(SDK, TYPES), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
