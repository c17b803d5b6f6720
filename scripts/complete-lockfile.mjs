// Adds to package-lock.json the optional, platform-specific packages (darwin/windows builds of
// swc, turbo, jest's resolver) that the npm registry mirror used here cannot serve. `npm install`
// leaves them out of the lock, and `npm ci` then refuses the lock as out of sync; listed as
// optional, they are skipped on this platform as usual. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const meta of Object.values(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    packages[key] = { version, optional: true };
    added++;
  }
}
const { '': root, ...rest } = packages;
lock.packages = { '': root, ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform packages to package-lock.json`);
