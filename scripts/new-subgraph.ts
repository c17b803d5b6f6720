// `npm run new:subgraph <name> [--entity <Type>]`: scaffolds subgraphs/<name>/ from
// scripts/subgraph-template/ (a first @key entity, its migration after the kit's event tables,
// loader, service, typed resolvers, seed and a behaviour test), adds it to schema/subgraphs.json
// with the next free port, and links the workspace. Everything else follows the list: compose,
// docker-compose.yml, codegen targets, the embedded default, the test helpers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(__dirname, '..');
const TEMPLATE = join(__dirname, 'subgraph-template');
const LIST = join(ROOT, 'schema/subgraphs.json');
/** The router's ports (4000, and router-2's 4100 in docker-compose.yml): never a subgraph's. */
const RESERVED_PORTS = [4000, 4100];
/** Type names the schema or the generated code already use. */
const RESERVED_TYPES = ['Query', 'Mutation', 'Subscription', 'DateTime', 'Entity', 'Column', 'Context', 'Resolvers'];

function fail(message: string): never {
  console.error(`new:subgraph: ${message}`);
  process.exit(1);
}

const pascal = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const camel = (word: string) => word.charAt(0).toLowerCase() + word.slice(1);
const snake = (word: string) => word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** "payments" → "Payment", "deliveries" → "Delivery"; `--entity` when English needs a hand. */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(s|x|ch|sh)es$/.test(word)) return word.replace(/es$/, '');
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return word.replace(/y$/, 'ies');
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { entity: { type: 'string' } } });
const name = positionals[0];
if (!name || positionals.length > 1) fail('usage: npm run new:subgraph <name> [-- --entity <Type>]');
// One word: it is the workspace, the database (supergraph_<name>), and SUBGRAPH_<NAME>_URL.
if (!/^[a-z][a-z0-9]{1,30}$/.test(name)) fail(`"${name}" must be lower-case letters and digits, starting with a letter`);
const Entity = values.entity ?? pascal(singular(name));
if (!/^[A-Z][A-Za-z0-9]*$/.test(Entity)) fail(`--entity "${Entity}" must be a PascalCase GraphQL type name`);
if (RESERVED_TYPES.includes(Entity)) fail(`--entity "${Entity}" is reserved; choose another type name`);

const list: { $comment?: string; subgraphs: { name: string; port: number }[] } = JSON.parse(readFileSync(LIST, 'utf8'));
if (list.subgraphs.some((s) => s.name === name)) fail(`schema/subgraphs.json already lists "${name}"`);
const target = join(ROOT, 'subgraphs', name);

const used = new Set([...RESERVED_PORTS, ...list.subgraphs.map((s) => s.port)]);
let port = Math.max(4000, ...list.subgraphs.map((s) => s.port)) + 1;
while (used.has(port)) port++;

const entity = camel(Entity);
const words: Record<string, string> = {
  name,
  Entity,
  entity,
  entities: plural(entity),
  ENTITY: snake(Entity).toUpperCase(),
  table: snake(Entity),
  timestamp: String(Date.now()),
};
const fill = (text: string) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in words)) throw new Error(`template placeholder {{${key}}} is unknown`);
    return words[key];
  });

/** Template file → the file it becomes in subgraphs/<name>/. */
function plan(from: string, to: string): [string, string][] {
  return readdirSync(from).flatMap((entry): [string, string][] => {
    const source = join(from, entry);
    const destination = join(to, fill(entry).replace(/\.tmpl$/, ''));
    return statSync(source).isDirectory() ? plan(source, destination) : [[source, destination]];
  });
}
const files = plan(TEMPLATE, target);
// A folder may already hold domain code written before it became a subgraph (e.g. src/domain/):
// the scaffold goes around it, but never overwrites a file.
const clashes = files.filter(([, destination]) => existsSync(destination)).map(([, destination]) => relative(ROOT, destination));
if (clashes.length) fail(`these files already exist, nothing was written:\n  ${clashes.join('\n  ')}`);
for (const [source, destination] of files) {
  mkdirSync(dirname(destination), { recursive: true });
  writeFileSync(destination, fill(readFileSync(source, 'utf8')));
}

// One entry per line, as the file is written by hand elsewhere.
list.subgraphs.push({ name, port });
const { $comment, subgraphs } = list;
writeFileSync(
  LIST,
  `{\n${$comment ? `  "$comment": ${JSON.stringify($comment)},\n` : ''}  "subgraphs": [\n${subgraphs.map((s) => `    { "name": ${JSON.stringify(s.name)}, "port": ${s.port} }`).join(',\n')}\n  ]\n}\n`,
);

// The compiled build resolves @supergraph/<name> to its dist/ (swc.build.json; test/build.test.ts checks it).
const SWC = join(ROOT, 'swc.build.json');
const swc = JSON.parse(readFileSync(SWC, 'utf8')) as { jsc: { paths: Record<string, string[]> } };
swc.jsc.paths[`@supergraph/${name}`] = [`subgraphs/${name}/dist/server.js`];
writeFileSync(SWC, `${JSON.stringify(swc, null, 2)}\n`);

// Linking: the symlink npm itself would make (node_modules/@supergraph/<name>), so that the
// embedded default can require it at once, and the workspace recorded in package-lock.json so that
// `npm ci` keeps working. Neither needs the network: the new workspace depends only on workspaces.
const link = join(ROOT, 'node_modules/@supergraph', name);
if (existsSync(dirname(link)) && !existsSync(link)) symlinkSync(relative(dirname(link), target), link, 'dir');
try {
  execFileSync('npm', ['install', '--package-lock-only', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/complete-lockfile.mjs')], { cwd: ROOT, stdio: 'pipe' });
} catch (error) {
  console.warn(`package-lock.json was not updated (${(error as Error).message.split('\n')[0]}): run \`npm install\` and \`node scripts/complete-lockfile.mjs\``);
}

console.log(`created subgraphs/${name} (type ${Entity}, query fields ${words.entity} and ${words.entities}) on port ${port}, listed in schema/subgraphs.json.

Next:
  npm run compose && npm run codegen   # supergraph.graphql, docker-compose.yml and src/__generated__
  npm run typecheck:all
  PORT=0 npm start                     # the supergraph with ${name}; try { ${words.entities} { id name } }
  npm test -- subgraphs/${name}        # its first behaviour test; \`npm test\` runs everything
Then make ${Entity} yours: src/schema.graphql, entities, migrations, services, resolvers, seed.`);
