import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ErrorCode, errorCodeDescriptions, isErrorCode } from '../src';

/**
 * `@supergraph/errors` is the only source of error codes: every `extensions.code` the sources set
 * or a test expects as a string literal must be registered there (`ErrorCode.X` that does not exist
 * is a typecheck error already).
 */
const ROOT = join(__dirname, '../../..');
const SCANNED = ['packages', 'subgraphs', 'router', 'embedded', 'test'];

/** `code: 'X'`, `code = 'X'`, `code === 'X'`, and in tests `expect(….code).toBe('X')`. */
const LITERALS = [/\bcode\s*(?::|===?|!==?)\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g, /\.code\)\.toBe\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g];

/** Node's system error codes (`ENOENT`, `ECONNREFUSED`, the network guard's `ENETWORKGUARD`) are not GraphQL codes. */
const SYSTEM_ERROR_CODE = /^E[A-Z]+$/;

/**
 * Codes that are data, not errors: the values of a schema's `…Code` enums (telemetry's
 * `ReadingRejectionCode` explains a refused reading inside a successful answer).
 */
const DATA_CODES = new Set(
  readdirSync(join(ROOT, 'subgraphs')).flatMap((name) => {
    const sdl = readFileSync(join(ROOT, 'subgraphs', name, 'src/schema.graphql'), 'utf8');
    return [...sdl.matchAll(/enum \w+Code \{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*$/gm)].map((v) => v[1]));
  }),
);

function codeLiterals(text: string): { code: string; line: number }[] {
  const found: { code: string; line: number }[] = [];
  for (const pattern of LITERALS) {
    for (const match of text.matchAll(pattern)) {
      if (!SYSTEM_ERROR_CODE.test(match[1]) && !DATA_CODES.has(match[1])) found.push({ code: match[1], line: text.slice(0, match.index).split('\n').length });
    }
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'data' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  it('finds a code literal the registry lacks', () => {
    const text = "throw new GraphQLError('x', { extensions: { code: 'NOT_A_CODE' } });\nexpect(e.extensions?.code).toBe('ALSO_NOT');";
    expect(codeLiterals(text).filter(({ code }) => !isErrorCode(code))).toEqual([
      { code: 'NOT_A_CODE', line: 1 },
      { code: 'ALSO_NOT', line: 2 },
    ]);
  });

  it('every code literal in the sources and tests is registered in @supergraph/errors', () => {
    // (not this file: its own examples are unregistered on purpose)
    const files = SCANNED.flatMap((dir) => sources(join(ROOT, dir))).filter((file) => file !== __filename);
    const literals = files.flatMap((file) => codeLiterals(readFileSync(file, 'utf8')).map((l) => ({ ...l, file: relative(ROOT, file) })));
    // The scan must see the code base's literals (tests expect codes as strings throughout).
    expect(literals.length).toBeGreaterThan(40);
    expect(literals.filter(({ code }) => !isErrorCode(code)).map(({ file, line, code }) => `${file}:${line} ${code}`)).toEqual([]);
  });

  it('describes every code, and names each after itself', () => {
    for (const [name, code] of Object.entries(ErrorCode)) {
      expect(code).toBe(name);
      expect(errorCodeDescriptions[code]).toMatch(/\w/);
    }
  });
});
