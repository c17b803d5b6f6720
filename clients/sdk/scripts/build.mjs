// Builds the package: dist/esm (ES modules) and dist/cjs (CommonJS), each with its own
// package.json `type` and the declarations next to the code, so `import` and `require` both get
// types that match the module format. swc compiles, tsc writes the declarations.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFileSync } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

const sources = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => join(entry.parentPath, entry.name));

rmSync(dist, { recursive: true, force: true });
execFileSync(join(root, '../../node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.build.json'), '--outDir', join(dist, 'esm')], { stdio: 'inherit' });
cpSync(join(dist, 'esm'), join(dist, 'cjs'), { recursive: true });

for (const [format, type] of [
  ['esm', 'module'],
  ['cjs', 'commonjs'],
]) {
  for (const file of sources) {
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      // `ignoreDynamic`: the optional `ws` stays a dynamic import(), which both formats can run.
      module: format === 'esm' ? { type: 'es6' } : { type: 'commonjs', ignoreDynamic: true },
      swcrc: false,
    });
    const out = join(dist, format, relative(src, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  writeFileSync(join(dist, format, 'package.json'), JSON.stringify({ type }) + '\n');
}
